"""The hiring manager's board (the packets page): ready for a decision first, then awaiting
feedback, with each packet's figures, filters by role and state, sorting, a constant query
count; and a hiring manager's home is this board."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviewkit import personas
from scorecards.packets.load import load_packet
from scorecards.packets.trust import packet_trust
from scorecards.services.role_fits import role_fit_refresh
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    InterviewFactory,
    RoleFactory,
    UserFactory,
    make_kit,
)
from tests.scorecards.calibration_fixtures import history
from tests.scorecards.packet_fixtures import submitted_scorecard

pytestmark = pytest.mark.django_db

BOARD = reverse("scorecards:packet-list")


def board_names(html: str) -> list[str]:
    """The candidates' names in the order the board lists them."""
    rows = html.split('<th scope="row" data-label="Candidate">')[1:]
    return [row.split('">', 1)[1].split("</a>", 1)[0] for row in rows]


@pytest.fixture
def team(role, hiring_manager, interviewer, other_interviewer):
    """Ready (two scorecards in, a red flag), awaiting (one in, one interview held 3 days ago
    without a scorecard), no loop, and decided."""
    ready = CandidateFactory(role=role, name="Rae Ready")
    submitted_scorecard(ready, interviewer, [4, 4, 3, 3], recommendation="strong-yes")
    submitted_scorecard(
        ready, other_interviewer, [3, 2, 3, 3], recommendation="no", red_flag_note="Rude."
    )
    awaiting = CandidateFactory(role=role, name="Al Awaiting")
    submitted_scorecard(awaiting, interviewer, [2, 2, 2, 2], recommendation="no")
    InterviewFactory(
        candidate=awaiting,
        interviewer=other_interviewer,
        title="System design",
        scheduled_at=timezone.now() - timedelta(days=3, hours=1),
    )
    CandidateFactory(role=role, name="Nia No-loop")
    decided = CandidateFactory(role=role, name="Dee Decided")
    submitted_scorecard(decided, interviewer, [3, 3, 3, 3])
    DecisionFactory(candidate=decided, outcome="hire", decided_by=hiring_manager)
    return {"ready": ready, "awaiting": awaiting, "decided": decided}


def test_ready_for_a_decision_comes_first_then_awaiting_feedback(client, hiring_manager, team):
    client.force_login(hiring_manager)
    html = client.get(BOARD).content.decode()
    assert board_names(html) == ["Rae Ready", "Al Awaiting", "Nia No-loop"]
    assert "Dee Decided" not in html  # decided candidates are one filter away
    ready_row, awaiting_row = html.split('data-label="Candidate">')[1:3]
    score = load_packet(team["ready"]).aggregate.overall
    assert f"<strong>{score:.2f}</strong> / 4" in ready_row
    assert "Ready for a decision" in ready_row and "waiting since today" in ready_row
    assert "1 Strong yes" in ready_row and "1 No" in ready_row
    assert '<span class="score-bad fw-bold">1</span>' in ready_row  # the red flag
    assert "Awaiting feedback" in awaiting_row and "waiting 3 days" in awaiting_row
    assert "1 of 2 scorecards in" in awaiting_row


def test_the_filters_keep_one_role_or_one_state(client, hiring_manager, team, role):
    other = RoleFactory(title="Data Analyst")
    make_kit(role=other)
    other.hiring_managers.add(hiring_manager)
    CandidateFactory(role=other, name="Otto Other")
    client.force_login(hiring_manager)
    assert "Otto Other" in board_names(client.get(BOARD).content.decode())
    only_role = client.get(BOARD, {"role": role.slug}).content.decode()
    assert "Otto Other" not in board_names(only_role)
    assert board_names(client.get(BOARD, {"state": "decided"}).content.decode()) == ["Dee Decided"]
    assert board_names(client.get(BOARD, {"state": "ready"}).content.decode()) == ["Rae Ready"]
    # An unknown filter or sort is the default, never an error.
    assert client.get(BOARD, {"state": "nonsense", "sort": "x", "role": "nope"}).status_code == 200


def test_sorting_by_score_puts_the_highest_first_and_unscored_last(client, hiring_manager, team):
    client.force_login(hiring_manager)
    html = client.get(BOARD, {"sort": "score", "state": "all"}).content.decode()
    assert board_names(html) == ["Rae Ready", "Dee Decided", "Al Awaiting", "Nia No-loop"]
    assert 'aria-sort="descending"' in html


def test_the_range_is_the_packets_own_from_the_stored_model(client, role, hiring_manager):
    users = history(role)["users"]
    candidate = CandidateFactory(role=role, name="Ranger")
    for name in ("hot", "steady"):
        submitted_scorecard(candidate, users[name], [3, 2, 3, 2])
    role_fit_refresh(role=role)
    raw = packet_trust(candidate)["figures"].raw
    assert raw.reported
    client.force_login(hiring_manager)
    row = client.get(BOARD, {"state": "ready"}).content.decode().split("Ranger", 1)[1]
    assert f"likely {raw.low:.1f}–{raw.high:.1f}" in row.split("</tr>", 1)[0]


def test_the_query_count_does_not_grow_with_the_candidates(
    client, role, hiring_manager, interviewer, django_assert_num_queries
):
    def add(count):
        for i in range(count):
            candidate = CandidateFactory(role=role, name=f"Cand {i}")
            submitted_scorecard(candidate, interviewer, [3, 3, 2, 2])

    add(2)
    client.force_login(hiring_manager)
    client.get(BOARD)  # the session and the login are read once and cached below
    # 1 session, 2 user, 3 persona groups, 4 the team's roles, 5 their candidates, 6–12 the
    # packets (load_packets' seven), 13 the scorecards' interviewers, 14 the role's stored
    # model (none yet: no second query).
    with django_assert_num_queries(14):
        small = client.get(BOARD)
    add(6)
    with django_assert_num_queries(14):
        large = client.get(BOARD)
    assert len(board_names(small.content.decode())) == 2
    assert len(board_names(large.content.decode())) == 8


def test_a_hiring_manager_lands_on_the_board_and_a_recruiter_on_the_candidates(
    client, role, hiring_manager, recruiter
):
    client.force_login(hiring_manager)
    assert client.get(reverse("home")).url == BOARD
    client.force_login(recruiter)
    assert client.get(reverse("home")).url == reverse("scorecards:candidate-home")


def test_an_interviewer_on_no_team_is_pointed_to_their_interviews(client, db):
    client.force_login(UserFactory(username="solo", persona=personas.INTERVIEWERS))
    html = client.get(BOARD).content.decode()
    assert "not on any role's hiring team" in html
    assert reverse("scorecards:my-interviews") in html
