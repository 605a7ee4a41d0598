"""The crisis worker's path in a real browser: report → triage → crisis stay → hand-over, and the
access team picking the hand-over up. Every page passes axe-core (WCAG 2.1 A/AA), keeps the real
CSP, works without JavaScript (the board is read with scripts off) and fits a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.crisis.models import Crisiscasus, OverdrachtRoute
from jeugdketen.demo.generator import DEMO_PASSWORD

from .helpers import assert_fits, check_page, login, logout, visit

pytestmark = pytest.mark.e2e


def _submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    check_page(page)


def test_report_triage_stay_and_hand_over(page: Page, live_server: Any, e2e_region: Any, new_context: Any) -> None:
    login(page, live_server, "crisisdienst", check_login_page=False)
    expect(page.get_by_role("heading", name="Crisisbord: lopende casussen, eerste deadline bovenaan")).to_be_visible()
    visit(page, "/crisis/")
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe melding").click()
    check_page(page)

    # The report: one page.
    page.get_by_role("radio", name="Een burger").check()
    page.get_by_label("Naam van de melder").fill("Moeder")
    page.get_by_label("Relatie met de jongere (als een burger meldt)").select_option(label="Ouder of verzorger")
    page.get_by_label("Gemeente waar de crisis is").select_option(label="Kerkrade")
    page.get_by_label("Wat speelt er").fill("Vader is agressief, de dochter is naar de buren gevlucht.")
    page.get_by_role("radio", name="Hoog: nu handelen").check()
    page.locator("#id_jeugdige-0-voornaam").fill("Lieke")
    page.locator("#id_jeugdige-0-leeftijd").fill("14")
    _submit(page, "Melding vastleggen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage vastleggen")
    casus = Crisiscasus.objects.get()

    # Triage.
    page.get_by_role("radio", name="Crisisverblijf", exact=True).check()
    page.get_by_label("Wie deden mee").fill("Esther (crisisdienst), Mark (GGZ)")
    page.get_by_label("GGZ-deskundigheid was erbij").check()
    _submit(page, "Triage opslaan")
    expect(page.get_by_role("status").filter(has_text="De triage is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Rondetafel op de eerste werkdag")).to_be_visible()

    # Crisis stay: "Zoek een crisisplek" lists plekvrij's free crisis places for a 14-year-old,
    # nearest first; holding one leads to the moment form with the place filled in.
    with page.expect_navigation():
        page.get_by_role("link", name="Zoek een crisisplek").click()
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Houd \d+ uur vast")).first.click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="De plek is voor u vastgehouden")).to_be_visible()
    expect(page.get_by_label("Plek (bij crisisverblijf)")).not_to_have_value("")
    _submit(page, "Moment vastleggen")
    expect(page.get_by_text("Crisisverblijf begonnen")).to_be_visible()
    expect(page.get_by_text("Duur crisisverblijf")).to_be_visible()

    # Hand-over: no family plan, so the access team of the municipality is told.
    with page.expect_navigation():
        page.get_by_role("link", name="Overdragen aan het gewone plan").click()
    check_page(page)
    page.get_by_label("Wat is er besloten").fill("Lieke slaapt een paar nachten in een crisisgezin.")
    page.get_by_label("Wat is de volgende stap").fill("Het toegangsteam belt morgen om samen een plan te maken.")
    page.get_by_label("Wie kan het gezin bellen").fill("Esther Lemmens, crisisdienst")
    page.get_by_label("Telefoonnummer").fill("045-5550000")
    page.locator("#id_afspraak-0-wat").fill("Moeder belt elke avond met Lieke")
    page.locator("#id_afspraak-0-wie").fill("Moeder")
    _submit(page, "Overdragen")
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    casus.refresh_from_db()
    assert casus.overdracht.route == OverdrachtRoute.TOEGANG

    # The board fits a phone; and without JavaScript it shows the same (axe needs scripts, so it
    # ran above on the same page).
    visit(page, "/crisis/")
    expect(page.get_by_role("link", name="Lieke")).to_be_visible()
    assert_fits(page)
    zonder_js = new_context(java_script_enabled=False).new_page()
    zonder_js.goto("/inloggen/")
    zonder_js.get_by_label("Gebruikersnaam").fill("crisisdienst")
    zonder_js.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with zonder_js.expect_navigation():
        zonder_js.get_by_role("button", name="Inloggen").click()
    response = zonder_js.goto("/crisis/")
    assert response is not None and response.status == 200
    expect(zonder_js.get_by_role("link", name="Lieke")).to_be_visible()
    expect(zonder_js.get_by_text("Duur crisisverblijf")).to_be_visible()
    logout(page)


def test_the_access_team_picks_up_a_hand_over(page: Page, live_server: Any, e2e_region: Any) -> None:
    from tests.crisis.helpers import melding, overdracht, triage

    casus = melding(cbs="GM0917")
    triage(casus, "ambulant")
    overdracht(casus, volgende_stap="Het toegangsteam belt.")
    login(page, live_server, "toegang", check_login_page=False)
    with page.expect_navigation():
        page.get_by_role("link", name="Overdracht: Sem").click()
    check_page(page)
    expect(page.get_by_text("Het toegangsteam belt.")).to_be_visible()
    _submit(page, "Ik pak dit op")
    expect(page.get_by_text("Opgepakt op")).to_be_visible()
    visit(page, "/crisis/overdrachten/")


def test_every_other_crisis_page_passes_axe(page: Page, live_server: Any, e2e_region: Any) -> None:
    """Close, look back, complete a youth, link a family, a mandate, and the family's own page."""
    import datetime as dt

    from django.utils import timezone

    from tests.crisis.helpers import melding, moment, overdracht, triage
    from tests.gezinnen.helpers import link_citizen, make_family

    gezin = make_family("crisisdienst", youth_age=10, bsn="111222333")
    link_citizen(gezin, "ouder")
    casus = melding(ontvangen=timezone.now() - dt.timedelta(hours=8), bsn="111222333")
    triage(casus, "advies")
    moment(casus, "gestabiliseerd", casus.ontvangen_op + dt.timedelta(hours=2))
    login(page, live_server, "crisisdienst", check_login_page=False)
    base = f"/crisis/casus/{casus.uuid}"
    for path in ("/jongere/", f"/jongere/{casus.jeugdigen.get().uuid}/", "/gezin-koppelen/", "/deelname/", "/sluiten/"):
        visit(page, base + path)
    visit(page, base + "/gezin-koppelen/")
    page.get_by_label("Gezin").select_option(label=gezin.naam)
    _submit(page, "Koppelen")
    expect(page.get_by_text(f"Gekoppeld aan {gezin.naam}.")).to_be_visible()
    overdracht(casus, besluit="Advies gegeven; het gaat weer.", volgende_stap="Bel de huisarts als het weer misgaat.")
    visit(page, base + "/sluiten/")
    _submit(page, "Casus sluiten")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen terugkijken")
    page.get_by_label("Wat ging aan de crisis vooraf").fill("Ruzie over school.")
    page.get_by_label("Wat had eerder kunnen gebeuren").fill("Eerder praten met de mentor.")
    page.get_by_label("Problemen op school of thuiszitten").check()
    _submit(page, "Opslaan")
    logout(page)
    login(page, live_server, "ouder", check_login_page=False)
    with page.expect_navigation():
        page.get_by_role("link", name="Wat is er besloten, en wie kunt u bellen").click()
    check_page(page)
    expect(page.get_by_text("Bel de huisarts als het weer misgaat.")).to_be_visible()
