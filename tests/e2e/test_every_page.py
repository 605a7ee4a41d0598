"""Every HTML page of each module, opened in Chromium and checked by axe-core (WCAG 2.1 A/AA),
including the states a story test does not reach (forms, lists, error messages, admin screens)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from tests.gezinnen.helpers import make_family, make_plan
from tests.verwijsindex.factories import RegistratieFactory, new_bsn

from .helpers import check_page, login, visit

pytestmark = pytest.mark.e2e


def test_family_and_plan_pages(page: Page, live_server: Any, e2e_region: Any) -> None:
    gezin = make_family("toegang", naam="Gezin Axe")
    make_plan(gezin)
    login(page, live_server, "toegang", check_login_page=False)
    base = f"/gezinnen/{gezin.uuid}"
    for path in [
        "/gezinnen/",
        "/gezinnen/nieuw/",
        f"{base}/",
        f"{base}/plan/",
        f"{base}/plan/bewerken/",
        f"{base}/plan/versies/",
        f"{base}/plan/regie/",
        f"{base}/plan/bijeenkomst/",
        f"{base}/plan/afdrukken/",
        f"{base}/leden/nieuw/",
        f"{base}/netwerk/uitnodigen/",
        f"{base}/toestemming/",
    ]:
        visit(page, path)


def test_toekomstplan_pages_of_the_youth(page: Page, live_server: Any, e2e_region: Any) -> None:
    from jeugdketen.toekomstplan import services
    from tests.toekomstplan.factories import as_actor, born_for_age, family_in_care, give_login

    _gezin, youth, _parent = family_in_care(geboortedatum=born_for_age(17))
    user = give_login(youth, "jongere-axe")
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    plan = services.toekomstplan_starten(jeugdige=youth, by=as_actor("jongere-axe"))
    login(page, live_server, "jongere-axe", check_login_page=False)
    for path in [
        "/toekomstplan/",
        f"/toekomstplan/{plan.uuid}/assistent/",
        f"/toekomstplan/{plan.uuid}/wie-heeft-gekeken/",
    ]:
        visit(page, path)


def test_verwijsindex_pages_and_a_logbook_with_results(page: Page, live_server: Any, e2e_region: Any) -> None:
    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, "/verwijsindex/zoeken/")
    page.context.clear_cookies()
    login(page, live_server, "functioneelbeheer", check_login_page=False)
    org = Organisatie.objects.get(naam="Toegangsteam Jeugd Heerlen")
    for path in ["/verwijsindex/beheer/overlijden/", f"/verwijsindex/beheer/organisaties/{org.uuid}/"]:
        visit(page, path)
    visit(page, "/verwijsindex/beheer/logboek/")
    page.get_by_label("BSN").fill(bsn)
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    check_page(page)  # the result of the POST, with its table of log lines
    assert page.get_by_role("region", name="Logregels").count() == 1


def test_log_manager_and_admin_screens(page: Page, live_server: Any, e2e_region: Any) -> None:
    login(page, live_server, "logbeheer", check_login_page=False)
    visit(page, "/toegangslog/?van=morgen")  # the error message of the period filter
    page.context.clear_cookies()
    login(page, live_server, "beheer", check_login_page=False)
    user = Gebruiker.objects.get(username="toegang")
    for path in [
        "/beheer/otp_totp/totpdevice/",
        f"/beheer/organisaties/gebruiker/{user.pk}/change/",
    ]:
        visit(page, path)
