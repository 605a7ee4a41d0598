"""Logging in with DigiD in a real browser, through the demo's mock DigiD, every page checked
with axe: the login page with both ways in, DigiD's pages, the family's plan, and logging out;
and the friendly page for someone DigiD knows but the platform does not."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.digid.conftest import PARENT_BSN, UNKNOWN_BSN, family_with

from .helpers import check_page, visit

pytestmark = pytest.mark.e2e


def log_in_with_digid(page: Page, bsn: str) -> None:
    visit(page, "/inloggen/")
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD").click()
    check_page(page)  # the mock DigiD: how do you want to log in?
    expect(page.get_by_role("note")).to_contain_text("Nagebootste DigiD")
    with page.expect_navigation():
        page.get_by_role("link", name="Met burgerservicenummer").click()
    check_page(page)
    page.get_by_label("Burgerservicenummer").fill(bsn)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_a_parent_logs_in_with_digid_reaches_the_plan_and_logs_out(
    page: Page, live_server: Any, e2e_region: Any
) -> None:
    gezin = family_with(17)
    visit(page, "/inloggen/")
    # Both ways in, clearly apart: DigiD for the family, the password login for everyone else.
    expect(page.get_by_role("region", name="Ouders en jongeren")).to_contain_text("Inloggen met DigiD")
    expect(page.get_by_role("region", name="Medewerkers en genodigden zonder DigiD")).to_contain_text("Wachtwoord")

    log_in_with_digid(page, PARENT_BSN)
    assert page.url.endswith(f"/gezinnen/{gezin.uuid}/plan/"), page.url
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    assert page.url.endswith("/inloggen/?uitgelogd=ja"), page.url
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="U bent uitgelogd")).to_be_visible()
    page.goto(f"/gezinnen/{gezin.uuid}/plan/")
    assert "/inloggen/" in page.url  # the session is gone


def test_someone_the_platform_does_not_know_gets_a_friendly_page(page: Page, live_server: Any, e2e_region: Any) -> None:
    family_with(17)
    log_in_with_digid(page, UNKNOWN_BSN)
    assert page.url.endswith("/digid/geen-toegang/"), page.url
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Er is hier niets voor u")
    assert UNKNOWN_BSN not in page.content()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)  # nobody is logged in
