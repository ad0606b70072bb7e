"""Every page kind, as each persona sees it, at 1366×768 and 390×844: axe-core (the npm
package in tests/axe, which `make test` installs) finds no serious or critical WCAG 2.1 A/AA
violation, and at 390 px nothing scrolls sideways. The data is the demo's (`make run`), so the
pages hold what a first-day user sees; the people are read from the demo's constants.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from interviewkit.demo_users import DEMO_PASSWORD, DEMO_USERS
from interviewkit.models import Role
from scorecards.demo.data import STAFF_ROLE, demo_seed
from scorecards.models import Interview, Scorecard
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "axe" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = [(1366, 768), (390, 844)]
SERIOUS = {"serious", "critical"}
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def demo_user(description: str) -> str:
    return next(user.username for user in DEMO_USERS if user.description == description)


@pytest.fixture
def demo(db):
    call_command("import_kits", str(SEEDS), verbosity=0, stdout=StringIO())
    demo_seed()
    role = Role.objects.get(slug=STAFF_ROLE)
    interviewer = demo_user("interviewer")
    submitted = Scorecard.objects.filter(
        status=Scorecard.Status.SUBMITTED, interview__interviewer__username=interviewer
    ).select_related("interview")[0]
    draft = Interview.objects.filter(
        interviewer__username=interviewer, candidate__role=role, scorecard__isnull=True
    ).first()
    candidate = submitted.interview.candidate
    return {
        "interviewer": [
            reverse("scorecards:my-interviews"),
            reverse("scorecards:interview", args=[draft.pk]),
            reverse("scorecards:interview", args=[submitted.interview.pk]),
            reverse("scorecards:packet", args=[candidate.pk]),
            reverse("kits:role-list"),
            reverse("kits:kit-detail", args=[role.slug]),
            reverse("scorecards:search") + "?q=a",
            reverse("profile"),
            reverse("scorecards:calibration-me"),
        ],
        "hiring manager": [
            reverse("scorecards:packet-list"),
            reverse("scorecards:packet", args=[candidate.pk]),
            reverse("scorecards:calibration"),
            reverse("scorecards:calibration-role", args=[role.slug]),
            reverse("scorecards:calibration-methods"),
            reverse("kits:kit-edit", args=[role.slug]),
            reverse("kits:kit-versions", args=[role.slug]),
            reverse("kits:team", args=[role.slug]),
            reverse("audit:event-list"),
            reverse("kits:kit-upload"),
        ],
        "recruiter": [
            reverse("scorecards:candidate-list", args=[role.slug]),
            reverse("scorecards:candidate", args=[candidate.pk]),
            reverse("scorecards:candidate-add", args=[role.slug]),
            reverse("scorecards:candidate-profile", args=[candidate.pk]),
            reverse("scorecards:export-list"),
        ],
        "admin": [
            reverse("webhooks:endpoint-list"),
            reverse("tokens:list"),
            reverse("scorecards:candidate-home"),
        ],
    }


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("persona", ["interviewer", "hiring manager", "recruiter", "admin"])
def test_each_personas_pages_pass_axe_and_fit_a_phone(browser, live_server, demo, persona):
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci in tests/axe)"
    problems = {}
    for width, height in VIEWPORTS:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, demo_user(persona), DEMO_PASSWORD)
        for path in demo[persona]:
            response = page.goto(path)
            assert response.status == 200, f"{persona} {path}: {response.status}"
            found = axe_violations(page)
            if found:
                problems[f"{width}px {path}"] = found
            if width < 768:
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                if overflow > 0:
                    problems[f"{width}px {path} scrolls sideways"] = overflow
        context.close()
    assert not problems, json.dumps(problems, indent=1)


def test_the_candidate_list_shows_every_column_on_a_phone(browser, live_server, demo):
    """At 390 px each candidate and each overdue interview is a card with every field in view:
    the document not scrolling sideways is not enough when a table hides its last columns
    past the edge of its own box."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, demo_user("recruiter"), DEMO_PASSWORD)
    page.goto(reverse("scorecards:candidate-list", args=[STAFF_ROLE]) + "?status=awaiting-feedback")
    cells = page.locator("main tbody th, main tbody td")
    assert cells.count() > 0
    cut = page.evaluate(
        """() => [...document.querySelectorAll('main tbody th, main tbody td')]
              .filter(cell => cell.getBoundingClientRect().right > window.innerWidth + 1)
              .map(cell => cell.textContent.trim().slice(0, 40))"""
    )
    assert cut == []
    assert page.locator("main tbody .badge", has_text="Awaiting feedback").first.is_visible()
    context.close()
