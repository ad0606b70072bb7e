"""The scorecard services: start, autosave with its version check, submit, amend, and the first
read of the panel's feedback."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from interviewkit.models import AuditEvent, Signal
from scorecards.models import Rating, Scorecard
from scorecards.services.scorecards import (
    NOTE_MAX,
    RatingInput,
    ScorecardData,
    ScorecardLocked,
    StaleScorecard,
    scorecard_amend,
    scorecard_autosave,
    scorecard_data_of,
    scorecard_note_others_read,
    scorecard_start,
    scorecard_submit,
)
from tests.factories import make_kit
from tests.scorecards.scorecard_fixtures import complete_data, interview_for, submitted


@pytest.fixture
def draft(candidate, interviewer):
    return scorecard_start(interview=interview_for(candidate, interviewer), by=interviewer)


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_start_makes_one_draft_against_the_exercise_kit(candidate, interviewer, kit):
    interview = interview_for(candidate, interviewer)
    first = scorecard_start(interview=interview, by=interviewer)
    again = scorecard_start(interview=interview, by=interviewer)
    assert first.pk == again.pk
    assert first.kit == kit
    assert first.status == Scorecard.Status.DRAFT
    assert first.revision == 1


def test_start_keeps_the_exercise_kit_when_the_role_has_a_newer_version(
    candidate, interviewer, kit, role
):
    interview = interview_for(candidate, interviewer)
    make_kit(role=role, number=2)
    assert scorecard_start(interview=interview, by=interviewer).kit == kit


def test_only_the_interviewer_starts_their_scorecard(candidate, interviewer, other_interviewer):
    with pytest.raises(PermissionDenied):
        scorecard_start(interview=interview_for(candidate, interviewer), by=other_interviewer)


def test_autosave_keeps_partial_drafts_and_bumps_the_revision(draft, interviewer, kit):
    first, second = kit.dimensions.all()[:2]
    data = ScorecardData(
        ratings={
            first.pk: RatingInput(value=4),  # no evidence yet: fine for a draft
            second.pk: RatingInput(value=None, evidence="Notes so far", chosen=False),
        },
        takeaways="Half way",
    )
    saved = scorecard_autosave(scorecard=draft, data=data, revision=1, by=interviewer)
    assert saved.revision == 2
    stored = {
        r.dimension_id: (r.value, r.evidence, r.pending)
        for r in Rating.objects.filter(scorecard=draft)
    }
    # The evidence typed before a rating is "not rated yet", not "not assessed".
    assert stored == {first.pk: (4, "", False), second.pk: (None, "Notes so far", True)}
    assert scorecard_data_of(draft).ratings[second.pk].chosen is False
    draft.refresh_from_db()
    assert (draft.takeaways, draft.status, draft.revision) == ("Half way", "draft", 2)


def test_autosave_with_a_stale_revision_changes_nothing(draft, interviewer, kit):
    dim = kit.dimensions.first()
    scorecard_autosave(
        scorecard=draft,
        data=ScorecardData(ratings={dim.pk: RatingInput(value=2)}),
        revision=1,
        by=interviewer,
    )
    with pytest.raises(StaleScorecard) as excinfo:
        scorecard_autosave(
            scorecard=draft,
            data=ScorecardData(ratings={dim.pk: RatingInput(value=4)}, takeaways="other tab"),
            revision=1,
            by=interviewer,
        )
    assert (excinfo.value.posted, excinfo.value.current) == (1, 2)
    assert "another tab" in str(excinfo.value)
    assert Rating.objects.get(scorecard=draft).value == 2
    draft.refresh_from_db()
    assert draft.takeaways == ""


@pytest.mark.parametrize("value", [0, 5, -1])
def test_autosave_refuses_a_rating_out_of_range(draft, interviewer, kit, value):
    dim = kit.dimensions.first()
    with pytest.raises(ValidationError) as excinfo:
        scorecard_autosave(
            scorecard=draft,
            data=ScorecardData(ratings={dim.pk: RatingInput(value=value)}),
            revision=1,
            by=interviewer,
        )
    assert errors_of(excinfo) == {
        f"rating_{dim.pk}": ["Choose a rating from 1 to 4, or not assessed."]
    }
    assert not Rating.objects.exists()


def test_autosave_refuses_a_dimension_of_another_kit(draft, interviewer):
    foreign = make_kit().dimensions.first()
    with pytest.raises(ValidationError) as excinfo:
        scorecard_autosave(
            scorecard=draft,
            data=ScorecardData(ratings={foreign.pk: RatingInput(value=3)}),
            revision=1,
            by=interviewer,
        )
    assert errors_of(excinfo) == {
        f"rating_{foreign.pk}": ["This dimension is not part of this kit."]
    }


def test_autosave_refuses_an_oversized_note(draft, interviewer, kit):
    dim = kit.dimensions.first()
    with pytest.raises(ValidationError) as excinfo:
        scorecard_autosave(
            scorecard=draft,
            data=ScorecardData(
                ratings={dim.pk: RatingInput(value=3, evidence="x" * (NOTE_MAX + 1))}
            ),
            revision=1,
            by=interviewer,
        )
    assert errors_of(excinfo) == {
        f"evidence_{dim.pk}": [f"Keep this under {NOTE_MAX} characters (it has {NOTE_MAX + 1})."]
    }


def test_another_interviewer_cannot_autosave(draft, other_interviewer):
    with pytest.raises(PermissionDenied):
        scorecard_autosave(scorecard=draft, data=ScorecardData(), revision=1, by=other_interviewer)


def test_submit_names_every_missing_answer(draft, interviewer, kit):
    focus = list(draft.interview.exercise.focus.all())
    red = kit.signals.get(kind=Signal.Kind.RED)
    data = ScorecardData(
        ratings={focus[0].pk: RatingInput(value=1, evidence="  ")},  # focus[1] left unrated
        observed={red.pk: ""},
    )
    with pytest.raises(ValidationError) as excinfo:
        scorecard_submit(scorecard=draft, data=data, by=interviewer)
    assert errors_of(excinfo) == {
        f"rating_{focus[1].pk}": ["Rate this focus dimension or mark it not assessed."],
        f"evidence_{focus[0].pk}": ["A rating of 1 needs evidence: what did you see or hear?"],
        f"signal_note_{red.pk}": ["A red flag needs a note: what happened?"],
        "recommendation": ["Choose an overall recommendation."],
    }
    draft.refresh_from_db()
    assert draft.status == Scorecard.Status.DRAFT


def test_submit_refuses_evidence_without_a_rating_on_a_focus_dimension(draft, interviewer):
    data = complete_data(draft)
    dim_id = next(iter(data.ratings))
    data.ratings[dim_id] = RatingInput(value=None, evidence="Typed, not rated", chosen=False)
    with pytest.raises(ValidationError) as excinfo:
        scorecard_submit(scorecard=draft, data=data, by=interviewer)
    assert list(errors_of(excinfo)) == [f"rating_{dim_id}"]


def test_submit_accepts_not_assessed_and_records_an_audit_event(draft, interviewer):
    data = complete_data(draft)
    dim_id = next(iter(data.ratings))
    data.ratings[dim_id] = RatingInput(value=None)
    result = scorecard_submit(scorecard=draft, data=data, by=interviewer)
    assert result.status == Scorecard.Status.SUBMITTED
    assert result.submitted_at is not None
    assert Rating.objects.get(scorecard=draft, dimension_id=dim_id).value is None
    event = AuditEvent.objects.get(action="scorecard.submit")
    assert (event.actor, event.object_id, event.role) == (
        interviewer,
        str(draft.pk),
        draft.interview.candidate.role,
    )


def test_submit_requires_evidence_for_a_4_on_another_dimension_too(draft, interviewer, kit):
    data = complete_data(draft)
    other = kit.dimensions.exclude(pk__in=data.ratings).first()
    data.ratings[other.pk] = RatingInput(value=4)
    with pytest.raises(ValidationError) as excinfo:
        scorecard_submit(scorecard=draft, data=data, by=interviewer)
    assert list(errors_of(excinfo)) == [f"evidence_{other.pk}"]


def test_a_submitted_scorecard_is_read_only(draft, interviewer):
    scorecard_submit(scorecard=draft, data=complete_data(draft), by=interviewer)
    with pytest.raises(ScorecardLocked):
        scorecard_autosave(
            scorecard=draft, data=ScorecardData(), revision=draft.revision, by=interviewer
        )
    with pytest.raises(ScorecardLocked):
        scorecard_submit(scorecard=draft, data=complete_data(draft), by=interviewer)


def test_submit_with_a_stale_revision_is_refused(draft, interviewer):
    scorecard_autosave(
        scorecard=draft, data=ScorecardData(takeaways="tab A"), revision=1, by=interviewer
    )
    with pytest.raises(StaleScorecard):
        scorecard_submit(scorecard=draft, data=complete_data(draft), by=interviewer, revision=1)
    draft.refresh_from_db()
    assert draft.status == Scorecard.Status.DRAFT


def test_amend_keeps_the_original_as_a_revision(candidate, interviewer):
    scorecard = submitted(interview_for(candidate, interviewer), value=3)
    data = complete_data(scorecard, value=2)
    data.recommendation = "no"
    kept = scorecard_amend(
        scorecard=scorecard, data=data, reason="Mixed up two candidates", by=interviewer
    )
    assert kept.number == 1
    assert kept.reason == "Mixed up two candidates"
    assert kept.author_had_read_others is False
    assert kept.snapshot["recommendation"] == "yes"
    assert kept.snapshot["recommendation_label"] == "Yes"
    assert {r["value"] for r in kept.snapshot["ratings"]} == {3}
    assert {r["dimension"] for r in kept.snapshot["ratings"]} == {"Dimension 1", "Dimension 2"}
    scorecard.refresh_from_db()
    assert scorecard.recommendation == "no"
    assert set(scorecard.ratings.values_list("value", flat=True)) == {2}
    assert (
        AuditEvent.objects.filter(action="scorecard.amend", object_id=str(scorecard.pk)).count()
        == 1
    )


def test_amend_needs_a_reason_and_the_submit_rules(candidate, interviewer):
    scorecard = submitted(interview_for(candidate, interviewer))
    data = complete_data(scorecard)
    data.recommendation = ""
    with pytest.raises(ValidationError) as excinfo:
        scorecard_amend(scorecard=scorecard, data=data, reason="  ", by=interviewer)
    assert set(errors_of(excinfo)) == {"reason", "recommendation"}
    assert not scorecard.revisions.exists()


def test_amend_is_only_for_submitted_scorecards(draft, interviewer):
    with pytest.raises(ValidationError):
        scorecard_amend(scorecard=draft, data=complete_data(draft), reason="why", by=interviewer)


def test_amend_after_reading_the_panel_says_so(candidate, interviewer, other_interviewer):
    own = submitted(interview_for(candidate, interviewer))
    submitted(interview_for(candidate, other_interviewer, exercise_name="Behavioral"))
    assert scorecard_note_others_read(candidate=candidate, by=interviewer) == 1
    own.refresh_from_db()
    first_read = own.others_first_read_at
    assert first_read is not None
    assert scorecard_note_others_read(candidate=candidate, by=interviewer) == 0  # only once
    own.refresh_from_db()
    assert own.others_first_read_at == first_read
    kept = scorecard_amend(
        scorecard=own, data=complete_data(own, value=2), reason="Rethought", by=interviewer
    )
    assert kept.author_had_read_others is True


def test_amending_twice_numbers_the_revisions(candidate, interviewer):
    scorecard = submitted(interview_for(candidate, interviewer))
    scorecard_amend(
        scorecard=scorecard, data=complete_data(scorecard, value=2), reason="one", by=interviewer
    )
    scorecard_amend(
        scorecard=scorecard, data=complete_data(scorecard, value=3), reason="two", by=interviewer
    )
    assert list(scorecard.revisions.values_list("number", "reason")) == [(1, "one"), (2, "two")]


def test_submit_keeps_evidence_on_an_unrated_optional_dimension_as_not_assessed(
    draft, interviewer, kit
):
    data = complete_data(draft)
    other = kit.dimensions.exclude(pk__in=data.ratings).first()
    data.ratings[other.pk] = RatingInput(value=None, evidence="A side remark", chosen=False)
    scorecard_submit(scorecard=draft, data=data, by=interviewer)
    rating = Rating.objects.get(scorecard=draft, dimension=other)
    assert (rating.value, rating.evidence, rating.pending) == (None, "A side remark", False)
