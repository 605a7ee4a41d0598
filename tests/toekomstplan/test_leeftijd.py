"""The toekomstplan's signal windows around 18, incl. leap days (docs/toekomstplan.md). The age
boundaries themselves (16, 16.5, 18) are core.kalender's: tests/core/test_kalender.py."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jeugdketen.core import kalender
from jeugdketen.toekomstplan import leeftijd
from tests.core.test_kalender import ref_add_months

D = dt.date


def test_leap_day_birthdays() -> None:
    born = D(2008, 2, 29)
    assert kalender.achttien(born) == D(2026, 3, 1)  # 2026 has no 29 February: 1 March
    assert leeftijd.zes_maanden_voor_18(born) == D(2025, 9, 1)
    assert leeftijd.drie_maanden_voor_18(born) == D(2025, 12, 1)
    assert leeftijd.drie_maanden_na_18(born) == D(2026, 6, 1)


def test_short_months_move_to_the_first_of_the_next_month() -> None:
    born = D(2008, 8, 31)
    assert leeftijd.zes_maanden_voor_18(born) == D(2026, 3, 1)
    assert leeftijd.drie_maanden_voor_18(born) == D(2026, 5, 31)
    assert leeftijd.drie_maanden_na_18(born) == D(2026, 12, 1)


dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))
windows = st.sampled_from([leeftijd.zes_maanden_voor_18, leeftijd.drie_maanden_voor_18, leeftijd.drie_maanden_na_18])


@given(born=dates)
def test_windows_match_the_reference(born: dt.date) -> None:
    assert leeftijd.zes_maanden_voor_18(born) == ref_add_months(ref_add_months(born, 18 * 12), -6)
    assert leeftijd.drie_maanden_na_18(born) == ref_add_months(ref_add_months(born, 18 * 12), 3)


@given(grens=windows, born=dates, op=st.dates(min_value=D(2010, 1, 1), max_value=D(2040, 12, 31)))
def test_the_query_cutoff_is_exact(grens: kalender.Grens, born: dt.date, op: dt.date) -> None:
    """Reached on `op` ⇔ born on or before the cutoff: what the watch lists and signals query."""
    assert kalender.bereikt(grens, born, op) == (born <= kalender.uiterlijk_geboren(grens, op))
