"""Crisis places from the case: where the plekvrij module plugs in.

The case side is built here: the case page links to "Zoek een crisisplek", which asks the
registered place finder for crisis places free now for the youth's age near the responsible
municipality (nearest first), and reserves one for a set number of hours. The reservation's
reference is the case's pseudonymous id, never a name or a BSN. Choosing a place leads to the
"crisis stay started" moment with the place filled in (`Moment.plek`, `Moment.plek_ref`).

crisis does not import plekvrij (ARCHITECTURE.md: crisis → gezinsplan, gezinnen, organisaties,
core). The koppelingen app registers the plekvrij adapter in its AppConfig.ready():

    from jeugdketen.crisis import plekken
    plekken.register(MyAdapter())   # implements Plekzoeker below

Until one is registered the page says so and the crisis worker records the place by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from jeugdketen.core.access import Actor
from jeugdketen.organisaties.models import Gemeente


@dataclass(frozen=True)
class Crisisplek:
    ref: str  # plekvrij's id of the place
    naam: str
    aanbieder: str
    gemeente: str
    vrij: int
    telefoon: str
    bijgewerkt: dt.datetime
    afstand_km: float | None = None
    verouderd: bool = False  # not updated recently: shown as stale


@dataclass(frozen=True)
class Reservering:
    ref: str
    plek: Crisisplek
    tot: dt.datetime


class PlekNietBeschikbaar(Exception):
    """The place was taken in the meantime (or the reservation could not be made)."""


class Plekzoeker(Protocol):
    def zoek(self, actor: Actor, *, leeftijd: int | None, gemeente: Gemeente, op: dt.datetime) -> list[Crisisplek]:
        """Crisis places free at `op` for a youth of this age, nearest to `gemeente` first."""
        ...

    def reserveer(
        self, actor: Actor, *, plek_ref: str, uren: int, kenmerk: str, initialen: str, leeftijd: int | None
    ) -> Reservering:
        """Hold the place for `uren` hours; `kenmerk` is a pseudonymous case reference, `initialen`
        and `leeftijd` those of the youth (the provider needs them, never a full name).
        Raises PlekNietBeschikbaar when it is gone."""
        ...


_zoeker: list[Plekzoeker] = []
RESERVERING_UREN = 4  # default hold; plekvrij may cap it


def register(zoeker: Plekzoeker) -> None:
    _zoeker[:] = [zoeker]


def unregister() -> None:
    _zoeker.clear()


def zoeker() -> Plekzoeker | None:
    return _zoeker[0] if _zoeker else None
