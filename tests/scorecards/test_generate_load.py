from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scorecards.demo.load import InvalidGeneratedScorecard, PlannedScorecard, check_scorecard
from scorecards.models import Candidate, Rating, Scorecard


def test_it_builds_full_loops_that_follow_the_submit_rules(role):
    call_command("generate_load", candidates=5, stdout=StringIO())

    assert Candidate.objects.filter(role=role).count() == 5
    assert Scorecard.objects.count() == 30
    strong = Rating.objects.filter(value__in=(1, 4))
    assert strong.exists()
    assert not strong.filter(evidence="").exists()
    assert not Scorecard.objects.submitted().filter(recommendation="").exists()


def test_running_it_again_adds_more_without_clashing(role):
    call_command("generate_load", candidates=3, stdout=StringIO())
    call_command("generate_load", candidates=3, stdout=StringIO())

    assert Candidate.objects.filter(role=role).count() == 6


def test_it_refuses_when_there_is_no_kit(db):
    with pytest.raises(CommandError, match="import_kits"):
        call_command("generate_load", candidates=3)


def test_a_strong_rating_without_evidence_is_refused():
    card = PlannedScorecard(
        ratings={1: 4}, evidence={}, red_flags={}, recommendation="yes", submitted=True
    )
    with pytest.raises(InvalidGeneratedScorecard, match="evidence"):
        check_scorecard(card)
