"""What the kit editor records about where items came from: what a person rewrote is written in
the app, never "suggested"; what they left alone keeps its origin, in place or in a new version."""

import pytest
from django.urls import reverse

from interviewkit import personas
from interviewkit.models import Dimension, KitVersion, Role
from interviewkit.services import kit_confirm, kit_import
from tests.factories import CandidateFactory, InterviewFactory, ScorecardFactory, UserFactory
from tests.interviewkit import role_documents
from tests.interviewkit.editor_fixtures import editor_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return UserFactory(username="kit_manager", persona=personas.HIRING_MANAGERS)


def imported(manager, name: str, text: str) -> KitVersion:
    [result] = kit_import(documents=[(name, text.encode())], by=manager)
    assert result.ok, result.error
    result.kit.role.hiring_managers.add(manager)
    return result.kit


def position(kit: KitVersion, model, name: str) -> int:
    return [item.name for item in model.objects.filter(kit=kit)].index(name)


def test_items_edited_in_place_are_written_in_the_app_and_the_rest_keep_their_origin(
    client, manager
):
    kit = imported(manager, "analyst.txt", role_documents.DATA_ANALYST_TXT)
    assert kit.is_draft
    exercises = list(kit.exercises.all())
    assert [e.origin for e in exercises] == ["suggested", "suggested"]
    signal = sorted(kit.signals.all(), key=lambda s: s.position)[0]
    assert signal.origin == "suggested"
    coding = position(kit, Dimension, "Coding")
    client.force_login(manager)
    response = client.post(
        reverse("kits:kit-edit", args=[kit.role.slug]),
        editor_post(
            kit,
            **{
                "exercises-0-brief": "Walk us through a dashboard you built and what it changed.",
                "signals-0-text": signal.text + " (with numbers)",
                f"dimensions-{coding}-description": "Writes SQL and Python others can rerun.",
            },
        ),
    )
    assert response.status_code == 302
    kit.refresh_from_db()
    assert kit.number == 1 and kit.is_draft  # unused: updated in place, still to confirm
    first, second = kit.exercises.all()
    assert (first.origin, first.suggested, first.source_label) == (
        "written",
        False,
        "Written in the app",
    )
    assert (second.origin, second.suggested) == ("suggested", True)
    edited_signal = kit.signals.get(pk=signal.pk)
    assert (edited_signal.origin, edited_signal.suggested) == ("written", False)
    dims = {d.name: d for d in kit.dimensions.all()}
    assert (dims["Coding"].origin, dims["Coding"].source_document) == ("written", "")
    # The library's anchors and questions were left as they were: still marked as suggested.
    assert dims["Coding"].suggested_parts == ["anchors", "questions"]
    assert (dims["Collaboration"].origin, dims["Collaboration"].source_document) == (
        "grouped",
        "analyst.txt",
    )

    page = client.get(reverse("kits:kit-edit", args=[kit.role.slug])).content.decode()
    assert page.count('data-origin="written"') == 3


def test_a_new_version_from_the_editor_keeps_origins_screening_and_loop_steps(client, manager):
    kit = imported(manager, "backend.md", role_documents.BACKEND_JD_MD)
    kit_confirm(kit=kit, by=manager)
    role = kit.role
    interview = InterviewFactory(candidate=CandidateFactory(role=role))
    ScorecardFactory(interview=interview, kit=kit)
    coding = position(kit, Dimension, "Coding")
    payments = position(kit, Dimension, "Payments")
    before = {d.name: d.weight for d in kit.dimensions.all()}
    client.force_login(manager)
    response = client.post(
        reverse("kits:kit-edit", args=[role.slug]),
        editor_post(
            kit,
            **{
                f"dimensions-{coding}-anchor_4": "Ships a clean, tested change and explains it.",
                f"dimensions-{coding}-weight": str(before["Coding"] + 5),
                f"dimensions-{payments}-weight": str(before["Payments"] - 5),
            },
        ),
    )
    assert response.status_code == 302
    new = Role.objects.get(pk=role.pk).current_kit()
    assert new.number == 2
    assert new.status == KitVersion.Status.CONFIRMED  # a person wrote it, after a confirmed v1
    assert new.note == "Edited in the app from v1."
    assert new.weight_basis == KitVersion.WeightBasis.MANUAL
    assert new.weight_note == "Set by hand in the kit editor."
    assert [s["text"] for s in new.screening] == [s["text"] for s in kit.screening]
    assert len(new.screening) == 3
    dims = {d.name: d for d in new.dimensions.all()}
    assert (dims["Coding"].origin, dims["Coding"].suggested) == ("written", False)
    assert dims["Coding"].suggested_parts == ["questions"]  # the anchors are the person's now
    assert (dims["Payments"].origin, dims["Payments"].source_document) == ("grouped", "backend.md")
    assert dims["System design"].suggested_parts == ["anchors", "questions"]
    steps = {e.name: e for e in new.exercises.all()}
    assert (steps["Recruiter screen"].scored, steps["Recruiter screen"].origin) == (False, "read")
    assert steps["Technical interview"].scored
    assert {s.origin for s in new.signals.all()} == {"suggested"}
    # Version 1 stays as it was for its scorecard.
    old = {d.name: d for d in kit.dimensions.all()}
    assert old["Coding"].origin == "grouped" and old["Coding"].weight == before["Coding"]


def test_weights_left_alone_keep_how_they_were_made(client, manager):
    kit = imported(manager, "backend.md", role_documents.BACKEND_JD_MD)
    note = kit.weight_note
    assert note
    client.force_login(manager)
    client.post(
        reverse("kits:kit-edit", args=[kit.role.slug]),
        editor_post(kit, **{"exercises-1-minutes": "75"}),
    )
    kit.refresh_from_db()
    assert kit.weight_basis == KitVersion.WeightBasis.REQUIRED_PREFERRED
    assert kit.weight_note == note
