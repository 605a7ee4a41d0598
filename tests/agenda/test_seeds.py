"""The demo holds the real Parkstad agenda 2019–2022 (seed 000) and the Zuid-Limburg action lines
(seed 001) word for word: the seed text, parsed by the test, is on the agenda page."""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jeugdketen.agenda.models import Agenda

from .helpers import rijen, tekst
from .seeds import SEED_000, SEED_001, normaal, parkstad_themas, zuid_limburg_actielijnen

SHARED = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared seeds folder is not next to the repository")
def test_the_seed_copies_are_the_shared_seeds() -> None:
    for copy in (SEED_000, SEED_001):
        assert filecmp.cmp(copy, SHARED / copy.name, shallow=False), copy.name


def test_the_parser_finds_all_seven_themes_and_their_activities() -> None:
    themas, voetnoten = parkstad_themas()
    assert [t.nummer for t in themas] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(t.activiteiten) for t in themas] == [5, 3, 5, 1, 15, 1, 1]
    assert themas[6].titel == "Inspraak jeugdigen en ouders/verzorgers"
    assert len(voetnoten) == 3


def test_every_theme_and_activity_of_seed_000_is_on_the_agenda_page_word_for_word(
    beleid: Client, parkstad: Agenda
) -> None:
    response = beleid.get(reverse("agenda:agenda", kwargs={"agenda": parkstad.uuid}))
    assert response.status_code == 200
    pagina, tabelrijen = tekst(response.content), rijen(response.content)
    themas, voetnoten = parkstad_themas()
    for thema in themas:
        assert f"{thema.nummer}. {thema.titel}" in pagina
        for activiteit in thema.activiteiten:
            eerste = normaal(activiteit.cellen[0])
            rij = [r for r in tabelrijen if r.startswith(eerste)]
            assert len(rij) == 1, f"activity not in one row of its own: {eerste}"
            for cel in activiteit.cellen[1:]:
                assert normaal(cel) in rij[0], f"{eerste[:40]}…: missing {cel!r}"
    for voetnoot in voetnoten:
        assert normaal(voetnoot) in pagina
    # Exactly the seed's activities: no extra rows besides the header row of each table.
    assert len([r for r in tabelrijen if not r.startswith("Activiteit Huidige stand")]) == sum(
        len(t.activiteiten) for t in themas
    )


def test_every_action_line_of_seed_001_is_on_the_agenda_page_word_for_word(
    beleid: Client, zuid_limburg: Agenda
) -> None:
    response = beleid.get(reverse("agenda:agenda", kwargs={"agenda": zuid_limburg.uuid}))
    pagina = tekst(response.content)
    lijnen = zuid_limburg_actielijnen()
    assert len(lijnen) == 9
    for lijn in lijnen:
        assert lijn.naam in pagina
        assert lijn.droom and normaal(lijn.droom) in pagina
        for regel in lijn.regels:
            assert normaal(regel) in pagina, f"{lijn.naam}: missing {regel!r}"


def test_loading_the_agenda_twice_changes_nothing(region: Any, parkstad: Agenda) -> None:
    from jeugdketen.agenda import services

    tweede = services.agenda_laden(regio=region, sleutel=parkstad.sleutel, gegevens=services.bron("parkstad_2019_2022"))
    assert tweede.pk == parkstad.pk
    assert Agenda.objects.filter(regio=region).count() == 2
