"""A youth on a phone (375 px) starts their toekomstplan, chooses topics and completes items;
every page passes axe-core (WCAG 2.1 A/AA), keeps the real CSP, and fits a 320 px screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.core import kalender
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.toekomstplan.models import Planonderdeel, Status, Toekomstplan
from tests.toekomstplan.factories import born_for_age, family_in_care, give_login

from .helpers import assert_fits, check_page, login, visit

pytestmark = pytest.mark.e2e


def test_a_youth_on_a_phone_chooses_topics_and_completes_items(
    phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    page = phone_page
    _gezin, youth, _parent = family_in_care(geboortedatum=born_for_age(16, 8))
    user = give_login(youth, "e2e-jongere")
    user.set_password(DEMO_PASSWORD)
    user.save()

    login(page, live_server, "e2e-jongere", check_login_page=False)
    expect(page.get_by_role("link", name="Begin aan je toekomstplan")).to_be_visible()
    visit(page, "/toekomstplan/")
    assert_fits(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Toekomstplan starten").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar wil je mee aan de slag?")

    page.get_by_label("Werk", exact=True).check()
    page.get_by_label("Wonen", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    check_page(page)
    assert_fits(page)
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Werk \d"))).to_be_visible()
    expect(
        page.get_by_role("heading", level=2, name=re.compile(r"^DigiD en MijnOverheid"))
    ).to_be_visible()  # must items always in

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Geregeld\W+Een cv maken")).click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_contain_text("Een cv maken")
    plan = Toekomstplan.objects.get(jeugdige=youth)
    assert Planonderdeel.objects.get(plan=plan, onderdeel__sleutel="cv").status == Status.GEREGELD
    expect(page.get_by_text("1 van de", exact=False).first).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Eigen bankrekening openen").click()
    check_page(page)
    assert_fits(page)
    page.get_by_label("Mee bezig").check()
    page.get_by_label("Wie regelt het?").select_option("assistent")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    check_page(page)
    row = Planonderdeel.objects.get(plan=plan, onderdeel__sleutel="bankrekening")
    assert (row.status, row.eigenaar) == (Status.BEZIG, "assistent")


def test_the_watch_lists_and_the_assistant_page_pass_axe(page: Page, live_server: Any, e2e_region: Any) -> None:

    family_in_care(geboortedatum=kalender.uiterlijk_geboren(kalender.zestieneneenhalf, kalender.vandaag()))
    login(page, live_server, "toegang", check_login_page=False)
    for lijst in ("zonder_plan", "voor_18_open", "zorg_na_18"):
        visit(page, f"/toekomstplan/signalen/?lijst={lijst}")
    visit(page, "/toekomstplan/signalen/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Toekomstplan starten")).first.click()
    check_page(page)
