"""The family-experience figures as CSV: exactly the page's table (a small group's count as "< 10"
and no mean, a mean over fewer than 10 scores left out as the monitor's CSV leaves a hidden value),
no remarks, and only for policy staff of the region, like the page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from jeugdketen.core.rollen import Rol
from jeugdketen.ervaring.models import Antwoord
from jeugdketen.ervaring.regels import OPMERKINGEN_VANAF, VELDEN
from jeugdketen.organisaties.models import Gemeente
from tests.agenda.helpers import tekst
from tests.organisaties.factories import GebruikerFactory, MedewerkerFactory, OrganisatieFactory, RegioFactory

KOLOMMEN = ["gemeente", "jaar", "antwoorden", *VELDEN]


def _antwoorden() -> int:
    """Heerlen: 12 answers, 'Ben eerlijk tegen me' scored by only 9 of them; Kerkrade: 3 answers."""
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    kerkrade = Gemeente.objects.get(cbs_code="GM0928")
    jaar = dt.date.today().year
    Antwoord.objects.all().delete()
    Antwoord.objects.bulk_create(
        [
            Antwoord(gemeente=heerlen, jaar=jaar, luister=s, eerlijk=4 if i < 9 else None, opmerking=f"Heerlen {i}")
            for i, s in enumerate([5, 4, 4, 3, 5, 5, 2, 4, 4, 5, 3, 4])
        ]
        + [Antwoord(gemeente=kerkrade, jaar=jaar, luister=1, opmerking="Kerkrade klein") for _ in range(3)]
        + [
            Antwoord(gemeente=heerlen, jaar=jaar - 1, luister=2, opmerking="vorig jaar")
            for _ in range(OPMERKINGEN_VANAF)
        ]
    )
    return jaar


def _csv(client: Client) -> list[list[str]]:
    response = client.get(reverse("ervaring:cijfers_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ervaring-cijfers.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def _tabel_op_pagina(html: str) -> list[list[str]]:
    body = re.search(r'<tbody class="utrecht-table__body">(.*?)</tbody>', html, flags=re.S)
    assert body is not None
    return [
        [tekst(c) for _tag, c in re.findall(r"<(th|td)\b[^>]*>(.*?)</\1>", rij, flags=re.S)]
        for rij in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body.group(1), flags=re.S)
    ]


def test_the_csv_is_the_pages_table_with_the_same_cells_hidden(region: Any, client_for: Any) -> None:
    jaar = _antwoorden()
    client = client_for("beleid")
    html = client.get(reverse("ervaring:cijfers")).content.decode()
    assert f'href="{reverse("ervaring:cijfers_csv")}"' in html
    kop, *rijen = _csv(client)
    assert kop == KOLOMMEN
    pagina = _tabel_op_pagina(html)
    assert [[c if c != "–" else "" for c in rij] for rij in pagina] == rijen
    per_gemeente = {(r[0], r[1]): dict(zip(KOLOMMEN, r, strict=True)) for r in rijen}
    heerlen = per_gemeente[("Heerlen", str(jaar))]
    assert (heerlen["antwoorden"], heerlen["luister"], heerlen["eerlijk"]) == ("12", "4,00", "")
    kerkrade = per_gemeente[("Kerkrade", str(jaar))]
    assert [kerkrade[k] for k in ("antwoorden", *VELDEN)] == [f"< {OPMERKINGEN_VANAF}"] + [""] * len(VELDEN)
    assert per_gemeente[("Heerlen", str(jaar - 1))]["luister"] == "2,00"
    alles = client.get(reverse("ervaring:cijfers_csv")).content.decode()
    assert "Heerlen 3" in html and "Heerlen 3" not in alles  # the remarks stay on the page
    assert "Kerkrade klein" not in alles and ";3;" not in alles  # a small group's count never shows


def test_only_policy_staff_get_the_csv_and_only_of_their_own_region(region: Any, client_for: Any) -> None:
    _antwoorden()
    url = reverse("ervaring:cijfers_csv")
    for username in ("toegang", "ouder", "aanbieder"):
        client = client_for(username)
        assert client.get(reverse("ervaring:cijfers")).status_code == 404
        response = client.get(url)
        assert response.status_code == 404, username
        assert "Content-Disposition" not in response
    anoniem = Client().get(url)
    assert anoniem.status_code in (302, 404) and "Content-Disposition" not in anoniem
    elders = OrganisatieFactory(regio=RegioFactory(naam="Westelijke Mijnstreek"))
    user = GebruikerFactory(username="beleid-elders")
    MedewerkerFactory(gebruiker=user, organisatie=elders, rol=Rol.BELEID)
    other = Client()
    other.force_login(user)
    assert _csv(other) == [KOLOMMEN]  # another region's staff: the columns, none of Parkstad's rows
