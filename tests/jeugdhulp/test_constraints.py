"""The invariants that matter are database constraints: a write past the services cannot break them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from . import factories as f
from .conftest import Wereld

D = dt.date(2024, 1, 1)


@pytest.mark.parametrize(
    "fields",
    [
        {"productcategorie": "99"},  # not in JZ020
        {"verwijzer": "07"},  # not in COD327
        {"reden_beeindiging": "30", "begindatum": D, "einddatum_zorg": D},  # not in JZ588
        {"einddatum": D - dt.timedelta(days=1)},  # assignment ends before it starts (CS003)
        {"begindatum": D - dt.timedelta(days=1)},  # care starts before the assignment
        {"begindatum": D, "einddatum_zorg": D - dt.timedelta(days=1), "reden_beeindiging": "31"},  # end before start
        {"einddatum_zorg": D, "reden_beeindiging": "31"},  # an end without a start
        {"begindatum": D, "einddatum_zorg": D},  # an end without a reason
        {"volume": 2},  # an extent without unit and frequency
        {"volume": 2, "eenheid": "04", "frequentie": "2", "budget": 100},  # extent and budget
        {"kleinschalig": True},  # small-scale without a stay
        {"reden_wijziging": "13", "einddatum": D + dt.timedelta(days=3)},  # removed: end = start (CS335)
        {"toewijzingnummer": 1_000_000_000},  # more than 9 digits
        {"aanmelddatum": D, "intakedatum": D - dt.timedelta(days=1)},  # intake before the request
    ],
)
def test_a_trajectory_that_breaks_an_invariant_is_refused_by_the_database(
    wereld: Wereld, fields: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        f.TrajectFactory(gemeente=wereld.heerlen, ingangsdatum=D, **fields)


def test_one_assignment_number_per_municipality(wereld: Wereld) -> None:
    f.TrajectFactory(gemeente=wereld.heerlen, toewijzingnummer=7)
    f.TrajectFactory(gemeente=wereld.kerkrade, toewijzingnummer=7)  # another municipality may
    with pytest.raises(IntegrityError), transaction.atomic():
        f.TrajectFactory(gemeente=wereld.heerlen, toewijzingnummer=7)


def test_a_valid_thuiszitter_report_of_leerplicht_is_accepted(wereld: Wereld) -> None:
    f.ThuiszitterFactory(sinds=D, soort="absoluut", school=None, gemeld_door_organisatie=wereld.leerplicht.organisatie)


def test_one_open_delivery_per_assignment(wereld: Wereld) -> None:
    t = f.TrajectFactory(gemeente=wereld.heerlen, ingangsdatum=D)
    f.LeveringFactory(traject=t, begindatum=D)
    with pytest.raises(IntegrityError), transaction.atomic():
        f.LeveringFactory(traject=t, begindatum=D + dt.timedelta(days=5))


@pytest.mark.parametrize(
    "fields",
    [
        {"voorwaardelijk": True},  # only a machtiging is conditional
        {"uitspraakdatum": D + dt.timedelta(days=1)},  # in force before the court's decision
        {"einddatum": D - dt.timedelta(days=1)},
        {"soort": "ondertoezicht"},
    ],
)
def test_a_measure_that_breaks_an_invariant_is_refused(wereld: Wereld, fields: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MaatregelFactory(ingangsdatum=D, **fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"soort": "absoluut"},  # absolute absence with a school
        {"soort": "relatief", "school": None},  # relative absence without one
        {"passend_aanbod_sinds": dt.date(2023, 12, 1)},  # an offer before the youth was home
    ],
)
def test_a_thuiszitter_that_breaks_an_invariant_is_refused(wereld: Wereld, fields: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ThuiszitterFactory(sinds=D, gemeld_door_organisatie=wereld.leerplicht.organisatie, **fields)
