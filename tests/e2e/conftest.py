"""Fixtures for browser tests: one headless Debian Chromium for all of them, a fresh browser
context per test, the live Django server and the demo region.

Use in any module's e2e test (see tests/e2e/helpers.py for `login`, `visit`, `axe`)::

    from .helpers import login, visit

    pytestmark = pytest.mark.e2e

    def test_something(page, live_server, e2e_region):
        login(page, live_server, "toegang")
        visit(page, "/")

Fixtures:

* `browser`      one Chromium (/usr/bin/chromium, or $JEUGDKETEN_CHROMIUM) for all tests under
                 tests/e2e/ — put a module's browser tests there (tests/e2e/test_<app>.py)
* `new_context`  factory for extra contexts: `new_context(viewport=..., java_script_enabled=False)`;
                 every context has `base_url` = the live server, Dutch as browser language and
                 the real Content-Security-Policy (not bypassed); all are closed after the test
* `page`         a desktop page (1280x800) in its own context
* `phone_page`   a phone page (375x812, touch, mobile)
* `e2e_region`   the demo region in the (transactional) test database, second factor off and
                 the demo banner on, exactly as `make demo` shows it
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from jeugdketen.demo.generator import build

from .helpers import watch

CHROMIUM = os.environ.get("JEUGDKETEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Generous waits: CI machines run the browser next to the rest of the suite.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e/ is a browser test, marked or not."""
    for item in items:
        if "/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def playwright_session() -> Iterator[Playwright]:
    """Playwright for the browser tests of this package (tests/e2e and below).

    Its sync API keeps an asyncio loop running in this thread, and Django refuses ORM calls from
    a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set. That is fine for tests
    (not an async server), but only while Playwright runs: package scope stops it after the last
    browser test, so the rest of the suite keeps Django's check.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium)")
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Callable[..., BrowserContext]]:
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "nl-NL")  # Accept-Language: the default UI language
        options.setdefault("timezone_id", "Europe/Amsterdam")
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _page(context: BrowserContext) -> Page:
    return watch(context.new_page())


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return _page(new_context())


@pytest.fixture
def phone_page(new_context: Callable[..., BrowserContext]) -> Page:
    return _page(new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2))


@pytest.fixture
def e2e_region(transactional_db: Any, settings: Any) -> Any:
    """The demo region as `make demo` serves it: second factor off, demo banner on."""
    settings.DEMO_MODE = True
    settings.REQUIRE_2FA = False
    return build(size=0)
