"""Pages: the access team's decision becomes an assignment and a plain-Dutch letter (with how to
object under the Awb, also as PDF) in the family's portal; the provider records start and stop;
an iJw upload shows its errors and the return message; nobody else gets in (404)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from jeugdketen.core.models import OutboxBericht, Toegangslogregel
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.jeugdhulp import voorbeelden as vb
from jeugdketen.jeugdhulp.brief import bezwaar_uiterlijk
from jeugdketen.jeugdhulp.models import Beschikking, Ontvangst, Traject
from jeugdketen.organisaties.models import GebruikerSoort
from jeugdketen.personen.models import Jeugdige

from . import factories as f
from .conftest import VANDAAG, Wereld

AMS = ZoneInfo("Europe/Amsterdam")
BSN = "999990019"


@pytest.fixture(autouse=True)
def _klok(no_2fa: None) -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 2, 12, 0, tzinfo=AMS), tick=False):
        yield


def client_of(mw: Any) -> Client:
    client = Client()
    client.force_login(mw.gebruiker if hasattr(mw, "gebruiker") else mw)
    return client


def besluit(w: Wereld, **extra: Any) -> dict[str, Any]:
    data = {
        "bsn": BSN,
        "geboortedatum": "2014-04-01",
        "voornamen": "Daan",
        "achternaam": "Janssen",
        "gemeente": w.heerlen.pk,
        "besluitdatum": "2025-06-02",
        "toelichting": "Daan krijgt hulp om weer goed naar school te gaan.",
        "aanbieder": w.aanbieder.organisatie.pk,
        "productcategorie": "45",
        "productcode": "45A06",
        "ingangsdatum": "2025-06-09",
        "einddatum": "2025-12-31",
        "volume": "2",
        "eenheid": "04",
        "frequentie": "2",
        "verwijzer": "01",
        "aanmelddatum": "2025-05-20",
    }
    data.update(extra)
    return data


def test_the_objection_term_is_six_weeks_and_skips_weekends_and_holidays() -> None:
    assert bezwaar_uiterlijk(dt.date(2025, 6, 2)) == dt.date(2025, 7, 14)
    assert bezwaar_uiterlijk(dt.date(2025, 3, 24)) == dt.date(2025, 5, 6)  # 5 May (Liberation Day) is a holiday
    assert bezwaar_uiterlijk(dt.date(2025, 3, 15)) == dt.date(2025, 4, 28)  # Saturday 26 April → Monday 28
    assert bezwaar_uiterlijk(dt.date(2025, 11, 14)) == dt.date(2025, 12, 29)  # 26 December, then the weekend


def test_a_decision_makes_the_assignment_and_the_letter_in_the_familys_portal(wereld: Wereld) -> None:
    gezin = Gezin.objects.create(naam="Gezin Janssen", gemeente=wereld.heerlen)
    ouder = f.GebruikerFactory(soort=GebruikerSoort.BURGER)
    Gezinslid.objects.create(
        gezin=gezin, soort=LidSoort.OUDER, voornaam="Linda", achternaam="Janssen", gezag=True, gebruiker=ouder
    )
    jeugdige = Jeugdige.objects.create(bsn=BSN, geboortedatum=dt.date(2014, 4, 1), achternaam="Janssen")
    Gezinslid.objects.create(
        gezin=gezin,
        soort=LidSoort.JEUGDIGE,
        voornaam="Daan",
        achternaam="Janssen",
        bsn=BSN,
        geboortedatum=dt.date(2014, 4, 1),
        persoon=jeugdige,
    )
    response = client_of(wereld.toegang).post("/jeugdhulp/besluiten/nieuw/", besluit(wereld))
    assert response.status_code == 302, response.content.decode()[:2000]
    beschikking = Beschikking.objects.get()
    traject = Traject.objects.get(beschikking=beschikking)
    assert (traject.jeugdige, traject.aanbieder, traject.gemeente) == (
        jeugdige,
        wereld.aanbieder.organisatie,
        wereld.heerlen,
    )
    assert (traject.volume, traject.aanmelddatum, traject.verwijzer) == (2, dt.date(2025, 5, 20), "01")
    assert OutboxBericht.objects.filter(ontvanger=ouder, soort="jeugdhulp_beschikking").exists()
    assert "Daan" not in OutboxBericht.objects.filter(ontvanger=ouder).first().titel  # no personal data in a notice

    ouder_client = client_of(ouder)
    portaal = ouder_client.get("/jeugdhulp/mijn/").content.decode()
    assert f"/jeugdhulp/besluiten/{beschikking.uuid}/" in portaal
    brief = ouder_client.get(f"/jeugdhulp/besluiten/{beschikking.uuid}/").content.decode()
    assert "bezwaar maken" in brief and "14 juli 2025" in brief  # six weeks, the last day named
    assert "college van burgemeester en wethouders van de gemeente Heerlen" in brief
    assert "Ambulante hulp bij de aanbieder" in brief and wereld.aanbieder.organisatie.naam in brief
    pdf = ouder_client.get(f"/jeugdhulp/besluiten/{beschikking.uuid}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert Toegangslogregel.objects.filter(object_type="beschikking", actie="export", gebruiker=ouder).exists()


def test_a_decision_with_mistakes_is_explained_at_the_fields(wereld: Wereld) -> None:
    response = client_of(wereld.toegang).post(
        "/jeugdhulp/besluiten/nieuw/", besluit(wereld, bsn="123456789", einddatum="2025-06-01", volume="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "11-proef" in html
    assert not Beschikking.objects.exists()
    response = client_of(wereld.toegang).post("/jeugdhulp/besluiten/nieuw/", besluit(wereld, einddatum="2025-06-01"))
    assert "De einddatum ligt voor de ingangsdatum" in response.content.decode()
    response = client_of(wereld.toegang).post("/jeugdhulp/besluiten/nieuw/", besluit(wereld, productcode="35A01"))
    assert "hoort niet bij productcategorie" in response.content.decode()
    assert not Traject.objects.exists()


def test_only_an_access_team_makes_decisions_and_only_for_its_municipalities(wereld: Wereld) -> None:
    assert client_of(wereld.aanbieder).get("/jeugdhulp/besluiten/nieuw/").status_code == 404
    response = client_of(wereld.toegang_kerkrade).post("/jeugdhulp/besluiten/nieuw/", besluit(wereld))
    assert response.status_code == 200 and not Beschikking.objects.exists()  # Heerlen is not a choice


@pytest.fixture
def traject(wereld: Wereld) -> Traject:
    return f.TrajectFactory(
        gemeente=wereld.heerlen,
        aanbieder=wereld.aanbieder.organisatie,
        ingangsdatum=dt.date(2025, 5, 1),
        aanmelddatum=dt.date(2025, 4, 1),
    )


def test_the_provider_records_start_and_stop_on_the_page(wereld: Wereld, traject: Traject) -> None:
    client = client_of(wereld.aanbieder)
    page = client.get(f"/jeugdhulp/trajecten/{traject.uuid}/").content.decode()
    assert "Start van de hulp melden" in page
    response = client.post(
        f"/jeugdhulp/trajecten/{traject.uuid}/start/", {"begindatum": "2025-05-05", "intakedatum": "2025-04-20"}
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert (traject.begindatum, traject.intakedatum) == (dt.date(2025, 5, 5), dt.date(2025, 4, 20))
    response = client.post(
        f"/jeugdhulp/trajecten/{traject.uuid}/stop/",
        {"begindatum": "2025-05-05", "einddatum": "2025-05-30", "reden": "31"},
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert (traject.einddatum_zorg, traject.reden_beeindiging) == (dt.date(2025, 5, 30), "31")


def test_a_start_before_the_assignment_is_refused_in_plain_dutch(wereld: Wereld, traject: Traject) -> None:
    response = client_of(wereld.aanbieder).post(
        f"/jeugdhulp/trajecten/{traject.uuid}/start/", {"begindatum": "2025-04-30"}
    )
    assert response.status_code == 400
    assert "ligt voor het begin van de toewijzing" in response.content.decode()
    traject.refresh_from_db()
    assert traject.begindatum is None


def test_nobody_else_records_or_even_sees_the_care(wereld: Wereld, traject: Traject) -> None:
    voor = Toegangslogregel.objects.filter(uitkomst="denied").count()
    for wie in ("andere_aanbieder", "school", "toegang_kerkrade", "beleid"):
        client = client_of(getattr(wereld, wie))
        assert client.get(f"/jeugdhulp/trajecten/{traject.uuid}/").status_code == 404, wie
        assert (
            client.post(f"/jeugdhulp/trajecten/{traject.uuid}/start/", {"begindatum": "2025-05-05"}).status_code == 404
        )
    assert Toegangslogregel.objects.filter(uitkomst="denied").count() >= voor + 6
    toegang = client_of(wereld.toegang)
    assert toegang.get(f"/jeugdhulp/trajecten/{traject.uuid}/").status_code == 200
    assert toegang.post(f"/jeugdhulp/trajecten/{traject.uuid}/start/", {"begindatum": "2025-05-05"}).status_code == 404
    traject.refresh_from_db()
    assert traject.begindatum is None


def test_an_upload_shows_each_bad_record_and_offers_the_return_message(wereld: Wereld, traject: Traject) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    kop = vb.Kop(afzender=wereld.agb, ontvanger="0917", identificatie="305-1", dagtekening=VANDAAG)
    client_ = vb.Client(bsn=traject.jeugdige.bsn, geboortedatum=traject.jeugdige.geboortedatum, achternaam="T")
    inhoud = vb.schrijf(
        "jw305",
        vb.Bericht(
            kop, client_, [vb.Regie(traject.toewijzingnummer, dt.date(2025, 5, 5)), vb.Regie(4242, dt.date(2025, 5, 5))]
        ),
    )
    client = client_of(wereld.aanbieder)
    response = client.post("/jeugdhulp/ijw/", {"bestand": SimpleUploadedFile("jw305.xml", inhoud, "text/xml")})
    o = Ontvangst.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jeugdhulp/ijw/{o.uuid}/"
    page = client.get(response["Location"]).content.decode()
    assert "9019" in page and "Toewijzing 4242" in page and "verwerkt" in page
    retour = client.get(f"/jeugdhulp/ijw/{o.uuid}/retourbericht/")
    assert retour.status_code == 200 and retour["Content-Type"].startswith("application/xml")
    assert 'attachment; filename="JW306-' in retour["Content-Disposition"]
    assert b"<jw306:RetourCode>9019</jw306:RetourCode>" in retour.content
    assert client_of(wereld.andere_aanbieder).get(f"/jeugdhulp/ijw/{o.uuid}/retourbericht/").status_code == 404
    again = client.post(
        "/jeugdhulp/ijw/", {"bestand": SimpleUploadedFile("jw305.xml", inhoud, "text/xml")}, follow=True
    )
    assert "al eerder verwerkt" in again.content.decode() and Ontvangst.objects.count() == 1


def test_the_list_page_has_a_constant_number_of_queries(
    wereld: Wereld, traject: Traject, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of(wereld.toegang)
    client.get("/jeugdhulp/?lijst=alle")
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/jeugdhulp/?lijst=alle").status_code == 200
    for _ in range(15):
        f.TrajectFactory(gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get("/jeugdhulp/?lijst=alle").status_code == 200


def test_the_example_messages_fit_the_organisations_own_data(wereld: Wereld, traject: Traject) -> None:
    from jeugdketen.jeugdhulp import services
    from jeugdketen.jeugdhulp.models import OntvangstStatus

    jw305 = client_of(wereld.aanbieder).get("/jeugdhulp/ijw/voorbeeld/jw305/")
    assert jw305.status_code == 200 and jw305["Content-Disposition"] == 'attachment; filename="JW305-voorbeeld.xml"'
    o = services.ijw_bericht_verwerken(by=wereld.actor("aanbieder"), inhoud=jw305.content).ontvangst
    assert o.status == OntvangstStatus.DEELS  # its own start kept, the unknown assignment 9019
    jw301 = client_of(wereld.toegang).get("/jeugdhulp/ijw/voorbeeld/jw301/")
    o = services.ijw_bericht_verwerken(by=wereld.actor("toegang"), inhoud=jw301.content).ontvangst
    assert o.status == OntvangstStatus.VERWERKT, o.resultaat
    assert client_of(wereld.school).get("/jeugdhulp/ijw/voorbeeld/jw305/").status_code == 404
    # A provider without assignments (not andere_aanbieder: the JW301 example assigns to the first
    # provider by name, which depends on the factories' sequence numbers, i.e. on the tests run before)
    zonder = f.aanbieder(regio=wereld.regio)
    assert client_of(zonder).get("/jeugdhulp/ijw/voorbeeld/jw305/").status_code == 404


def test_the_letter_text_gets_plain_language_tips_and_can_still_be_saved(wereld: Wereld) -> None:
    client = client_of(wereld.toegang)
    tekst = "Daan start een traject bij de aanbieder."
    response = client.post("/jeugdhulp/besluiten/nieuw/", besluit(wereld, toelichting=tekst))
    assert response.status_code == 200 and "Tips voor eenvoudige taal" in response.content.decode()
    assert not Beschikking.objects.exists()
    response = client.post("/jeugdhulp/besluiten/nieuw/", besluit(wereld, toelichting=tekst, taal_gezien="1"))
    assert response.status_code == 302 and Beschikking.objects.count() == 1


@pytest.mark.parametrize("veld", ["geboortedatum", "besluitdatum", "ingangsdatum", "einddatum", "aanmelddatum"])
@pytest.mark.parametrize("waarde", ["0001-01-01", "9999-12-31"])
def test_a_date_in_year_1_or_9999_is_explained_not_a_server_error(wereld: Wereld, veld: str, waarde: str) -> None:
    response = client_of(wereld.toegang).post("/jeugdhulp/besluiten/nieuw/", besluit(wereld, **{veld: waarde}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kan niet kloppen" in html or "De geboortedatum ligt in de toekomst" in html
    assert not Beschikking.objects.exists()


def _gezin_met_besluiten(w: Wereld, aantal: int) -> tuple[Any, Jeugdige]:
    gezin = Gezin.objects.create(naam="Gezin Pagina", gemeente=w.heerlen)
    ouder = f.GebruikerFactory(soort=GebruikerSoort.BURGER)
    Gezinslid.objects.create(
        gezin=gezin, soort=LidSoort.OUDER, voornaam="Linda", achternaam="Pagina", gezag=True, gebruiker=ouder
    )
    bsn, geboren = f.nieuw_bsn(), dt.date(2014, 4, 1)
    jeugdige = Jeugdige.objects.create(bsn=bsn, geboortedatum=geboren, achternaam="Pagina")
    Gezinslid.objects.create(
        gezin=gezin,
        soort=LidSoort.JEUGDIGE,
        voornaam="Daan",
        achternaam="Pagina",
        bsn=bsn,
        geboortedatum=geboren,
        persoon=jeugdige,
    )
    _meer_besluiten(w, jeugdige, aantal)
    return ouder, jeugdige


def _meer_besluiten(w: Wereld, jeugdige: Jeugdige, aantal: int) -> None:
    for i in range(aantal):
        Beschikking.objects.create(
            jeugdige=jeugdige,
            gemeente=w.heerlen,
            organisatie=w.toegang.organisatie,
            besluitdatum=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            toelichting="Ambulante hulp.",
        )


def test_the_familys_decisions_page_on_instead_of_stopping_at_a_fixed_number(wereld: Wereld) -> None:
    ouder, _jeugdige = _gezin_met_besluiten(wereld, 30)
    client = client_of(ouder)
    eerste = client.get("/jeugdhulp/mijn/").content.decode()
    assert eerste.count("/jeugdhulp/besluiten/") == 25 and "pagina=2" in eerste
    tweede = client.get("/jeugdhulp/mijn/", {"pagina": "2"}).content.decode()
    assert tweede.count("/jeugdhulp/besluiten/") == 5  # the oldest five: nothing cut off
    # Someone else's family: none of these decisions, on any page.
    ander = client_of(f.GebruikerFactory(soort=GebruikerSoort.BURGER))
    assert "/jeugdhulp/besluiten/" not in ander.get("/jeugdhulp/mijn/", {"pagina": "2"}).content.decode()


def test_the_familys_decisions_page_needs_the_same_queries_for_3_or_30(
    wereld: Wereld, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ouder, jeugdige = _gezin_met_besluiten(wereld, 3)
    client = client_of(ouder)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/jeugdhulp/mijn/").status_code == 200
        return len(ctx.captured_queries)

    count()  # the first visit of the session does its own one-off work
    small = count()
    _meer_besluiten(wereld, jeugdige, 27)
    assert count() == small
