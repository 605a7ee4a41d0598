"""Plekvrij in a real browser: a provider updates its places on a phone from its home page, a
crisis worker finds and reserves a place, the provider answers, and anyone reads the sociale
kaart without logging in. Every page passes axe-core (WCAG 2.1 A/AA) under the real CSP, and the
phone pages fit a 320 px screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.plekvrij.models import Plek, Reservering, ReserveringStatus

from .helpers import assert_fits, check_page, login, logout, visit, watch

pytestmark = pytest.mark.e2e


def test_a_provider_updates_its_places_on_a_phone_from_its_home_page(
    phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    page = phone_page
    plek = Plek.objects.get(naam="Crisisgroep De Linde")
    login(page, live_server, "aanbieder", check_login_page=False)
    visit(page, "/")
    assert_fits(page)
    expect(page.get_by_role("heading", name="Plekvrij: uw vrije plekken")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^2 vrij\W+Crisisplek: Crisisgroep De Linde")).click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_contain_text(
        "Crisisgroep De Linde heeft nu 2 vrij"
    )
    plek.refresh_from_db()
    assert plek.vrij == 2 and plek.bijgewerkt_door_naam == "Ahmed El Amrani"

    # A stale place on 'Mijn plekken': one tap on the current number says it is still right.
    visit(page, "/plekvrij/mijn-plekken/")
    assert_fits(page)
    stale = Plek.objects.get(locatie__naam="Gezinshuis Brunssum")
    before = stale.bijgewerkt_op
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^1 vrij \(klopt nog\)\W+Gezinshuis Gezinshuis Brunssum")).click()
    check_page(page)
    stale.refresh_from_db()
    assert stale.bijgewerkt_op > before and stale.vrij == 1

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Alles wijzigen\W+Gezinshuis Gezinshuis Brunssum")).click()
    check_page(page)
    assert_fits(page)
    page.get_by_label("Niet inzetbaar").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    check_page(page)
    stale.refresh_from_db()
    assert (stale.buiten_gebruik, stale.vrij) == (1, 0)
    visit(page, f"/plekvrij/mijn-plekken/{stale.uuid}/geschiedenis/")
    visit(page, "/plekvrij/mijn-plekken/bestand/")
    visit(page, "/plekvrij/mijn-plekken/nieuwe-plek/")
    visit(page, "/plekvrij/aanbod/")
    visit(page, "/plekvrij/aanbod/nieuw/")
    assert_fits(page)


def test_a_crisis_worker_finds_and_reserves_a_place_and_the_provider_confirms(
    page: Page, live_server: Any, e2e_region: Any
) -> None:
    login(page, live_server, "crisisdienst", check_login_page=False)
    with page.expect_navigation():
        page.get_by_role("link", name="Plek zoeken").click()
    check_page(page)
    # Municipalities and regions are typed (the own region's names are suggested); a typo is
    # answered with the names that begin like it.
    page.get_by_label("Waar").fill("Regio Parkstad")
    page.get_by_label("Dichtbij (gemeente van de jongere)").fill("heerlne")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    check_page(page)
    expect(
        page.get_by_text("Deze gemeente kennen we niet. Kijk of de naam goed geschreven is. Bedoelt u: Heerlen?")
    ).to_be_visible()
    page.get_by_label("Dichtbij (gemeente van de jongere)").fill("Heerlen")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text=re.compile(r"plekken? gevonden"))).to_be_visible()
    expect(page.get_by_label("Waar")).to_have_value("Regio Parkstad")
    with page.expect_navigation():
        page.get_by_role("link", name="Direct naar vrije crisisplekken").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisisplek zoeken")
    results = page.get_by_role("heading", level=3)
    expect(results.first).to_contain_text("Crisisplek")
    with page.expect_navigation():
        page.get_by_role("link", name="Crisisplek: Crisisgroep De Linde").click()
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Reserveer deze plek").click()
    check_page(page)
    page.get_by_label("Hoe lang wilt u de plek vasthouden?").select_option("8")
    page.get_by_label("Voorletters van de jongere").fill("S.V.")
    page.get_by_label("Leeftijd van de jongere").fill("15")
    page.get_by_label("Uw telefoonnummer").fill("045-5800001")
    page.get_by_label("Wat moet de aanbieder weten?").fill("Komt over een uur.")
    with page.expect_navigation():
        page.get_by_role("button", name="Reserveren").click()
    check_page(page)
    expect(page.get_by_role("status").filter(has_text="vastgehouden")).to_be_visible()
    r = Reservering.objects.get(initialen="S.V.")
    assert r.status == ReserveringStatus.AANGEVRAAGD and r.organisatie.naam.startswith("Integrale Crisisdienst")
    visit(page, "/plekvrij/reserveringen/")
    visit(page, "/plekvrij/?soort=gezinshuis&leeftijd=12&ook_vol=on")
    with page.expect_navigation():
        page.get_by_role("button", name="Laat het me weten als er zo'n plek vrijkomt").click()
    check_page(page)
    visit(page, "/plekvrij/zoekopdrachten/")
    logout(page)

    login(page, live_server, "aanbieder", check_login_page=False)
    visit(page, f"/plekvrij/reserveringen/{r.uuid}/")
    expect(page.get_by_text("S.V., 15 jaar")).to_be_visible()
    page.get_by_label("Bericht aan de aanvrager (mag leeg blijven)").fill("Welkom, we staan klaar.")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    check_page(page)
    r.refresh_from_db()
    assert (r.status, r.antwoord) == (ReserveringStatus.BEVESTIGD, "Welkom, we staan klaar.")
    with page.expect_navigation():
        page.get_by_role("button", name="Jongere is geplaatst").click()
    check_page(page)
    r.refresh_from_db()
    assert r.status == ReserveringStatus.GEPLAATST


def test_anyone_reads_the_sociale_kaart_on_a_phone_without_logging_in(
    phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    page = phone_page
    visit(page, f"{live_server.url}/sociale-kaart/")
    assert_fits(page)
    page.get_by_label("Waar zoek je hulp bij?").fill("opvoeden")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    check_page(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Opvoedspreekuur van het CJG").click()
    check_page(page)
    assert_fits(page)
    expect(page.get_by_role("heading", name="Past dit niet?")).to_be_visible()
    expect(page.get_by_role("link", name="Uitloggen")).to_have_count(0)


def test_the_figures_page_passes_axe(page: Page, live_server: Any, e2e_region: Any) -> None:
    login(page, live_server, "beleid", check_login_page=False)
    visit(page, "/plekvrij/cijfers/")
    expect(page.get_by_role("table").first).to_be_visible()


def test_error_states_and_the_admin_screens_pass_axe(page: Page, live_server: Any, e2e_region: Any) -> None:
    plek = Plek.objects.get(naam="Crisisgroep De Linde")
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, "/plekvrij/?leeftijd=twaalf&datum=gisteren")
    visit(page, f"/plekvrij/plekken/{plek.uuid}/")
    visit(page, f"/plekvrij/plekken/{plek.uuid}/reserveren/")
    with page.expect_navigation():
        page.get_by_role("button", name="Reserveren").click()
    check_page(page)
    expect(page.get_by_text("Vul de voorletters in.")).to_be_visible()
    page.context.clear_cookies()

    login(page, live_server, "aanbieder", check_login_page=False)
    for path in (
        "/plekvrij/aanbod/nieuw/",
        "/plekvrij/mijn-plekken/nieuwe-locatie/",
        f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/",
    ):
        visit(page, path)
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("^(Opslaan|Toevoegen)$")).click()
        check_page(page)
    page.context.clear_cookies()

    login(page, live_server, "beheer", check_login_page=False)
    for path in (
        "/beheer/plekvrij/plek/",
        f"/beheer/plekvrij/plek/{plek.pk}/change/",
        "/beheer/plekvrij/actualiteitstermijn/add/",
        "/beheer/plekvrij/specialisme/",
        "/beheer/plekvrij/hulpaanbod/add/",
    ):
        # A page (same login) per admin screen: on Django's change forms axe-core itself applies
        # an inline style after the page's own checks (the CSP blocks it and the console reports
        # it), which must not be counted against the next screen.
        scherm = watch(page.context.new_page())
        visit(scherm, path)
        scherm.close()
