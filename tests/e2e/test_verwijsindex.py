"""Verwijsindex in a real browser: register → match signal → coordination → contact recorded,
and every page on the way passes axe-core (WCAG 2.1 AA) under the real CSP."""

from __future__ import annotations

import random
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.core.bsn import fictitious_bsn

from .helpers import check_page, login, logout, visit

pytestmark = pytest.mark.e2e


def register(page: Page, live_server: Any, bsn: str) -> None:
    visit(page, f"{live_server.url}/verwijsindex/melden/")
    page.get_by_label("BSN van de jongere").fill(bsn)
    page.get_by_label("Geboortedatum").fill("2012-05-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Melden").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Melding")


def test_register_match_coordinate_contact(page: Page, live_server: Any, e2e_region: Any) -> None:
    bsn = fictitious_bsn(random.Random(5))
    login(page, live_server, "school", check_login_page=False)
    register(page, live_server, bsn)
    expect(page.get_by_text("Er is (nog) geen andere organisatie")).to_be_visible()
    logout(page)

    login(page, live_server, "toegang", check_login_page=False)
    register(page, live_server, bsn)
    expect(page.get_by_role("cell", name="Basisschool De Bron")).to_be_visible()
    assert bsn not in page.content()

    # the match signal arrives in the app (the e-mail carries no personal data)
    visit(page, f"{live_server.url}/notificaties/")
    with page.expect_navigation():
        page.get_by_role("link", name="Er is een match in de verwijsindex").first.click()
    check_page(page)
    expect(page.locator("#regie-status")).to_contain_text("Toegangsteam Jeugd Heerlen voert de regie")
    with page.expect_navigation():
        page.get_by_role("button", name="Vastleggen: we hebben contact gehad").click()
    check_page(page)
    expect(page.locator("#contact-status")).to_contain_text("Contact vastgelegd")
    visit(page, f"{live_server.url}/verwijsindex/")
    visit(page, f"{live_server.url}/verwijsindex/matches/")
    visit(page, f"{live_server.url}/verwijsindex/bestand/")
    logout(page)

    # functional management sees the match for coordination and the usage figures, never the youth
    login(page, live_server, "functioneelbeheer", check_login_page=False)
    for url in ("/verwijsindex/beheer/", "/verwijsindex/beheer/regie/?alles=1", "/verwijsindex/beheer/gebruik/",
                "/verwijsindex/beheer/regels/", "/verwijsindex/beheer/logboek/"):  # fmt: skip
        visit(page, f"{live_server.url}{url}")
        assert bsn not in page.content()
