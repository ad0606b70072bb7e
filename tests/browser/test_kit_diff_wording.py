"""The differences between two kit versions in a browser, on a desktop and on a phone: a
reworded dimension shows its words before and after, labelled, and nothing scrolls sideways."""

import pytest
from django.urls import reverse

from interviewkit.editor.editing import kit_edit
from tests.browser.conftest import log_in
from tests.interviewkit.editor_fixtures import scorecard_with_ratings, with_weights

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_a_reworded_anchor_shows_before_and_after(
    page, screenshot, role, kit, candidate, hiring_manager, width, height
):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])  # v1 is used: editing makes v2
    data = with_weights(kit, 40, 30, 20, 10)
    data["dimensions"][0]["description"] = "Designs for failure before features."
    data["dimensions"][1]["anchor_1"] = "Cannot say how the service fails under load."
    kit_edit(role=role, **data, by=hiring_manager)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "hiring_manager")
    page.goto(reverse("kits:kit-versions-diff", args=[role.slug]) + "?from=1&to=2")
    wording = page.get_by_role("region", name="Wording of Dimension 1")
    assert wording.get_by_text("Before (v1):").is_visible()
    assert wording.locator("ins").inner_text() == "Designs for failure before features."
    second = page.get_by_role("region", name="Wording of Dimension 2")
    assert second.get_by_text("Strong no (1) looks like").is_visible()
    assert "fails under load" in second.locator("ins").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(f"kit-diff-wording-{width}")
