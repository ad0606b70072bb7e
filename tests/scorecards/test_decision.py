"""decision_record: validated, audited, and revisions keep the history."""

import pytest
from django.core.exceptions import ValidationError

from interviewkit.models import AuditEvent
from scorecards.models import Decision
from scorecards.packets.load import load_packet
from scorecards.services.decisions import WITHOUT_SCORECARDS, decision_record
from tests.factories import ScorecardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scored(candidate, kit):
    """The candidate has a submitted scorecard: these decisions rest on the panel's feedback
    (deciding without any is test_decision's `..._without_any_scorecard_...`)."""
    return ScorecardFactory(submitted=True, interview__candidate=candidate, kit=kit)


def test_a_decision_is_recorded_with_its_rationale_and_audited(candidate, hiring_manager):
    decision = decision_record(
        candidate=candidate, outcome="hire", rationale="  Strong panel.  ", by=hiring_manager
    )
    assert (decision.outcome, decision.rationale, decision.decided_by) == (
        "hire",
        "Strong panel.",
        hiring_manager,
    )
    event = AuditEvent.objects.get(action="decision.record")
    assert event.role == candidate.role
    assert event.detail == {"outcome": "hire", "previous": None, "candidate_id": candidate.pk}


def test_a_revision_is_a_new_decision_and_the_old_one_stays(candidate, hiring_manager):
    first = decision_record(
        candidate=candidate, outcome="hold", rationale="Wait.", by=hiring_manager
    )
    second = decision_record(
        candidate=candidate, outcome="no-hire", rationale="Panel said no.", by=hiring_manager
    )
    first.refresh_from_db()
    assert first.outcome == "hold"
    packet = load_packet(candidate)
    assert packet.decision == second
    assert list(packet.decisions) == [second, first]
    assert AuditEvent.objects.filter(action="decision.record").last().detail["previous"] is None
    assert AuditEvent.objects.filter(action="decision.record").first().detail["previous"] == "hold"


@pytest.mark.parametrize(
    ("outcome", "rationale", "field"),
    [
        ("maybe", "Why not.", "outcome"),
        ("hire", "   ", "rationale"),
        ("hire", "x" * 5001, "rationale"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_is_saved(
    candidate, hiring_manager, outcome, rationale, field
):
    with pytest.raises(ValidationError) as caught:
        decision_record(
            candidate=candidate, outcome=outcome, rationale=rationale, by=hiring_manager
        )
    assert field in caught.value.message_dict
    assert not Decision.objects.exists()
    assert not AuditEvent.objects.filter(action="decision.record").exists()


def test_a_decision_without_any_submitted_scorecard_needs_a_confirmation(
    candidate, hiring_manager, scored
):
    scored.status = scored.Status.DRAFT
    scored.save()
    with pytest.raises(ValidationError) as caught:
        decision_record(candidate=candidate, outcome="no-hire", rationale="No.", by=hiring_manager)
    assert caught.value.message_dict == {"without_scorecards": [WITHOUT_SCORECARDS]}
    assert not Decision.objects.exists()
    decision = decision_record(
        candidate=candidate,
        outcome="no-hire",
        rationale="No.",
        by=hiring_manager,
        without_scorecards=True,
    )
    assert decision.outcome == "no-hire"
