"""The app's pages run under the Content-Security-Policy: no violation on any main page, and
Bootstrap's and htmx's scripts still work."""

import pytest

from interviewkit.audit import events as audit
from tests.browser.conftest import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_for_violations(page) -> list[str]:
    """Console messages about the policy, and script errors, as they happen (a 404 for the
    favicon or for the error page itself is not a problem)."""
    problems: list[str] = []

    def on_console(msg) -> None:
        if "Content Security Policy" in msg.text or (
            msg.type == "error" and not msg.text.startswith("Failed to load resource")
        ):
            problems.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    return problems


def test_the_main_pages_raise_no_policy_violation(page, screenshot, admin_user, role, candidate):
    problems = watch_for_violations(page)
    audit.record(admin_user, "kit.edit", role, detail={"changed": "weights"})
    log_in(page, "admin_user")
    pages = [
        ("/roles/", "roles"),
        (f"/roles/{role.slug}/", "kit"),
        ("/audit/", "audit-log"),
        (f"/candidates/{candidate.pk}/erase/", "privacy-erase"),
        ("/exports/", "exports"),
        ("/no-such-page/", "error-404"),
        ("/admin/", "admin"),
        ("/admin/interviewkit/auditevent/", "admin-audit"),
    ]
    for path, name in pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        screenshot(f"csp-{name}")
    assert problems == []


def test_bootstrap_and_htmx_work_under_the_policy(page, admin_user):
    problems = watch_for_violations(page)
    log_in(page, "admin_user")
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("typeof bootstrap.Collapse") == "function"
    # Bootstrap's collapse opens the navbar on a narrow screen.
    page.set_viewport_size({"width": 500, "height": 800})
    menu = page.get_by_role("link", name="Audit log")
    assert not menu.is_visible()
    page.get_by_role("button", name="Toggle navigation").click()
    menu.wait_for(state="visible")
    assert problems == []


def test_the_policy_does_block_an_inline_script(page, admin_user):
    """The check above can fail: a page with an inline script is reported."""
    problems = watch_for_violations(page)
    log_in(page, "admin_user")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in p for p in problems)


def test_the_lockout_page_is_clear(page, screenshot, db):
    UserFactory(username="locked_person")
    for _ in range(5):
        page.goto("/login/")
        page.get_by_label("Username").fill("locked_person")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="Too many failed logins").wait_for()
    assert page.get_by_text("for 15 minutes").is_visible()
    screenshot("lockout")
