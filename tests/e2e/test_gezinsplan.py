"""The gezinsplan story in a real browser (issue 3 point 14): a toegang worker creates a family and
its plan and invites the parent; the parent, on a 375 px phone, makes a login, invites grandma
and agrees to the plan; a school worker without consent gets 404, gets consent, sees the plan,
the consent is withdrawn, 404 again. Every page passes axe-core under the real CSP."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.core.bsn import fictitious_bsn
from jeugdketen.gezinnen.models import Gezin, Netwerklid, Toestemming
from jeugdketen.gezinsplan.models import Instemming

from .helpers import assert_fits, check_page, login, logout, visit

pytestmark = pytest.mark.e2e

PASSWORD = "Een-lang-wachtwoord-voor-Eva-2024"


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    check_page(page)


def test_family_plan_story_from_toegang_to_parent_on_a_phone_to_school(
    page: Page, phone_page: Page, live_server: Any, e2e_region: Any
) -> None:
    today = dt.date.today()
    # 1. The toegang worker creates the family and starts the plan.
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, "/gezinnen/nieuw/")
    page.get_by_label("Naam van het gezin").fill("Gezin De Vries")
    page.get_by_label("Verantwoordelijke gemeente").select_option(label="Heerlen")
    ouder, kind = page.locator("fieldset.jk-fieldset--lid").nth(0), page.locator("fieldset.jk-fieldset--lid").nth(1)
    ouder.get_by_label("Voornaam").fill("Eva")
    ouder.get_by_label("Achternaam").fill("de Vries")
    kind.get_by_label("Voornaam").fill("Noor")
    kind.get_by_label("Achternaam").fill("de Vries")
    kind.get_by_label("BSN").fill(fictitious_bsn(random.Random(14)))
    kind.get_by_label("Geboortedatum").fill(str(today.replace(year=today.year - 9) - dt.timedelta(days=40)))
    page.get_by_label("Toestemming geldt tot en met").fill(str(today + dt.timedelta(days=180)))
    page.get_by_label("Het gezin heeft mij toestemming gegeven").check()
    submit(page, "Gezin opslaan")
    gezin = Gezin.objects.get(naam="Gezin De Vries")
    plan_url = f"/gezinnen/{gezin.uuid}/plan/"
    visit(page, plan_url)  # no plan yet: the page offers to start one
    page.get_by_label("Waar maken we ons zorgen over?").fill("Noor slaapt slecht en wil niet naar school.")
    submit(page, "Plan starten")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin De Vries")

    # ... and invites the parent: a one-time code, shown once.
    visit(page, f"/gezinnen/{gezin.uuid}/")
    submit(page, "Nodig Eva uit voor een eigen inlog")
    code = page.get_by_test_id("uitnodigingscode").inner_text().strip()
    logout(page)

    # 2. The parent on her phone: makes her login with the code and reads the plan.
    phone = phone_page
    visit(phone, f"{live_server.url}/uitnodiging/")
    assert_fits(phone, 375)
    phone.get_by_label("Uw code").fill(code)
    phone.get_by_label("Kies een gebruikersnaam").fill("eva-devries")
    phone.get_by_label("Kies een wachtwoord").fill(PASSWORD)
    submit(phone, "Inlog maken")
    assert phone.url.endswith(plan_url), phone.url
    assert_fits(phone, 375)
    expect(phone.get_by_text("Noor slaapt slecht")).to_be_visible()

    # ... invites grandma, who gets her own code ...
    visit(phone, f"/gezinnen/{gezin.uuid}/netwerk/uitnodigen/")
    assert_fits(phone, 375)
    phone.get_by_label("Naam", exact=True).fill("Truus de Vries")
    phone.get_by_label("Wie is dit voor het gezin?").select_option("familie")
    phone.get_by_label("Toelichting").fill("oma")
    submit(phone, "Uitnodigen")
    expect(phone.get_by_test_id("uitnodigingscode")).to_be_visible()
    assert_fits(phone, 375)
    assert Netwerklid.objects.filter(gezin=gezin, naam="Truus de Vries", gebruiker__isnull=False).exists()

    # ... and agrees to the plan.
    visit(phone, plan_url)
    submit(phone, "Ik stem in met versie 1")
    assert_fits(phone, 375)
    assert Instemming.objects.filter(plan__gezin=gezin, gezinslid__voornaam="Eva", versie__nummer=1).exists()

    # 3. The school worker: no consent → 404.
    login(page, live_server, "school", check_login_page=False)
    visit(page, plan_url, status=404)

    # The parent gives the school consent; the very next request of the school shows the plan.
    visit(phone, f"/gezinnen/{gezin.uuid}/toestemming/")
    assert_fits(phone, 375)
    phone.get_by_label("Organisatie", exact=True).select_option(label="Basisschool De Bron")
    phone.get_by_label("Waarvoor?").fill("Meedenken over school")
    phone.get_by_label("Tot en met").fill(str(today + dt.timedelta(days=60)))
    submit(phone, "Toestemming geven")
    assert Toestemming.objects.filter(gezin=gezin, organisatie__naam="Basisschool De Bron").exists()
    visit(page, plan_url)
    expect(page.get_by_text("Noor slaapt slecht")).to_be_visible()

    # The parent withdraws it, after a question on a page of its own (no script needed): the
    # school's next request is 404 again.
    with phone.expect_navigation():
        phone.get_by_role("link", name="Toestemming voor Basisschool De Bron intrekken").click()
    check_page(phone)  # the question page, with axe
    expect(phone.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken?")
    assert_fits(phone, 375)
    assert Toestemming.objects.get(gezin=gezin, organisatie__naam="Basisschool De Bron").ingetrokken_op is None
    submit(phone, "Ja, intrekken")
    assert_fits(phone, 375)
    visit(page, plan_url, status=404)
    assert page.request.get(f"/api/v1/gezinsplannen/{gezin.plan.uuid}/").status == 404  # the API too

    # The family sees who looked at their file.
    visit(phone, f"/gezinnen/{gezin.uuid}/toegangslog/")
    assert_fits(phone, 375)
    expect(phone.get_by_text("Basisschool De Bron").first).to_be_visible()
