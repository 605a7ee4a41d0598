"""Issue 9 point 2c in a real browser: a professional adding a family member whose BSN is already
in another family they work with is offered that person (the page passes axe-core), ticks the
box and adds the same person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.gezinnen.models import Gezinslid
from jeugdketen.personen import services as personen
from tests.gezinnen.helpers import make_family

from .helpers import check_page, login, visit

pytestmark = pytest.mark.e2e

BSN = "111222333"


def test_a_professional_is_offered_the_person_already_known_and_adds_them(
    page: Page, live_server: Any, e2e_region: Any
) -> None:
    bekend = make_family(naam="Gezin Bekend")
    persoon = personen.jeugdige_vastleggen(bsn=BSN, geboortedatum=dt.date(2014, 3, 3), achternaam="Bekend")
    Gezinslid.objects.filter(gezin=bekend, soort="jeugdige").update(
        bsn=BSN, voornaam="Kim", achternaam="Bekend", geboortedatum=dt.date(2014, 3, 3), persoon=persoon
    )
    tweede = make_family(naam="Gezin Tweede")
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, f"/gezinnen/{tweede.uuid}/leden/nieuw/")
    page.get_by_label("Wie").select_option("jeugdige")
    page.get_by_label("Voornaam").fill("Kimmy")
    page.get_by_label("Achternaam").fill("Anders")
    page.get_by_label("BSN").fill(BSN)
    page.get_by_label("Geboortedatum").fill("2014-03-03")
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").click()
    check_page(page)  # the offer, with axe-core
    expect(page.get_by_text("Deze persoon staat al in Gezin Bekend")).to_be_visible()
    page.get_by_label("Ja, voeg deze persoon toe").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Toevoegen").click()
    check_page(page)
    assert Gezinslid.objects.get(gezin=tweede, bsn=BSN).achternaam == "Bekend"
