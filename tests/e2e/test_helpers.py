"""The browser-test helpers themselves: a check that cannot fail protects nothing."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .helpers import axe, check_page, visit

pytestmark = pytest.mark.e2e


def test_axe_fails_with_a_readable_list(page: Page) -> None:
    page.set_content('<html><body><main><img src="data:,"><a href="/x"></a></main></body></html>')
    with pytest.raises(pytest.fail.Exception) as failure:
        axe(page)
    message = str(failure.value)
    for expected in ("image-alt (critical)", "link-name (serious)", "html-has-lang", "at img", "at a"):
        assert expected in message, message


def test_axe_can_switch_off_a_named_rule(page: Page) -> None:
    page.set_content('<html lang="nl"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>')
    assert axe(page, disable_rules=["image-alt"]) == []


def test_csp_violations_fail_the_page(page: Page, live_server: Any, e2e_region: Any) -> None:
    visit(page, "/inloggen/", run_axe=False)
    # What a template with an inline script would do: the real CSP blocks it, and we notice.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s) }")
    page.wait_for_timeout(100)
    with pytest.raises(pytest.fail.Exception, match="CSP violation"):
        check_page(page, run_axe=False)


def test_visit_checks_the_status(page: Page, live_server: Any, e2e_region: Any) -> None:
    # An anonymous visitor is sent to the login page, which answers 200.
    with pytest.raises(AssertionError, match=r"answered 200 \(expected 404\)"):
        visit(page, "/bestaat-niet/", status=404, run_axe=False)
