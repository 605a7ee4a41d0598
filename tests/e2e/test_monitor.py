"""The monitor in a real browser: policy staff open the overview, an indicator, choose two
municipalities to compare and open the chart's table. Every page passes axe-core under the CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .helpers import check_page, login, visit

pytestmark = pytest.mark.e2e


def test_policy_staff_compare_municipalities_and_open_a_charts_table(
    page: Page, live_server: Any, e2e_region: Any
) -> None:
    login(page, live_server, "beleid", check_login_page=False)
    visit(page, "/monitor/")
    expect(page.get_by_role("heading", name="Monitor jeugd: regio Parkstad")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Jeugdigen met jeugdhulp (BBV-indicator)").click()
    check_page(page)
    page.get_by_role("checkbox", name="Heerlen").check()
    page.get_by_role("checkbox", name="Kerkrade").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Vergelijken").click()
    check_page(page)
    expect(page.get_by_role("img", name="Jeugdigen met jeugdhulp (BBV-indicator)")).to_be_visible()
    tabel = page.get_by_role("region", name="Tabel bij de grafiek")
    expect(tabel).to_be_hidden()
    page.locator("summary", has_text="Tabel bij de grafiek").click()
    expect(tabel).to_be_visible()
    expect(tabel.get_by_role("rowheader", name="Kerkrade")).to_be_visible()
    expect(tabel.get_by_role("rowheader", name="Brunssum")).to_have_count(0)
    check_page(page)
