"""A parent on a 375 px phone scores the six core values after an evaluation, in one screen; policy
staff open the agenda and record a year's status. Every page passes axe-core under the real CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.agenda.models import Activiteitstatus, Agenda
from jeugdketen.core import kalender
from jeugdketen.demo.agenda import PARKSTAD
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.ervaring import services as ervaring
from jeugdketen.ervaring.models import Antwoord
from tests.toekomstplan.factories import born_for_age, family_in_care, give_login

from .helpers import assert_fits, check_page, login, visit

pytestmark = pytest.mark.e2e


def test_a_parent_scores_the_core_values_on_a_phone(phone_page: Page, live_server: Any, e2e_region: Any) -> None:
    page = phone_page
    gezin, _youth, parent = family_in_care(geboortedatum=born_for_age(9))
    user = give_login(parent, "e2e-ouder")
    user.set_password(DEMO_PASSWORD)
    user.save()
    # What recording an evaluation in gezinsplan calls (tests/ervaring covers that hook).
    (uitnodiging,) = ervaring.uitnodigen_na_evaluatie(gezin.plan, kalender.vandaag())

    login(page, live_server, "e2e-ouder", check_login_page=False)
    with page.expect_navigation():
        page.get_by_role("link", name="Geef uw mening over de hulp (1 minuut)").click()
    check_page(page)
    assert_fits(page, 375)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe ging het?")
    for legend in ("Luister naar me", "Ben eerlijk tegen me", "Oordeel niet over me", "Zie mijn mogelijkheden"):
        page.get_by_role("group", name=legend).get_by_label("4").check()
    page.get_by_role("group", name="Sta naast me").get_by_label("5").check()  # "Help me kiezen" skipped
    box = page.get_by_role("group", name="Sta naast me").get_by_text("5").bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    with page.expect_navigation():
        page.get_by_role("button", name="Versturen").click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="Dank u wel")).to_be_visible()
    antwoord = Antwoord.objects.get()
    assert (antwoord.luister, antwoord.kiezen, antwoord.naast) == (4, None, 5)
    visit(page, f"/ervaring/{uitnodiging.uuid}/")
    expect(page.get_by_text("U heeft deze vragen beantwoord.")).to_be_visible()


def test_policy_staff_open_the_agenda_and_record_a_status(page: Page, live_server: Any, e2e_region: Any) -> None:
    agenda = Agenda.objects.get(sleutel=PARKSTAD)
    login(page, live_server, "beleid", check_login_page=False)
    visit(page, "/agenda/")
    with page.expect_navigation():
        page.get_by_role("link", name="Beleidsagenda Jeugdhulp Parkstad 2019-2022").click()
    check_page(page)
    expect(page.get_by_role("heading", level=2, name="7. Inspraak jeugdigen en ouders/verzorgers")).to_be_visible()
    page.get_by_label("Stand in het jaar").select_option("2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    check_page(page)
    with page.expect_navigation():
        page.locator("tr", has_text="Burgercampagnes continueren").get_by_role(
            "link", name="Status 2020 vastleggen"
        ).click()
    check_page(page)
    page.get_by_label("Loopt").check()
    page.get_by_label("Toelichting").fill("Zesde campagne in voorbereiding.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    check_page(page)
    expect(page.locator("tr", has_text="Burgercampagnes continueren")).to_contain_text(
        "Zesde campagne in voorbereiding."
    )
    assert Activiteitstatus.objects.filter(activiteit__thema__agenda=agenda, jaar=2020, status="loopt").exists()


def test_a_parent_without_an_account_scores_with_the_code_of_the_letter(
    phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    """No login: the parent types the code of the regisseur's letter on a 375 px phone, answers,
    and the code then says it was used. The code is in no address the browser asks for, nor in a
    Referer. Every page passes axe-core."""
    import datetime as dt

    from django.utils import timezone

    from jeugdketen.ervaring import selectors as ervaring_selectors
    from jeugdketen.ervaring.models import Uitnodiging

    page = phone_page
    gezin, _youth, _parent = family_in_care(geboortedatum=born_for_age(9))
    (uitnodiging,) = ervaring.uitnodigen_na_evaluatie(gezin.plan, kalender.vandaag())
    code = "ABCDEFGHJKMNPQRS"  # what codes_maken hands the regisseur (tests/ervaring cover that page)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        code_hash=ervaring_selectors.code_hash(code), code_verloopt_op=timezone.now() + dt.timedelta(days=30)
    )
    adressen: list[str] = []
    page.on("request", lambda r: adressen.extend([r.url, r.headers.get("referer", "")]))
    visit(page, "/ervaring/code/")
    assert_fits(page, 375)
    page.get_by_label("Uw persoonlijke code").fill("abcd-efgh-jkmn-pqrs")
    with page.expect_navigation():
        page.get_by_role("button", name="Verder").click()
    check_page(page)
    assert_fits(page, 375)
    assert page.url.endswith("/ervaring/code/antwoord/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe ging het, Ouder?")
    page.get_by_role("group", name="Luister naar me").get_by_label("4").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Versturen").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel!")
    assert Antwoord.objects.get().luister == 4
    # Back to the questions: the code was used, a second answer is not taken.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze code is al gebruikt")
    check_page(page)
    visit(page, "/ervaring/code/antwoord/", status=410)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze code is al gebruikt")
    assert Antwoord.objects.count() == 1
    gezien = [a for a in adressen if a]
    assert gezien and not [a for a in gezien if code in a.upper().replace("-", "")]
    # A code typed into the address bar is not read: the friendly 404 points to the form.
    visit(page, f"/ervaring/code/{code}/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
