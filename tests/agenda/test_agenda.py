"""The agenda as policy staff maintain it and professionals read it: statuses per year, budgets,
the figure beside a goal, concurrent edits, who may not change it, and the report's shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jeugdketen.agenda import selectors, services, uitbreidingen
from jeugdketen.agenda.models import Activiteit, Activiteitstatus, Advies, Agenda
from jeugdketen.core.rollen import Rol
from tests.agenda.factories import ActiviteitFactory, ActiviteitstatusFactory, AdviesFactory, BudgetFactory
from tests.conftest import actor
from tests.gezinnen.helpers import denied_logged
from tests.organisaties.factories import GebruikerFactory, MedewerkerFactory, OrganisatieFactory, RegioFactory

from .helpers import rijen, tekst


def _url(agenda: Agenda, jaar: int | None = None) -> str:
    url = reverse("agenda:agenda", kwargs={"agenda": agenda.uuid})
    return f"{url}?jaar={jaar}" if jaar else url


def _eerste(agenda: Agenda, nummer: int = 6) -> Activiteit:
    found = Activiteit.objects.filter(thema__agenda=agenda, thema__nummer=nummer).order_by("volgorde").first()
    assert found is not None
    return found


def _rij(content: bytes, begin: str) -> str:
    found = [r for r in rijen(content) if r.startswith(begin)]
    assert len(found) == 1, begin
    return found[0]


def _activiteit_post(a: Activiteit, **extra: Any) -> dict[str, Any]:
    data = {
        "activiteit": a.activiteit,
        "huidige_stand": a.huidige_stand,
        "beoogd_resultaat": a.beoogd_resultaat,
        "planning": a.planning,
        "partners": a.partners,
        "indicator": a.indicator,
        "versie": a.versie,
    }
    return data | extra


def test_policy_staff_record_a_status_for_a_year_and_it_shows_in_that_year_only(
    beleid: Client, parkstad: Agenda
) -> None:
    a = _eerste(parkstad, 3)
    url = reverse("agenda:status", kwargs={"activiteit": a.uuid})
    assert beleid.get(url + "?jaar=2021").status_code == 200
    response = beleid.post(
        url, {"jaar": 2021, "status": "afgerond", "toelichting": "Vier scholingen gegeven.", "versie": a.versie}
    )
    assert response.status_code == 302
    rij_2021 = _rij(beleid.get(_url(parkstad, 2021)).content, "Scholingen met betrekking")
    assert "Afgerond" in rij_2021 and "Vier scholingen gegeven." in rij_2021
    rij_2020 = _rij(beleid.get(_url(parkstad, 2020)).content, "Scholingen met betrekking")
    assert "Afgerond" not in rij_2020 and "Nog niet vastgelegd" in rij_2020


def test_a_year_outside_the_agenda_is_refused_with_a_message(parkstad: Agenda) -> None:
    a = _eerste(parkstad)
    with pytest.raises(ValidationError) as exc:
        services.status_vastleggen(activiteit=a, by=actor("beleid"), basis_versie=a.versie, jaar=2030, status="loopt")
    assert "2019 tot en met 2022" in str(exc.value.message_dict["jaar"])


def test_an_edit_based_on_an_older_version_is_refused_and_shows_what_is_saved_now(
    beleid: Client, client_for: Any, parkstad: Agenda
) -> None:
    a = _eerste(parkstad, 4)
    url = reverse("agenda:activiteit_wijzigen", kwargs={"activiteit": a.uuid})
    first = beleid.post(url, _activiteit_post(a, partners="GGD Zuid Limburg, Mondriaan"))
    assert first.status_code == 302
    second = beleid.post(url, _activiteit_post(a, partners="Alleen de gemeenten"))  # still versie 1
    assert second.status_code == 409  # the conflict outcome of core.forms.submit, as on every page
    page = tekst(second.content)
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    html = second.content.decode()
    assert "Alleen de gemeenten" in html  # what was typed stays in the form
    assert 'name="versie" value="2"' in html  # now based on the version saved in between
    a.refresh_from_db()
    assert a.partners == "GGD Zuid Limburg, Mondriaan"
    assert a.versie == 2
    # Submitted again from that page (now based on versie 2), the change is saved.
    third = beleid.post(url, _activiteit_post(a, partners="Alleen de gemeenten"))
    assert third.status_code == 302


def test_budgets_per_year_are_shown_with_the_themes_total(beleid: Client, parkstad: Agenda) -> None:
    eerste, tweede = list(Activiteit.objects.filter(thema__agenda=parkstad, thema__nummer=3).order_by("volgorde"))[:2]
    for a, bedrag in ((eerste, 110000), (tweede, 20000)):
        url = reverse("agenda:activiteit_wijzigen", kwargs={"activiteit": a.uuid})
        assert beleid.post(url, _activiteit_post(a, budget_2020=bedrag)).status_code == 302
    pagina = beleid.get(_url(parkstad)).content
    totaal = [r for r in rijen(pagina) if r.startswith("Totaal")]
    assert totaal == ["Totaal € 130000"]
    bad = beleid.post(
        reverse("agenda:activiteit_wijzigen", kwargs={"activiteit": eerste.uuid}),
        _activiteit_post(Activiteit.objects.get(pk=eerste.pk), budget_2020=-5),
    )
    assert bad.status_code == 200 and b'id="id_budget_2020_error"' in bad.content


def test_an_unknown_indicator_code_is_refused(parkstad: Agenda) -> None:
    a = _eerste(parkstad)
    with pytest.raises(ValidationError) as exc:
        services.activiteit_wijzigen(
            activiteit=a,
            by=actor("beleid"),
            basis_versie=a.versie,
            invoer=services.ActiviteitInvoer(activiteit=a.activiteit, indicator="bestaat_niet"),
            budgetten={},
        )
    assert "indicator" in exc.value.message_dict


def test_a_goal_with_an_indicator_shows_its_figure_once_a_source_is_registered(
    beleid: Client, zuid_limburg: Agenda
) -> None:
    doel = "Stijging aandeel kinderen in pleeggezinnen t.o.v. totaal aantal kinderen in verblijf"
    naam = "Aandeel pleegzorg van alle jeugdigen in verblijf"
    pagina = tekst(beleid.get(_url(zuid_limburg, 2021)).content)
    assert f"{doel} Indicator: {naam}: nog geen cijfer" in pagina

    asked: list[tuple[str, Any, int]] = []

    def bron(code: str, *, gemeente_code: str | None, regio: Any, jaar: int) -> str | None:
        asked.append((code, gemeente_code, jaar))
        return "41,5%" if code == "pleegzorg_aandeel" else None

    uitbreidingen.register_cijferbron(bron)
    try:
        pagina = tekst(beleid.get(_url(zuid_limburg, 2021)).content)
    finally:
        uitbreidingen.unregister_cijferbron(bron)
    assert f"{doel} Indicator: {naam}: 41,5%" in pagina
    assert ("pleegzorg_aandeel", None, 2021) in asked
    assert "Minder uitval pleeggezinnen ten opzichte van 2018 Indicator:" in pagina  # no figure: still named
    assert len([c for c, _g, _j in asked if c == "pleegzorg_aandeel"]) == 1  # asked once per page


def test_a_professional_reads_the_agenda_but_cannot_change_it(client_for: Any, parkstad: Agenda) -> None:
    toegang = client_for("toegang")
    page = toegang.get(_url(parkstad))
    assert page.status_code == 200
    assert "Wijzigen" not in tekst(page.content) and "vastleggen" not in tekst(page.content)
    a = _eerste(parkstad)
    for url in (
        reverse("agenda:activiteit_wijzigen", kwargs={"activiteit": a.uuid}),
        reverse("agenda:status", kwargs={"activiteit": a.uuid}),
        reverse("agenda:advies_nieuw", kwargs={"agenda": parkstad.uuid}),
    ):
        assert toegang.get(url).status_code == 404
        assert toegang.post(url, {"jaar": 2019, "status": "vervallen", "versie": a.versie}).status_code == 404
    assert not Activiteitstatus.objects.filter(activiteit=a, status="vervallen").exists()


def test_the_service_refuses_a_professional_and_logs_it(parkstad: Agenda) -> None:
    from jeugdketen.core.access import Geweigerd

    a = _eerste(parkstad)
    with pytest.raises(Geweigerd):
        services.status_vastleggen(
            activiteit=a, by=actor("toegang"), basis_versie=a.versie, jaar=2019, status="vervallen"
        )
    assert denied_logged(str(a.uuid))


def test_citizens_and_another_regions_staff_get_a_404(client_for: Any, parkstad: Agenda) -> None:
    assert client_for("ouder").get(_url(parkstad)).status_code == 404
    elders = OrganisatieFactory(regio=RegioFactory(naam="Westelijke Mijnstreek"))
    user = GebruikerFactory(username="beleid-elders")
    MedewerkerFactory(gebruiker=user, organisatie=elders, rol=Rol.BELEID)
    other = Client()
    other.force_login(user)
    assert other.get(_url(parkstad)).status_code == 404
    assert "Parkstad" not in tekst(other.get(reverse("agenda:overzicht")).content)
    a = _eerste(parkstad)
    assert other.get(reverse("agenda:status", kwargs={"activiteit": a.uuid})).status_code == 404


def test_inspraak_is_recorded_and_shown_with_its_theme(beleid: Client, parkstad: Agenda) -> None:
    thema = parkstad.themas.get(nummer=5)
    url = reverse("agenda:advies_nieuw", kwargs={"agenda": parkstad.uuid})
    data = {
        "van": "jongerenpanel",
        "soort": "ongevraagd",
        "datum": "2021-05-04",
        "thema": str(thema.uuid),
        "onderwerp": "Thuiszitten",
        "advies": "Vraag thuiszitters zelf wat ze nodig hebben.",
        "reactie": "Dat nemen we op in het thuiszitterspact.",
        "wat_gedaan": "Het pact heeft nu een gesprek met de jongere als eerste stap.",
    }
    assert beleid.post(url, data).status_code == 302
    pagina = tekst(beleid.get(_url(parkstad)).content)
    sectie = pagina.split("5. Verbinding passend onderwijs")[1].split("6. 1 gezin, 1 plan")[0]
    assert "Inspraak bij dit thema Thuiszitten Ongevraagd advies · Jongerenpanel" in sectie
    assert "Vraag thuiszitters zelf wat ze nodig hebben." in sectie
    assert "Het pact heeft nu een gesprek met de jongere als eerste stap." in sectie
    toekomst = beleid.post(url, data | {"datum": (dt.date.today() + dt.timedelta(days=30)).isoformat()})
    assert toekomst.status_code == 200 and "De datum ligt in de toekomst." in tekst(toekomst.content)
    advies = Advies.objects.get(onderwerp="Thuiszitten")
    edit = reverse("agenda:advies_wijzigen", kwargs={"advies": advies.uuid})
    assert beleid.post(edit, data | {"versie": 1, "wat_gedaan": "Klaar."}).status_code == 302
    stale = beleid.post(edit, data | {"versie": 1, "wat_gedaan": "Overschreven?"})
    assert stale.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in tekst(stale.content)
    advies.refresh_from_db()
    assert advies.wat_gedaan == "Klaar."


def test_the_agenda_page_takes_the_same_number_of_queries_with_more_activities(
    beleid: Client, parkstad: Agenda
) -> None:
    beleid.get(_url(parkstad))
    with CaptureQueriesContext(connection) as before:
        beleid.get(_url(parkstad, 2020))
    thema = parkstad.themas.get(nummer=4)
    for i in range(15):
        a = ActiviteitFactory(thema=thema, activiteit=f"Extra {i}", indicator="thuiszitters")
        BudgetFactory(activiteit=a, jaar=2020, bedrag=1000 + i)
        ActiviteitstatusFactory(activiteit=a, jaar=2020, status="loopt")
        AdviesFactory(agenda=parkstad, thema=thema)
    with CaptureQueriesContext(connection) as after:
        beleid.get(_url(parkstad, 2020))
    assert len(after) == len(before)


def test_the_report_gets_the_agenda_in_the_seeds_table_shape(region: Any, parkstad: Agenda) -> None:
    a = _eerste(parkstad, 7)
    services.status_vastleggen(
        activiteit=a, by=actor("beleid"), basis_versie=a.versie, jaar=2020, status="loopt", toelichting="Panel loopt."
    )
    rapport = selectors.agenda_voor_rapport(region, 2020)
    assert [r.titel for r in rapport] == ["Beleidsagenda Jeugdhulp Parkstad 2019-2022"]
    themas = rapport[0].themas
    assert [len(t.rijen) for t in themas] == [5, 3, 5, 1, 15, 1, 1]
    rij = themas[6].rijen[0]
    assert rij.activiteit == "Jeugdigen en ouders betrekken bij vormgeving van beleid"
    assert rij.huidige_stand == "Pilot Panel Jeugd Parkstad"
    assert (rij.status, rij.status_toelichting) == ("Loopt", "Panel loopt.")
    html = render_to_string("agenda/_rapport.html", {"agendas": rapport})
    assert html.count('<th scope="col">Activiteit</th>') == 7
    assert "Loopt: Panel loopt." in tekst(html)
    assert selectors.agenda_voor_rapport(region, 2030) == []


def test_every_free_text_has_a_limit_shown_in_the_form(beleid: Client, parkstad: Agenda) -> None:
    """A text over the limit is refused with a Dutch message on its field; the field says its limit."""
    from jeugdketen.agenda.models import MAX_TEKST

    a = _eerste(parkstad)
    url = reverse("agenda:activiteit_wijzigen", kwargs={"activiteit": a.uuid})
    page = beleid.get(url).content.decode()
    assert f'maxlength="{MAX_TEKST}"' in page
    response = beleid.post(url, _activiteit_post(a, huidige_stand="x" * (MAX_TEKST + 1)))
    assert response.status_code == 200
    assert "niet meer dan 5000 tekens" in response.content.decode()
    assert Activiteit.objects.get(pk=a.pk).huidige_stand != "x" * (MAX_TEKST + 1)
    for model in (Activiteit, Advies):
        for veld in model._meta.get_fields():
            if veld.get_internal_type() in ("TextField", "CharField"):
                assert getattr(veld, "max_length", None), f"{model.__name__}.{veld.name}"
