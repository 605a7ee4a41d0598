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


def test_every_other_monitor_agenda_and_experience_page_passes_axe(
    page: Page, live_server: Any, e2e_region: Any
) -> None:
    """The pages the story above does not reach: the inputs (population, pages of it; baselines),
    the agendas with their tables, the experience figures, the open data, a provider's own
    figures. Each with its tables on the core include."""
    from jeugdketen.agenda.models import Agenda

    login(page, live_server, "beleid", check_login_page=False)
    agendas = list(Agenda.objects.filter(regio=e2e_region).values_list("uuid", flat=True))
    assert agendas, "the demo holds the seeds' agendas"
    for path in [
        "/monitor/bevolking/",
        "/monitor/bevolking/?pagina=2",
        "/monitor/basiswaarden/",
        "/agenda/",
        *[f"/agenda/{uuid}/" for uuid in agendas],
        "/ervaring/cijfers/",
        "/open/monitor/",
    ]:
        visit(page, path)
    page.context.clear_cookies()
    login(page, live_server, "aanbieder", check_login_page=False)
    visit(page, "/monitor/mijn-cijfers/")
    expect(page.get_by_role("link", name="Deze tabel als CSV")).to_be_visible()
