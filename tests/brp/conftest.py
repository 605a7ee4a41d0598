"""Fixtures for the BRP tests: the project's stand-in on a free port, and the BRP unreachable.

* `brp`            the stand-in running; settings.BRP_API_URL points at it (refresh every time)
* `brp_onbereikbaar` a BRP_API_URL on which nothing listens (a stand-in started and stopped)
* `persoon(bsn)`   the stand-in's data of a fictitious person (dates resolved to today)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jeugdketen.brp import standin

# The stand-in's fictitious persons (brp/data/standin_personen.json)
LINDA, DAAN, MARCO = "999990019", "999990032", "999991000"
EVA, TOM, SEM, NOOR, LARS, ROEL = "999991012", "999991024", "999991036", "999991048", "999991061", "999991073"
LOTTE, ILSE = "999991085", "999991097"
ALLE = [LINDA, DAAN, MARCO, EVA, TOM, SEM, NOOR, LARS, ROEL, LOTTE, ILSE]


@pytest.fixture
def brp(settings: Any) -> Iterator[standin.StandinServer]:
    server = standin.start()
    settings.BRP_API_URL = server.url
    settings.BRP_API_KEY = ""
    settings.BRP_TIMEOUT = 2
    settings.BRP_VERVERS_SECONDEN = 0
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def brp_onbereikbaar(settings: Any) -> str:
    server = standin.start()
    url = server.url
    server.stop()
    settings.BRP_API_URL = url
    settings.BRP_TIMEOUT = 1
    settings.BRP_VERVERS_SECONDEN = 0
    return url


def stop_brp(settings: Any, server: standin.StandinServer) -> None:
    """Stop a running stand-in: from now on the BRP cannot be reached."""
    server.stop()


@pytest.fixture
def persoon() -> Any:
    personen = standin.laad_personen()
    return lambda bsn: personen[bsn]


def geboren(bsn: str) -> Any:
    """The stand-in's birth date of a fictitious person."""
    import datetime as dt

    return dt.date.fromisoformat(standin.laad_personen()[bsn]["geboorte"]["datum"]["datum"])


def gezin_met(naam: str, cbs_code: str, *leden: tuple[str, str, str, str]) -> Any:
    """A family started by the demo's access team: (soort, bsn, voornaam, achternaam) per member;
    a youth's birth date from the stand-in, every parent recorded 'met gezag'."""
    import datetime as dt

    from jeugdketen.core import kalender
    from jeugdketen.gezinnen import services
    from jeugdketen.gezinnen.models import LidSoort
    from jeugdketen.organisaties.models import Gemeente
    from tests.conftest import actor

    invoer = [
        services.LidInvoer(
            soort=soort,
            voornaam=voornaam,
            achternaam=achternaam,
            bsn=bsn,
            gezag=soort == LidSoort.OUDER,
            geboortedatum=geboren(bsn) if soort == LidSoort.JEUGDIGE else None,
        )
        for soort, bsn, voornaam, achternaam in leden
    ]
    return services.gezin_aanmaken(
        by=actor("toegang"),
        naam=naam,
        gemeente=Gemeente.objects.get(cbs_code=cbs_code),
        leden=invoer,
        doel="Samen een plan maken",
        einddatum=kalender.vandaag() + dt.timedelta(days=200),
    )
