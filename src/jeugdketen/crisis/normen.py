"""The norm clocks of a crisis case: start event, end event, deadline — pure functions.

Every clock runs in real elapsed time: the arithmetic is done in UTC, so "24 hours" is 24 real
hours and "7 days" is 168 real hours, also across a night when the clocks go forward (a 23-hour
night) or back (25 hours); on the wall clock such a deadline is one hour later or earlier than
the start time. The one exception is the round-table, which is a calendar rule: it must take
place on the first working day after the day of the report (Europe/Amsterdam), a working day
being Monday to Friday except Dutch public holidays as the `holidays` library lists them.

A clock stopped at or before its deadline is within the norm (the boundary counts as within).
docs/crisis.md states each norm, its events and its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from .models import Aanpak, MomentSoort, Norm

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC

# The crisis help after which follow-up help must start without a gap.
CRISISHULP = (
    (MomentSoort.VERBLIJF_START, MomentSoort.VERBLIJF_EIND),
    (MomentSoort.AMBULANT_START, MomentSoort.AMBULANT_EIND),
    (MomentSoort.OVERBRUGGING_START, MomentSoort.OVERBRUGGING_EIND),
)
MET_CRISISHULP = frozenset({Aanpak.AMBULANT, Aanpak.VERBLIJF, Aanpak.BEIDE})


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> holidays.HolidayBase:
    """Dutch public holidays of a year (New Year, Easter and Whit Monday, King's Day, Liberation
    Day in the years the library lists it, Ascension, Christmas, ...)."""
    return holidays.country_holidays("NL", years=jaar)


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def eerste_werkdag_na(dag: dt.date) -> dt.date:
    volgende = dag + dt.timedelta(days=1)
    while not is_werkdag(volgende):
        volgende += dt.timedelta(days=1)
    return volgende


def einde_van_de_dag(dag: dt.date) -> dt.datetime:
    """The last instant of a calendar day in Europe/Amsterdam, as an aware UTC time."""
    return dt.datetime.combine(dag, dt.time.max, tzinfo=AMSTERDAM).astimezone(UTC)


def rondetafel_deadline(ontvangen_op: dt.datetime) -> dt.datetime:
    return einde_van_de_dag(eerste_werkdag_na(ontvangen_op.astimezone(AMSTERDAM).date()))


def na(start: dt.datetime, *, uren: int = 0, dagen: int = 0) -> dt.datetime:
    """`start` plus real elapsed time (computed in UTC, so a DST night does not shift it)."""
    return start.astimezone(UTC) + dt.timedelta(hours=uren, days=dagen)


@dataclass(frozen=True)
class Klok:
    norm: str
    start: dt.datetime
    deadline: dt.datetime
    eind: dt.datetime | None
    signaal_op: dt.datetime

    @property
    def loopt(self) -> bool:
        return self.eind is None

    @property
    def binnen(self) -> bool | None:
        """Within the norm (True/False) once stopped; None while running."""
        return None if self.eind is None else self.eind <= self.deadline

    @property
    def duur(self) -> dt.timedelta | None:
        return None if self.eind is None else self.eind - self.start

    def over(self, nu: dt.datetime) -> bool:
        return self.eind is None and nu > self.deadline

    def bijna(self, nu: dt.datetime) -> bool:
        """Running, past the signal share of the norm, deadline not yet passed."""
        return self.eind is None and self.signaal_op <= nu <= self.deadline

    def resterend(self, nu: dt.datetime) -> dt.timedelta:
        """Time left (positive) or time over (negative) of a running clock."""
        return self.deadline - nu

    def fractie(self, nu: dt.datetime) -> float:
        totaal = (self.deadline - self.start).total_seconds()
        gebruikt = ((self.eind or nu) - self.start).total_seconds()
        return gebruikt / totaal if totaal > 0 else 1.0


def _klok(norm: str, start: dt.datetime, deadline: dt.datetime, eind: dt.datetime | None, procent: int) -> Klok:
    start, deadline = start.astimezone(UTC), deadline.astimezone(UTC)
    signaal = start + (deadline - start) * procent / 100
    if eind is not None:
        eind = max(eind.astimezone(UTC), start)  # an end before the start (help overlapping) counts as no gap
    return Klok(norm=norm, start=start, deadline=deadline, eind=eind, signaal_op=signaal)


def klokken(
    *,
    ontvangen_op: dt.datetime,
    aanpak: str,
    ter_plaatse_nodig: bool,
    momenten: Mapping[str, dt.datetime],
    normen: Any,
    geen_vervolghulp: bool = False,
) -> list[Klok]:
    """All clocks that have started for a case, from its report, triage and moments.

    `normen` is the region's Crisisnormen (or anything with the same attributes)."""
    pct = normen.signaal_procent
    result = [
        _klok(
            Norm.STABILISATIE,
            ontvangen_op,
            na(ontvangen_op, uren=normen.stabilisatie_uren),
            momenten.get(MomentSoort.GESTABILISEERD),
            pct,
        )
    ]
    if ter_plaatse_nodig:
        result.append(
            _klok(
                Norm.TER_PLAATSE,
                ontvangen_op,
                na(ontvangen_op, uren=normen.ter_plaatse_uren),
                momenten.get(MomentSoort.TER_PLAATSE),
                pct,
            )
        )
    if aanpak in MET_CRISISHULP:
        result.append(
            _klok(
                Norm.RONDETAFEL,
                ontvangen_op,
                rondetafel_deadline(ontvangen_op),
                momenten.get(MomentSoort.RONDETAFEL),
                pct,
            )
        )
    for norm, (begin, einde), dagen in (
        (Norm.VERBLIJF, CRISISHULP[0], normen.verblijf_dagen),
        (Norm.AMBULANT, CRISISHULP[1], normen.ambulant_dagen),
        (Norm.OVERBRUGGING, CRISISHULP[2], normen.overbrugging_dagen),
    ):
        if begin in momenten:
            start = momenten[begin]
            result.append(_klok(norm, start, na(start, dagen=dagen), momenten.get(einde), pct))
    einde_crisishulp = crisishulp_geeindigd(momenten)
    if einde_crisishulp is not None and not geen_vervolghulp:
        result.append(
            _klok(
                Norm.VERVOLGHULP,
                einde_crisishulp,
                na(einde_crisishulp, uren=normen.vervolg_marge_uren),
                momenten.get(MomentSoort.VERVOLGHULP),
                pct,
            )
        )
    return result


def crisishulp_geeindigd(momenten: Mapping[str, dt.datetime]) -> dt.datetime | None:
    """When the last started crisis help ended; None while any still runs or none started."""
    eindes = []
    for begin, einde in CRISISHULP:
        if begin in momenten:
            if einde not in momenten:
                return None
            eindes.append(momenten[einde])
    return max(eindes) if eindes else None
