"""`manage.py candidate_status`: finds stored statuses that a change around the services left
stale, and `--repair` stores them again."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scorecards.models import Candidate, CandidateStatus, LoopState
from tests.scorecards.packet_fixtures import panel

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("candidate_status", *args, stdout=out)
    return out.getvalue()


def test_a_status_changed_around_the_services_is_found_and_repaired(candidate):
    panel(candidate, 2)  # every scorecard submitted: ready for review
    assert "matches" in run()
    Candidate.objects.filter(pk=candidate.pk).update(loop_state=LoopState.NONE)  # by hand
    with pytest.raises(CommandError, match=rf"1 candidate\(s\).*ids {candidate.pk}\)"):
        run()
    assert f"ids {candidate.pk}" in run("--repair")
    assert "matches" in run()
    statuses = Candidate.objects.with_status().filter(pk=candidate.pk)
    assert statuses.get().status == CandidateStatus.READY


def test_an_unknown_role_is_named(candidate):
    with pytest.raises(CommandError, match="No role with the slug 'nope'"):
        run("--role", "nope")
