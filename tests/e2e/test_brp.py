"""The family match in a real browser: two organisations register two siblings (a parent in common
in the BRP stand-in), the second registrant opens the family-match signal from the notifications
and sees only that it concerns another youth of the family with the other's contact details; a
professional without a registration gets a 404. Every page passes axe-core under the real CSP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.brp import standin

from .helpers import check_page, login, logout, visit

pytestmark = pytest.mark.e2e

SEM, NOOR = "999991036", "999991048"


@pytest.fixture
def brp(settings: Any) -> Iterator[dict[str, Any]]:
    server = standin.start()
    settings.BRP_API_URL = server.url
    try:
        yield standin.laad_personen()
    finally:
        server.stop()


def register(page: Page, live_server: Any, bsn: str, geboren: str) -> None:
    visit(page, f"{live_server.url}/verwijsindex/melden/")
    page.get_by_label("BSN van de jongere").fill(bsn)
    page.get_by_label("Geboortedatum").fill(geboren)
    with page.expect_navigation():
        page.get_by_role("button", name="Melden").click()
    check_page(page)


def test_family_match_signal(page: Page, live_server: Any, e2e_region: Any, brp: dict[str, Any]) -> None:
    def geboren(bsn: str) -> str:
        return str(brp[bsn]["geboorte"]["datum"]["datum"])

    login(page, live_server, "school", check_login_page=False)
    register(page, live_server, SEM, geboren(SEM))
    logout(page)

    login(page, live_server, "toegang", check_login_page=False)
    register(page, live_server, NOOR, geboren(NOOR))
    visit(page, f"{live_server.url}/notificaties/")
    with page.expect_navigation():
        page.get_by_role("link", name="Er is een gezinsmatch in de verwijsindex").first.click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezinsmatch in de verwijsindex")
    expect(page.get_by_test_id("gezinsmatch-uitleg")).to_contain_text("andere jongere uit hetzelfde gezin")
    expect(page.get_by_role("cell", name="Basisschool De Bron")).to_be_visible()
    content = page.content()
    assert SEM not in content and NOOR not in content and "Vaessen" not in content
    url = page.url
    logout(page)

    # a professional whose organisation registered neither youth sees nothing
    login(page, live_server, "gi", check_login_page=False)
    visit(page, url, status=404)
    visit(page, f"{live_server.url}/notificaties/")
    expect(page.get_by_role("link", name="Er is een gezinsmatch in de verwijsindex")).to_have_count(0)
