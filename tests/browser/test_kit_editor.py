from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.interviewkit.editor_fixtures import scorecard_with_ratings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_hiring_manager_rebalances_two_weights_and_saves_a_new_version(
    page, screenshot, role, kit, candidate, hiring_manager
):
    used = scorecard_with_ratings(candidate, kit, [4, 3, 2, 1])
    log_in(page, "hiring_manager")
    page.goto(f"/roles/{role.slug}/edit/")
    total = page.locator("#weight-total")
    assert total.get_attribute("aria-live") == "polite"
    assert "100%: ready to save." in total.inner_text()
    assert "is-ok" in total.get_attribute("class")

    page.get_by_label("Weight (%)").nth(0).fill("50")
    assert "110%: 10% over 100%, not ready to save." in total.inner_text()
    assert "is-off" in total.get_attribute("class")
    screenshot("kit-editor-weights-off")

    page.get_by_label("Weight (%)").nth(1).fill("20")
    assert "100%: ready to save." in total.inner_text()
    assert "is-ok" in total.get_attribute("class")
    screenshot("kit-editor-weights-ok")

    page.get_by_role("button", name="Save the kit").first.click()
    page.get_by_text("Saved as version 2").wait_for()
    screenshot("kit-editor-saved")

    new = role.current_kit()
    assert new.number == 2
    assert [d.weight for d in new.dimensions.all()] == [50, 20, 20, 10]
    used.refresh_from_db()
    assert used.kit == kit
    assert [d.weight for d in kit.dimensions.all()] == [40, 30, 20, 10]


def test_added_rows_are_offered_to_exercises_and_a_refused_save_keeps_them(
    page, screenshot, role, kit, hiring_manager
):
    log_in(page, "hiring_manager")
    page.goto(f"/roles/{role.slug}/edit/")
    page.get_by_role("button", name="+ Add a dimension").click()
    page.get_by_label("Name").nth(4).fill("Security judgement")
    focus = page.get_by_role("checkbox", name="Security judgement")
    assert focus.count() == 2  # one per exercise
    focus.first.check()
    page.get_by_role("button", name="Move this dimension up").nth(4).click()
    positions = page.locator(".kit-rows[data-formset=dimensions] .kit-order")
    assert [positions.nth(i).input_value() for i in range(5)] == ["1", "2", "3", "4", "5"]
    assert page.get_by_label("Position").nth(3).input_value() == "4"  # the new row, moved up
    page.get_by_label("Weight (%)").nth(3).fill("15")
    assert "115%" in page.locator("#weight-total").inner_text()
    page.get_by_role("button", name="Save the kit").first.click()
    page.get_by_text("The weights add up to 115%").wait_for()
    # Everything comes back where it was typed and arranged.
    assert page.get_by_label("Name").nth(3).input_value() == "Security judgement"
    assert page.get_by_label("Position").nth(3).input_value() == "4"
    assert page.get_by_role("checkbox", name="Security judgement").first.is_checked()
    screenshot("kit-editor-refused")

    page.get_by_label("Remove this dimension").nth(4).check()
    assert "105%" in page.locator("#weight-total").inner_text()
    page.get_by_label("Weight (%)").nth(3).fill("10")
    assert "100%: ready to save." in page.locator("#weight-total").inner_text()
    page.get_by_role("button", name="Save the kit").first.click()
    page.get_by_text("updated in place").wait_for()
    assert [(d.name, d.weight) for d in kit.dimensions.all()] == [
        ("Dimension 1", 40),
        ("Dimension 2", 30),
        ("Dimension 3", 20),
        ("Security judgement", 10),
    ]
    assert kit.exercises.get(name="System design").focus.filter(name="Security judgement").exists()


def test_anyone_compares_two_versions_on_the_history_page(
    page, screenshot, role, kit, candidate, hiring_manager, outsider
):
    from interviewkit.editor.editing import kit_edit
    from tests.interviewkit.editor_fixtures import with_weights

    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    data = with_weights(kit, 30, 30, 20, 10)
    data["dimensions"].append({"id": None, "name": "Security", "weight": 10})
    kit_edit(role=role, **data, by=hiring_manager)

    log_in(page, "outsider")
    page.goto(f"/roles/{role.slug}/versions/")
    page.get_by_role("button", name="Show the differences").click()
    diff = page.locator("#version-diff")
    diff.get_by_role("heading", name="From v1 to v2").wait_for()
    assert page.url.endswith("/versions/")  # htmx swapped the fragment in place
    assert "Security" in diff.inner_text() and "Weight lowered" in diff.inner_text()
    screenshot("kit-versions-diff")


def test_an_interviewer_moves_a_draft_to_the_newer_kit_version(
    page, screenshot, role, kit, candidate, interviewer, hiring_manager
):
    from interviewkit.editor.editing import kit_edit
    from tests.interviewkit.editor_fixtures import with_weights

    draft = scorecard_with_ratings(
        candidate, kit, [4, 2, 3, None], interviewer=interviewer, exercise=kit.exercises.first()
    )
    data = with_weights(kit, 40, 30, 30, 0)
    data["dimensions"][1]["name"] = "Collaboration"
    data["exercises"][0]["focus"] = ["Dimension 1", "Collaboration"]
    new = kit_edit(role=role, **data, by=hiring_manager)

    log_in(page, "interviewer")
    page.goto(f"/roles/scorecards/{draft.pk}/kit-version/")
    page.get_by_role("heading", name="Which kit version should your scorecard use?").wait_for()
    screenshot("kit-scorecard-move")
    page.get_by_role("button", name="Move my draft to v2").click()
    page.get_by_text("Your draft now uses kit v2 (was v1).").wait_for()
    draft.refresh_from_db()
    assert draft.kit == new
    assert sorted(r.dimension.name for r in draft.ratings.all()) == [
        "Dimension 1",
        "Dimension 3",
        "Dimension 4",
    ]


def test_a_hiring_manager_starts_a_role_by_uploading_a_brief(page, screenshot, hiring_manager):
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    brief = next(p for p in sorted(seeds.iterdir()) if p.read_text().startswith("# Role Research"))
    log_in(page, "hiring_manager")
    page.goto("/roles/new/upload/")
    page.get_by_label("Role document").set_input_files(str(brief))
    screenshot("kit-upload")
    page.get_by_role("button", name="Import the document").click()
    page.get_by_text("v1 was created from").wait_for()
    screenshot("kit-upload-done")
    from interviewkit.models import Role

    role = Role.objects.get(hiring_managers=hiring_manager, kits__isnull=False, slug__contains="ai")
    assert role.current_kit().total_weight() == 100
