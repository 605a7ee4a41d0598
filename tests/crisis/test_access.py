"""Point 10: the crisis service sees its cases; the access team of the responsible municipality
the hand-overs; GI and Veilig Thuis by legal mandate when they take part; the family its own;
policy staff aggregates only. Everyone else gets the 404 page, and the denial is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jeugdketen.core.access import Geweigerd
from jeugdketen.core.models import Toegangslogregel, Uitkomst
from jeugdketen.core.rollen import Rol
from jeugdketen.crisis import services
from jeugdketen.crisis.models import Aanpak, MomentSoort
from jeugdketen.gezinnen.models import MandaatGrondslag
from jeugdketen.organisaties.models import Organisatie, OrganisatieSoort
from tests.crisis.factories import MedewerkerFactory, OrganisatieFactory, gemeente
from tests.crisis.helpers import actor, melding, moment, overdracht, triage, wijzig
from tests.gezinnen.helpers import denied_logged, link_citizen, make_family


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def casus(region: Any, no_2fa: None) -> Any:
    c = melding(ontvangen=timezone.now() - dt.timedelta(hours=4), cbs="GM0917")
    triage(c, Aanpak.AMBULANT)
    moment(c, MomentSoort.AMBULANT_START, c.ontvangen_op + dt.timedelta(hours=1))
    return c


def test_the_crisis_service_sees_its_case_and_every_read_is_one_special_category_entry(
    casus: Any, client_for: Any
) -> None:
    client = client_for("crisisdienst")
    before = Toegangslogregel.objects.filter(object_id=str(casus.uuid), actie="read").count()
    response = client.get(f"/crisis/casus/{casus.uuid}/")
    assert response.status_code == 200 and "de jongere is weggelopen" in response.content.decode()
    entries = Toegangslogregel.objects.filter(object_id=str(casus.uuid), actie="read")
    assert entries.count() == before + 1
    entry = entries.latest("id")
    assert entry.segment == "crisis casus [bijzonder]" and entry.uitkomst == Uitkomst.SUCCESS
    assert entry.grondslag.startswith("crisishulp jeugd")


@pytest.mark.parametrize("username", ["toegang", "gi", "veiligthuis", "beleid", "aanbieder", "huisarts", "ouder"])
def test_who_must_not_see_a_case_gets_404_and_the_denial_is_logged(casus: Any, client_for: Any, username: str) -> None:
    from tests.conftest import login

    client = login(Client(), username)
    for path in ("", "triage/", "moment/", "overdracht/", "voor-het-gezin/"):
        assert client.get(f"/crisis/casus/{casus.uuid}/{path}").status_code == 404, (username, path)
    assert client.get("/crisis/").status_code == 404
    assert denied_logged(str(casus.uuid)) or username in ("beleid", "aanbieder", "huisarts")


def test_another_crisis_service_does_not_see_the_case(casus: Any, no_2fa: None) -> None:
    andere = OrganisatieFactory(soort=OrganisatieSoort.CRISISDIENST, naam="Crisisdienst elders")
    medewerker = MedewerkerFactory(organisatie=andere, rol=Rol.TRIAGE)
    MedewerkerFactory(organisatie=andere, rol=Rol.HULPVERLENER, gebruiker=medewerker.gebruiker)
    client = _client(medewerker.gebruiker)
    assert client.get("/crisis/").status_code == 200
    assert str(casus.uuid) not in client.get("/crisis/").content.decode()
    assert client.get(f"/crisis/casus/{casus.uuid}/").status_code == 404
    assert denied_logged(str(casus.uuid))
    with pytest.raises(Geweigerd):
        services.moment_vastleggen(
            toegang=wijzig(casus, medewerker.gebruiker.username),
            by=actor(medewerker.gebruiker.username),
            soort=MomentSoort.GESTABILISEERD,
            tijdstip=timezone.now(),
        )


def test_the_access_team_of_the_responsible_municipality_sees_the_hand_over_only(casus: Any, client_for: Any) -> None:
    overdracht(casus)
    toegang = client_for("toegang")  # Toegangsteam Jeugd Heerlen; the case is in Heerlen
    response = toegang.get(f"/crisis/casus/{casus.uuid}/overdracht/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het toegangsteam belt deze week." in html and "weggelopen" not in html  # not the report
    assert toegang.get(f"/crisis/casus/{casus.uuid}/").status_code == 404
    assert str(casus.uuid) in toegang.get("/crisis/overdrachten/").content.decode()
    assert toegang.post(f"/crisis/casus/{casus.uuid}/overdracht/").status_code == 302  # picks it up
    casus.overdracht.refresh_from_db()
    assert casus.overdracht.opgepakt_op is not None


def test_the_access_team_of_another_municipality_does_not_see_the_hand_over(casus: Any) -> None:
    overdracht(casus)
    kerkrade = OrganisatieFactory(soort=OrganisatieSoort.TOEGANG, gemeente=gemeente("GM0928"), naam="Toegang Kerkrade")
    medewerker = MedewerkerFactory(organisatie=kerkrade, rol=Rol.HULPVERLENER)
    client = _client(medewerker.gebruiker)
    assert client.get(f"/crisis/casus/{casus.uuid}/overdracht/").status_code == 404
    assert str(casus.uuid) not in client.get("/crisis/overdrachten/").content.decode()
    assert denied_logged(str(casus.uuid))


def test_a_gi_sees_the_case_only_while_it_takes_part_by_mandate(casus: Any, client_for: Any) -> None:
    gi = client_for("gi")
    assert gi.get(f"/crisis/casus/{casus.uuid}/").status_code == 404
    services.deelname_vastleggen(
        toegang=wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        organisatie=Organisatie.objects.get(naam="Jeugdbescherming Limburg"),
        grondslag=MandaatGrondslag.OTS,
    )
    response = gi.get(f"/crisis/casus/{casus.uuid}/")
    assert response.status_code == 200
    assert Toegangslogregel.objects.filter(
        object_id=str(casus.uuid), grondslag__startswith="wettelijk mandaat"
    ).exists()
    assert gi.get(f"/crisis/casus/{casus.uuid}/triage/").status_code == 404  # reads, does not write
    assert client_for("veiligthuis").get(f"/crisis/casus/{casus.uuid}/").status_code == 404
    with pytest.raises(Exception, match="Alleen een gecertificeerde instelling"):
        services.deelname_vastleggen(
            toegang=wijzig(casus, "crisisdienst"),
            by=actor("crisisdienst"),
            organisatie=Organisatie.objects.get(naam="Jeugdhulp Parkstad"),
            grondslag=MandaatGrondslag.OTS,
        )


def test_the_family_sees_its_own_decision_next_step_and_whom_to_call(casus: Any, client_for: Any) -> None:
    gezin = make_family("crisisdienst", youth_age=10, bsn="111222333")
    services.jeugdige_aanvullen(
        toegang=wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        jeugdige_uuid=casus.jeugdigen.get().uuid,
        invoer=services.JeugdigeInvoer(voornaam="Kim", achternaam="Test", bsn="111222333", leeftijd=10),
    )
    services.gezin_koppelen(toegang=wijzig(casus, "crisisdienst"), by=actor("crisisdienst"), gezin=gezin)
    link_citizen(gezin, "ouder")
    ouder = client_for("ouder")
    assert ouder.get(f"/crisis/casus/{casus.uuid}/voor-het-gezin/").status_code == 404  # nothing decided yet
    overdracht(casus)
    response = ouder.get(f"/crisis/casus/{casus.uuid}/voor-het-gezin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hulp thuis gaat door." in html and "Het toegangsteam belt deze week." in html and "045-5603000" in html
    assert "weggelopen" not in html  # not the report itself
    assert ouder.get(f"/crisis/casus/{casus.uuid}/").status_code == 404
    assert "Na de crisis" in ouder.get("/").content.decode()
    assert client_for("jongere").get(f"/crisis/casus/{casus.uuid}/voor-het-gezin/").status_code == 404  # another family


def test_anonymous_visitors_are_sent_to_the_login(casus: Any) -> None:
    for path in ("/crisis/", f"/crisis/casus/{casus.uuid}/", f"/crisis/casus/{casus.uuid}/voor-het-gezin/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_policy_staff_get_aggregates_only(casus: Any, client_for: Any) -> None:
    from jeugdketen.crisis import selectors

    beleid = client_for("beleid")
    assert beleid.get("/crisis/").status_code == 404
    assert beleid.get("/crisis/overdrachten/").status_code == 404
    assert list(selectors.cases_visible_to(actor("beleid"))) == []
    rows = selectors.cijfers(regio=casus.regio, van=dt.date(2000, 1, 1), tot=dt.date(2100, 1, 1))
    assert sum(r.casussen for r in rows) == 1
    assert not any(hasattr(r, "casus") for r in rows)
