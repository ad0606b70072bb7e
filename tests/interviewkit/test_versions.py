"""Kit versioning through the editor's services: a new version only when the kit is in use,
provenance kept for untouched items, old scores unchanged, drafts moved with their ratings."""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from interviewkit.editor.editing import kit_clone, kit_edit
from interviewkit.models import AuditEvent, KitVersion, Role
from scorecards.models import Scorecard
from scorecards.services.scorecards import scorecard_move_to_version
from tests.factories import InterviewFactory, ObservedSignalFactory, ScorecardFactory
from tests.interviewkit.editor_fixtures import (
    rows,
    scorecard_with_ratings,
    weighted_score,
    with_weights,
)

pytestmark = pytest.mark.django_db


def test_editing_an_unused_kit_updates_it_in_place(role, kit, hiring_manager):
    saved = kit_edit(role=role, **with_weights(kit, 25, 25, 25, 25), by=hiring_manager)
    assert saved.pk == kit.pk and saved.number == 1
    assert [d.weight for d in saved.dimensions.all()] == [25, 25, 25, 25]
    assert role.kits.count() == 1
    assert saved.weight_basis == KitVersion.WeightBasis.MANUAL


def test_editing_a_used_kit_makes_a_new_version_and_leaves_the_old_one_alone(
    role, kit, candidate, hiring_manager
):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    saved = kit_edit(role=role, **with_weights(kit, 10, 20, 30, 40), by=hiring_manager)
    assert saved.number == 2 and saved.pk != kit.pk
    assert [d.weight for d in kit.dimensions.all()] == [40, 30, 20, 10]
    assert [d.weight for d in saved.dimensions.all()] == [10, 20, 30, 40]
    assert saved.created_by == hiring_manager
    assert [e.name for e in saved.exercises.all()] == ["System design", "Behavioral"]
    focus = {e.name: [d.name for d in e.focus.all()] for e in saved.exercises.all()}
    assert focus == {
        "System design": ["Dimension 1", "Dimension 2"],
        "Behavioral": ["Dimension 3", "Dimension 4"],
    }
    red = saved.signals.get(kind="red")
    assert red.dimension.kit == saved and red.dimension.name == "Dimension 1"


def test_a_draft_alone_is_enough_to_make_a_kit_used(role, kit, candidate, hiring_manager):
    ScorecardFactory(interview=InterviewFactory(candidate=candidate), kit=kit)
    saved = kit_edit(role=role, **with_weights(kit, 25, 25, 25, 25), by=hiring_manager)
    assert saved.number == 2


def test_saving_without_changes_makes_no_version_and_no_audit_event(
    role, kit, candidate, hiring_manager
):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    saved = kit_edit(role=role, **rows(kit), by=hiring_manager)
    assert saved.pk == kit.pk
    assert role.kits.count() == 1
    assert not AuditEvent.objects.filter(action="kit.edit").exists()


def test_editing_a_used_kit_leaves_every_existing_scorecard_s_weighted_score_unchanged(
    role, kit, candidate, hiring_manager
):
    first = scorecard_with_ratings(candidate, kit, [4, 2, 1, 3])
    second = scorecard_with_ratings(candidate, kit, [2, None, 4, 4])
    # 40·4 + 30·2 + 20·1 + 10·3 = 270 → 2.7; (40·2 + 20·4 + 10·4) / 70 = 200 / 70.
    before = {first.pk: Fraction(27, 10), second.pk: Fraction(200, 70)}
    assert {s.pk: weighted_score(s) for s in (first, second)} == before

    data = with_weights(kit, 10, 20, 30, 40)
    data["dimensions"].pop(1)  # Dimension 2 goes; its 20 points go to a new one.
    data["dimensions"].append({"id": None, "name": "Judgement", "weight": 20})
    data["exercises"][0]["focus"] = ["Dimension 1", "Judgement"]
    kit_edit(role=role, **data, by=hiring_manager)

    for scorecard in Scorecard.objects.filter(pk__in=before):
        assert scorecard.kit == kit
        assert weighted_score(scorecard) == before[scorecard.pk]


