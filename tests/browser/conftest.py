"""Playwright driving Debian's Chromium against Django's live server.

Never `playwright install`: the browser is Debian's /usr/bin/chromium, which `make test` installs
when it is missing.
Screenshots go to test-artifacts/ for people to look at.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop; Django refuses ORM calls from async contexts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    in_flight: set = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # Leave every tab the test opened and wait for the server to answer what that sent:
    # leaving sends the scorecard's last autosave (a beacon), which must be written before the
    # test database is flushed, or the flush fails on a half-written row.
    for tab in context.pages:
        tab.unroute_all(behavior="ignoreErrors")
        tab.goto("about:blank")
    page.wait_for_timeout(300)
    for _ in range(100):
        if not any(request.url.startswith(live_server.url) for request in in_flight):
            break
        page.wait_for_timeout(50)
    context.close()


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, *, full_page: bool = True) -> Path:
        """full_page=False for pages whose columns scroll on their own (the interview page):
        a whole-page shot stretches them out of their layout."""
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def log_in(page, username: str, password: str = "pw-for-tests") -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
