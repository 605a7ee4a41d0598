"""Jeugdhulp in a real browser: a provider uploads an iJw JW305 → the errors are shown per record →
the return message (JW306) downloads; the access team's decision form, the letter and the lists —
every page on the way passes axe-core (WCAG 2.1 AA) under the real CSP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jeugdketen.demo.jeugdhulp import voorbeeldberichten
from jeugdketen.organisaties.models import Regio

from .helpers import check_page, login, logout, visit

pytestmark = pytest.mark.e2e


def test_upload_errors_shown_return_message(page: Page, live_server: Any, e2e_region: Any) -> None:
    jw305 = voorbeeldberichten(Regio.objects.get())["JW305-voorbeeld.xml"]
    login(page, live_server, "aanbieder", check_login_page=False)
    visit(page, f"{live_server.url}/jeugdhulp/")
    visit(page, f"{live_server.url}/jeugdhulp/ijw/")
    page.get_by_label("iJw-bericht (XML)").set_input_files(
        {"name": "JW305.xml", "mimeType": "text/xml", "buffer": jw305}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Aanleveren").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("JW305")
    expect(page.get_by_role("status").filter(has_text="Deels verwerkt")).to_contain_text(
        "1 regel verwerkt, 1 regel met een fout"
    )
    rij = page.get_by_role("row").filter(has_text="999999")
    expect(rij).to_contain_text("9019")
    expect(rij).to_contain_text("is niet bekend")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het retourbericht").click()
    inhoud = Path(download.value.path()).read_bytes()
    assert b"<jw306:BerichtCode>439</jw306:BerichtCode>" in inhoud
    assert b"<jw306:RetourCode>9019</jw306:RetourCode>" in inhoud
    assert download.value.suggested_filename.startswith("JW306-")

    # The same file again changes nothing and says so.
    visit(page, f"{live_server.url}/jeugdhulp/ijw/")
    page.get_by_label("iJw-bericht (XML)").set_input_files(
        {"name": "JW305.xml", "mimeType": "text/xml", "buffer": jw305}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Aanleveren").click()
    check_page(page)
    expect(page.get_by_text("Dit bestand was al eerder verwerkt")).to_be_visible()

    # A file that is no iJw message is refused whole, with the reason and no return message.
    visit(page, f"{live_server.url}/jeugdhulp/ijw/")
    page.get_by_label("iJw-bericht (XML)").set_input_files({"name": "x.xml", "mimeType": "text/xml", "buffer": b"<a/>"})
    with page.expect_navigation():
        page.get_by_role("button", name="Aanleveren").click()
    check_page(page)
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen iJw-bericht")

    # The trajectory the start was applied to.
    visit(page, f"{live_server.url}/jeugdhulp/?lijst=alle")
    with page.expect_navigation():
        page.get_by_role("link", name="Noah Habets").click()
    check_page(page)
    expect(page.get_by_text("Perioden van hulp")).to_be_visible()
    visit(page, f"{live_server.url}/jeugdhulp/bestand/")
    logout(page)


def test_decision_letter_and_the_other_roles_pages(page: Page, live_server: Any, e2e_region: Any) -> None:
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, f"{live_server.url}/jeugdhulp/besluiten/nieuw/")
    page.get_by_label("BSN van de jeugdige").fill("999990111")
    page.get_by_label("Geboortedatum").fill("2015-03-01")
    page.get_by_label("Voornaam").fill("Tess")
    page.get_by_label("Achternaam").fill("Frissen")
    page.get_by_label("Verantwoordelijke gemeente").select_option(label="Heerlen")
    page.get_by_label("Datum van het besluit").fill("2025-01-06")
    page.get_by_label("Waarom deze hulp").fill("Tess krijgt hulp bij het omgaan met angst.")
    page.get_by_label("Aanbieder").select_option(label="Jeugdhulp Parkstad")
    page.get_by_label("Soort hulp (productcategorie)").select_option(value="45")
    page.get_by_label("Hulp vanaf").fill("2025-01-13")
    page.get_by_label("Wie verwees").select_option(value="02")
    with page.expect_navigation():
        page.get_by_role("button", name="Besluit opslaan").click()
    check_page(page)
    expect(page.get_by_role("heading", level=2, name="Bent u het niet eens met dit besluit?")).to_be_visible()
    expect(page.get_by_text("uiterlijk op 17 februari 2025")).to_be_visible()
    visit(page, f"{live_server.url}/jeugdhulp/?lijst=bijna18")
    logout(page)

    login(page, live_server, "gi", check_login_page=False)
    visit(page, f"{live_server.url}/jeugdhulp/maatregelen/")
    visit(page, f"{live_server.url}/jeugdhulp/maatregelen/nieuw/")
    visit(page, f"{live_server.url}/jeugdhulp/maatregelen/?lijst=lang")
    with page.expect_navigation():
        page.get_by_role("link", name="Lars Notermans").click()
    check_page(page)
    logout(page)

    login(page, live_server, "school", check_login_page=False)
    visit(page, f"{live_server.url}/jeugdhulp/thuiszitters/")
    visit(page, f"{live_server.url}/jeugdhulp/thuiszitters/nieuw/")
    visit(page, f"{live_server.url}/jeugdhulp/thuiszitters/?lijst=lang")
    with page.expect_navigation():
        page.get_by_role("link", name="Bram Dautzenberg").click()
    check_page(page)
    visit(page, f"{live_server.url}/jeugdhulp/ijw/", status=404)  # a school sends no iJw messages