def test_unchanged_items_keep_their_source_and_edited_or_new_ones_are_written_in_the_app(
    role, kit, candidate, hiring_manager
):
    kit.dimensions.update(source_document="brief.md", source_section="Scorecard")
    kit.exercises.update(source_document="brief.md", source_section="Loop")
    kit.signals.update(suggested=True)
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    data = with_weights(kit, 35, 35, 20, 10)  # a weight change is not a rewording
    data["dimensions"][2]["description"] = "Reworded in the app."
    data["exercises"][0]["brief"] = "A new brief."
    data["signals"].append({"id": None, "kind": "weak", "text": "Vague about outcomes"})
    saved = kit_edit(role=role, **data, by=hiring_manager)

    sources = {d.name: d.source_label for d in saved.dimensions.all()}
    assert sources == {
        "Dimension 1": "brief.md § Scorecard",
        "Dimension 2": "brief.md § Scorecard",
        "Dimension 3": "Written in the app",
        "Dimension 4": "brief.md § Scorecard",
    }
    exercises = {e.name: e.source_label for e in saved.exercises.all()}
    assert exercises == {"System design": "Written in the app", "Behavioral": "brief.md § Loop"}
    signals = {s.text: s.source_label for s in saved.signals.all()}
    assert signals["Blames others"] == "Suggested by the importer"
    assert signals["Vague about outcomes"] == "Written in the app"


def test_in_place_edits_can_rename_reorder_and_swap_names(role, kit, hiring_manager):
    data = rows(kit)
    dims = data["dimensions"]
    dims[0]["name"], dims[1]["name"] = "Dimension 2", "Dimension 1"
    dims.reverse()
    data["exercises"][0]["focus"] = ["Dimension 1"]
    ids = [d["id"] for d in dims]
    saved = kit_edit(role=role, **data, by=hiring_manager)
    assert saved.pk == kit.pk
    assert [(d.pk, d.name) for d in saved.dimensions.all()] == [
        (ids[0], "Dimension 4"),
        (ids[1], "Dimension 3"),
        (ids[2], "Dimension 1"),
        (ids[3], "Dimension 2"),
    ]
    focus = saved.exercises.get(name="System design").focus.get()
    assert focus.name == "Dimension 1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["dimensions"][0].update(weight=45), "add up to 105%"),
        (lambda d: d["dimensions"][0].update(name="  "), "Every dimension needs a name"),
        (lambda d: d["dimensions"][1].update(name="dimension 1"), "same name"),
        (lambda d: d.update(dimensions=[]), "at least one dimension"),
        (lambda d: d["exercises"][1].update(name="System design"), "Two exercises"),
        (lambda d: d["exercises"][0].update(focus=["Nope"]), "no dimension named 'Nope'"),
        (lambda d: d["signals"][0].update(text=""), "needs its text"),
    ],
)
def test_the_service_refuses_content_that_cannot_be_a_kit(
    role, kit, hiring_manager, change, message
):
    data = rows(kit)
    change(data)
    with pytest.raises(ValidationError) as refused:
        kit_edit(role=role, **data, by=hiring_manager)
    assert message in " ".join(refused.value.messages)
    assert [d.weight for d in kit.dimensions.all()] == [40, 30, 20, 10]


def test_kit_edit_is_audited_with_both_version_numbers(role, kit, candidate, hiring_manager):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    kit_edit(role=role, **with_weights(kit, 25, 25, 25, 25), by=hiring_manager)
    event = AuditEvent.objects.get(action="kit.edit")
    assert event.actor == hiring_manager and event.role == role
    assert event.detail["from_version"] == 1 and event.detail["version"] == 2
    assert event.detail["new_version"] is True


def test_planned_interviews_without_a_scorecard_follow_their_exercise_to_the_new_version(
    role, kit, candidate, hiring_manager
):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    exercise = kit.exercises.get(name="Behavioral")
    planned = InterviewFactory(candidate=candidate, exercise=exercise)
    begun = InterviewFactory(candidate=candidate, exercise=exercise)
    ScorecardFactory(interview=begun, kit=kit)
    saved = kit_edit(role=role, **with_weights(kit, 25, 25, 25, 25), by=hiring_manager)
    planned.refresh_from_db()
    begun.refresh_from_db()
    assert planned.exercise.kit == saved and planned.exercise.name == "Behavioral"
    assert begun.exercise == exercise


