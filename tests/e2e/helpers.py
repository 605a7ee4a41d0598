"""Browser-test helpers shared by every module's e2e tests.

Import them in a test module::

    from tests.e2e.helpers import login, visit

    @pytest.mark.e2e
    def test_plan_page(page, live_server, e2e_region):
        login(page, live_server, "toegang")
        visit(page, "/gezinsplannen/")          # navigates, checks the status, runs axe-core

`visit` is the one way to open a page in a browser test: it fails on an HTTP error status, on a
Content-Security-Policy violation or JavaScript error in the page, and on any WCAG 2.1 A/AA
violation that axe-core finds. After an action that navigates (submitting a form, clicking a
link) call `check_page(page)` to run the same checks on where the browser ended up.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import ConsoleMessage, Page, Response

from jeugdketen.demo.generator import DEMO_PASSWORD

AXE_PATH = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA: what the Dutch accessibility decree (Besluit digitale toegankelijkheid
# overheid, EN 301 549) requires.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

_problems: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()
_axe_source: str | None = None


def _load_axe() -> str:
    global _axe_source
    if _axe_source is None:
        if not AXE_PATH.exists():
            pytest.fail(f"axe-core is missing at {AXE_PATH}: run `npm ci` (or `make install`)")
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


def watch(page: Page) -> Page:
    """Record Content-Security-Policy violations and JavaScript errors on this page.

    The e2e `page` fixtures call this; call it yourself on a page from your own context.
    """
    problems = _problems.setdefault(page, [])

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"CSP violation: {message.text}")

    def on_pageerror(error: Any) -> None:
        problems.append(f"JavaScript error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    return page


def _take_problems(page: Page) -> list[str]:
    problems = _problems.get(page, [])
    found = list(problems)
    problems.clear()
    return found


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per rule: id, impact, what it means, and which elements fail."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


def axe(page: Page, *, disable_rules: Iterable[str] = (), context: str = "document") -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail the test on any violation.

    axe is injected with `page.evaluate`, which runs through the DevTools protocol and is not
    subject to the page's Content-Security-Policy, so the tests keep the real CSP (no
    `bypass_csp`) and still catch inline scripts or styles that production would block.
    `disable_rules` switches named rules off; use it only with a comment saying why.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => {\n" + _load_axe() + "\n}")
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "rules": {rule: {"enabled": False} for rule in disable_rules},
        "resultTypes": ["violations"],
    }
    result = page.evaluate(
        "([context, options]) => window.axe.run(context === 'document' ? document : context, options)",
        [context, options],
    )
    violations: list[dict[str, Any]] = result["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )
    return violations


def check_page(
    page: Page,
    *,
    run_axe: bool = True,
    disable_rules: Iterable[str] = (),
) -> None:
    """The checks every page must pass: no CSP violation or script error, and no axe violation."""
    problems = _take_problems(page)
    if problems:
        pytest.fail(f"Problems on {page.url}:\n" + "\n".join(f"- {p}" for p in problems), pytrace=False)
    if run_axe:
        axe(page, disable_rules=disable_rules)


def visit(
    page: Page,
    url: str,
    *,
    status: int = 200,
    run_axe: bool = True,
    disable_rules: Iterable[str] = (),
) -> Response:
    """Open `url` (absolute, or a path relative to the live server) and check the page.

    Fails when the final response (after redirects) has another status than `status`, when the
    page breaks the CSP or throws, or when axe-core finds a WCAG 2.1 A/AA violation.
    """
    response = page.goto(url, wait_until="load")
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status} (expected {status}), now at {page.url}"
    check_page(page, run_axe=run_axe, disable_rules=disable_rules)
    return response


_WIDEST = """width => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
               [...el.classList].map(c => '.' + c).join(''))"""


def assert_fits(page: Page, width: int = 320) -> None:
    """Fail when the current page scrolls sideways on a screen `width` px wide (WCAG 1.4.10 reflow).

    Resizes the viewport for the check and puts it back; no new navigation is needed.
    """
    original = page.viewport_size
    page.set_viewport_size({"width": width, "height": original["height"] if original else 640})
    try:
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > width:
            too_wide = page.evaluate(_WIDEST, width)
            pytest.fail(
                f"{page.url} is {scroll_width}px wide on a {width}px screen; too wide: {', '.join(too_wide)}",
                pytrace=False,
            )
    finally:
        if original:
            page.set_viewport_size(original)


def login(
    page: Page,
    live_server: Any,
    username: str,
    *,
    password: str = DEMO_PASSWORD,
    check_login_page: bool = True,
) -> Page:
    """Log in as a demo login through the real login form and land on 'Mijn werk'.

    Needs the `e2e_region` fixture (the demo region, second factor off as in `make demo`).
    The login page itself is checked with `visit` (axe included) unless `check_login_page=False`.
    """
    visit(page, f"{live_server.url}/inloggen/", run_axe=check_login_page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    assert page.url.rstrip("/") == live_server.url, f"login as {username} ended at {page.url}"
    check_page(page, run_axe=False)
    return page


def logout(page: Page) -> Page:
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    return page
