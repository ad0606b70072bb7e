"""Fixtures shared by the scorecards app's tests (builders that are plain functions live in the
*_fixtures.py modules beside this file)."""

import pytest

from tests.scorecards.packet_fixtures import submitted_scorecard


@pytest.fixture
def scored_candidate(candidate, interviewer, other_interviewer):
    """Two submitted scorecards (one with a red flag and a Strong no), one draft elsewhere."""
    submitted_scorecard(
        candidate,
        interviewer,
        [4, 3, 2, None],
        recommendation="yes",
        evidence="Walked through the design.",
    )
    submitted_scorecard(
        candidate,
        other_interviewer,
        [2, 3, None, None],
        recommendation="strong-no",
        red_flag_note="Blamed the on-call team for the outage.",
        evidence="Struggled with capacity.",
    )
    return candidate
