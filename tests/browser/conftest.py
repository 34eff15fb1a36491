"""Browser fixtures: Debian's Chromium driven by Playwright, and signed-in journeys.

The tests run when `chromium` is on PATH (`.ci/run` installs it) and are skipped otherwise;
no browser is ever downloaded (`playwright install` is never needed).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

from tests.browser.pages import Visit

CHROMIUM = shutil.which("chromium")
# Headless in a container with no network: no sandbox (no user namespaces), no GPU, and none
# of the background fetches (updates, sync, field trials) that would log failed requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots of each journey's key pages; `make screenshots` publishes a few to docs/.
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", "build/screenshots"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM:
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed"))


@pytest.fixture
def browser(live_server, async_unsafe_allowed):
    """One Chromium per test (about a second to start), after the database is set up."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # The test's own queries ran beside Playwright's running loop, in another context, and
        # so on a connection of their own: close it here, in that context, or PostgreSQL
        # refuses to drop the test database at the end of the run.
        connections.close_all()


@pytest.fixture
def async_unsafe_allowed(monkeypatch):
    """Let the test's own ORM calls run beside Playwright's sync API.

    Playwright's sync API keeps an asyncio loop running in this thread while the browser is
    open, so Django would refuse every query the test makes between browser steps. The live
    server answers in its own threads and is unaffected.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def visit_as(browser, live_server) -> Iterator:
    """`visit_as("rep", "rep")`: a fresh browser context signed in through the login form."""
    contexts = []

    def sign_in(username: str, journey: str, password: str = "onevoice-demo") -> Visit:
        context = browser.new_context(accept_downloads=True, base_url=live_server.url)
        contexts.append(context)
        # Pages here answer in milliseconds; fail a missing label fast instead of in 30 s.
        context.set_default_timeout(10_000)
        visit = Visit(context.new_page(), SCREENSHOTS, journey)
        page = visit.page
        page.goto("/")
        visit.check(shot="sign-in" if journey == "rep" else None)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(live_server.url + "/")
        return visit

    yield sign_in
    for context in contexts:
        context.close()
