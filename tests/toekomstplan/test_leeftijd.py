"""Age boundaries on the Europe/Amsterdam date, incl. leap days (docs/toekomstplan.md)."""

from __future__ import annotations

import datetime as dt

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from jeugdketen.gezinnen import regels
from jeugdketen.toekomstplan import leeftijd

D = dt.date


def ref_add_months(d: dt.date, months: int) -> dt.date:
    """Reference: try the same day in the target month; if it does not exist, the 1st of the next."""
    y, m = d.year + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    try:
        return dt.date(y, m, d.day)
    except ValueError:
        return dt.date(y + (m == 12), m % 12 + 1, 1)


def test_leap_day_birthdays() -> None:
    born = D(2008, 2, 29)
    assert leeftijd.achttien(born) == D(2026, 3, 1)  # 2026 has no 29 February: 1 March
    assert leeftijd.zestieneneenhalf(born) == D(2024, 8, 29)  # 2024 is a leap year
    assert leeftijd.zes_maanden_voor_18(born) == D(2025, 9, 1)
    assert leeftijd.drie_maanden_voor_18(born) == D(2025, 12, 1)
    # The same as the family app's age rule: 17 on 28 February, 18 on 1 March.
    assert regels.leeftijd(born, D(2026, 2, 28)) == 17 and regels.leeftijd(born, D(2026, 3, 1)) == 18


def test_short_months_move_to_the_first_of_the_next_month() -> None:
    born = D(2008, 8, 31)
    assert leeftijd.zestieneneenhalf(born) == D(2025, 3, 1)  # no 31 February
    assert leeftijd.zes_maanden_voor_18(born) == D(2026, 3, 1)
    assert leeftijd.drie_maanden_voor_18(born) == D(2026, 5, 31)
    assert leeftijd.zestieneneenhalf(D(2008, 8, 28)) == D(2025, 2, 28)


def test_boundaries_are_inclusive_on_the_day() -> None:
    born = D(2009, 1, 15)
    day = leeftijd.zestieneneenhalf(born)
    assert day == D(2025, 7, 15)
    assert not leeftijd.bereikt(leeftijd.zestieneneenhalf, born, day - dt.timedelta(days=1))
    assert leeftijd.bereikt(leeftijd.zestieneneenhalf, born, day)


def test_today_is_the_amsterdam_date_also_across_dst() -> None:
    # 23:30 UTC on 28 February 2026 is already 1 March in Amsterdam (CET, +1): born 29-02-2008 is 18.
    with time_machine.travel(dt.datetime(2026, 2, 28, 23, 30, tzinfo=dt.UTC), tick=False):
        assert leeftijd.vandaag() == D(2026, 3, 1)
        assert leeftijd.bereikt(leeftijd.achttien, D(2008, 2, 29), leeftijd.vandaag())
    # 22:30 UTC on 30 March 2025 (after the switch to CEST, +2) is 31 March in Amsterdam.
    with time_machine.travel(dt.datetime(2025, 3, 30, 22, 30, tzinfo=dt.UTC), tick=False):
        assert leeftijd.vandaag() == D(2025, 3, 31)


dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))
boundaries = st.sampled_from(
    [
        leeftijd.zestien,
        leeftijd.zestieneneenhalf,
        leeftijd.achttien,
        leeftijd.zes_maanden_voor_18,
        leeftijd.drie_maanden_voor_18,
        leeftijd.drie_maanden_na_18,
    ]
)


@given(born=dates, months=st.integers(min_value=-300, max_value=300))
def test_adding_months_matches_the_reference(born: dt.date, months: int) -> None:
    assert leeftijd.plus_maanden(born, months) == ref_add_months(born, months)


@given(born=dates)
def test_boundaries_match_the_reference(born: dt.date) -> None:
    assert leeftijd.zestieneneenhalf(born) == ref_add_months(ref_add_months(born, 16 * 12), 6)
    assert leeftijd.zes_maanden_voor_18(born) == ref_add_months(ref_add_months(born, 18 * 12), -6)


@given(born=dates)
def test_turning_18_agrees_with_the_family_age_rule(born: dt.date) -> None:
    day = leeftijd.achttien(born)
    assert regels.leeftijd(born, day) == 18
    assert regels.leeftijd(born, day - dt.timedelta(days=1)) == 17


@given(grens=boundaries, born=dates, op=st.dates(min_value=D(2010, 1, 1), max_value=D(2040, 12, 31)))
def test_the_query_cutoff_is_exact(grens: leeftijd.Grens, born: dt.date, op: dt.date) -> None:
    """Reached on `op` ⇔ born on or before the cutoff: what the watch lists and signals query."""
    assert leeftijd.bereikt(grens, born, op) == (born <= leeftijd.uiterlijk_geboren(grens, op))
