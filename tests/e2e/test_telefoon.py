"""Issue 9 point 6: on a 375 px phone the header and the demo banner take little room, and every
menu link is a target of at least 24 × 24 px (WCAG 2.2 SC 2.5.8), for a citizen (`ouder`)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .helpers import assert_fits, login, visit

pytestmark = pytest.mark.e2e

# At most a fifth of an 812 px high phone screen for the banner and the header together, so the
# page's own heading and first lines are in view without scrolling.
MAX_BOVENKANT = 812 // 5
MIN_DOEL = 24


def test_a_parent_on_a_phone_sees_a_compact_header_with_menu_links_of_at_least_24_px(
    phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    page = phone_page
    login(page, live_server, "ouder")
    visit(page, "/")
    assert_fits(page, 375)
    banner = page.locator(".jk-banner").bounding_box()
    header = page.locator("header.jk-header").bounding_box()
    assert banner is not None and header is not None
    bovenkant = banner["height"] + header["height"]
    assert bovenkant <= MAX_BOVENKANT, f"banner {banner['height']} px + header {header['height']} px"
    links = page.locator(".jk-nav a").all()
    assert len(links) >= 3
    for link in links:
        box = link.bounding_box()
        assert box is not None, link.inner_text()
        assert box["width"] >= MIN_DOEL and box["height"] >= MIN_DOEL, (link.inner_text(), box)
    h1 = page.get_by_role("heading", level=1).bounding_box()
    assert h1 is not None and h1["y"] + h1["height"] <= 812 // 2  # the page's heading is high on the screen