def test_a_draft_moves_to_the_new_version_with_its_ratings_carried_over_by_name(
    role, kit, candidate, interviewer, hiring_manager
):
    draft = scorecard_with_ratings(
        candidate, kit, [4, 2, 3, None], interviewer=interviewer, exercise=kit.exercises.first()
    )
    ObservedSignalFactory(scorecard=draft, signal=kit.signals.get(kind="red"), note="Blamed ops")
    data = with_weights(kit, 40, 30, 30, 0)
    data["dimensions"][1]["name"] = "Dimension two"
    data["exercises"][0]["focus"] = ["Dimension 1", "Dimension two"]
    new = kit_edit(role=role, **data, by=hiring_manager)

    moved = scorecard_move_to_version(scorecard=draft, kit=new, by=interviewer)

    draft.refresh_from_db()
    assert draft.kit == new and draft.revision == 2
    assert moved.carried == ["Dimension 1", "Dimension 3", "Dimension 4"]
    assert moved.dropped == ["Dimension 2"]
    ratings = {r.dimension.name: (r.value, r.dimension.kit_id) for r in draft.ratings.all()}
    assert ratings == {
        "Dimension 1": (4, new.pk),
        "Dimension 3": (3, new.pk),
        "Dimension 4": (None, new.pk),
    }
    assert "Dimension 2 (rated 2): seen" in draft.takeaways
    assert draft.observed.get().signal.kit == new
    assert draft.interview.exercise.kit == new
    event = AuditEvent.objects.get(action="scorecard.move_version")
    assert event.detail["from_version"] == 1 and event.detail["to_version"] == 2


def test_a_submitted_scorecard_never_moves(role, kit, candidate, interviewer, hiring_manager):
    submitted = scorecard_with_ratings(candidate, kit, [3, 3, 3, 3], interviewer=interviewer)
    Scorecard.objects.filter(pk=submitted.pk).update(
        status=Scorecard.Status.SUBMITTED, recommendation="yes", submitted_at="2026-01-01T10:00Z"
    )
    submitted.refresh_from_db()
    new = kit_edit(role=role, **with_weights(kit, 25, 25, 25, 25), by=hiring_manager)
    with pytest.raises(ValidationError):
        scorecard_move_to_version(scorecard=submitted, kit=new, by=interviewer)
    submitted.refresh_from_db()
    assert submitted.kit == kit


def test_a_scorecard_cannot_move_to_another_role_s_kit(role, kit, candidate, interviewer):
    from tests.factories import make_kit

    draft = scorecard_with_ratings(candidate, kit, [3, 3, 3, 3], interviewer=interviewer)
    other = make_kit()
    with pytest.raises(ValidationError):
        scorecard_move_to_version(scorecard=draft, kit=other, by=interviewer)


def test_cloning_copies_the_kit_into_a_new_role_managed_by_the_person_cloning(kit, hiring_manager):
    kit.dimensions.update(source_document="brief.md")
    copy = kit_clone(kit=kit, title="Senior SRE", slug="senior-sre", by=hiring_manager)
    role = Role.objects.get(slug="senior-sre")
    assert copy.role == role and copy.number == 1
    assert list(role.hiring_managers.all()) == [hiring_manager]
    assert [(d.name, d.weight, d.source_document) for d in copy.dimensions.all()] == [
        (d.name, d.weight, "brief.md") for d in kit.dimensions.all()
    ]
    assert copy.exercises.get(name="Behavioral").focus.count() == 2
    assert copy.signals.get(kind="red").dimension.kit == copy
    assert AuditEvent.objects.filter(action="kit.clone", role=role).exists()


def test_cloning_refuses_a_title_or_address_that_is_taken(role, kit, hiring_manager):
    with pytest.raises(ValidationError):
        kit_clone(kit=kit, title=role.title, slug="other", by=hiring_manager)
    with pytest.raises(ValidationError):
        kit_clone(kit=kit, title="Other", slug=role.slug, by=hiring_manager)
    assert Role.objects.count() == 1


def test_a_role_without_a_kit_gets_version_1_written_in_the_app(hiring_manager):
    from tests.factories import RoleFactory

    role = RoleFactory(title="Brand new", slug="brand-new")
    saved = kit_edit(
        role=role,
        dimensions=[{"id": None, "name": "Craft", "weight": 100}],
        exercises=[{"id": None, "name": "Pairing", "minutes": 60, "focus": ["Craft"]}],
        signals=[],
        by=hiring_manager,
    )
    assert saved.number == 1 and saved.role == role
    assert saved.dimensions.get().source_label == "Written in the app"
    assert saved.exercises.get().focus.get().name == "Craft"
    assert saved.exercises.get().format == "other"
