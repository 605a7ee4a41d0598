"""The one calendar module: today's date in Amsterdam, ages and age boundaries (29 February ->
1 March), storage terms (29 February -> 28 February), and the query cut-offs built on them."""

from __future__ import annotations

import datetime as dt

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from jeugdketen.core import kalender

D = dt.date


def ref_add_months(d: dt.date, months: int) -> dt.date:
    """Reference: try the same day in the target month; if it does not exist, the 1st of the next."""
    y, m = d.year + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    try:
        return dt.date(y, m, d.day)
    except ValueError:
        return dt.date(y + (m == 12), m % 12 + 1, 1)


def ref_term(d: dt.date, years: int) -> dt.date:
    """Reference: the same day `years` later; 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def ref_age(born: dt.date, on: dt.date) -> int:
    """Reference: count the birthdays that have passed, a 29 February birthday on 1 March."""
    years = 0
    while True:
        try:
            birthday = born.replace(year=born.year + years + 1)
        except ValueError:
            birthday = dt.date(born.year + years + 1, 3, 1)
        if birthday > on:
            return years
        years += 1


# --- Ages: 29 February counts on 1 March -----------------------------------------------------


def test_a_leap_day_child_is_a_year_older_on_1_march() -> None:
    born = D(2008, 2, 29)
    assert kalender.leeftijd(born, D(2026, 2, 28)) == 17
    assert kalender.leeftijd(born, D(2026, 3, 1)) == 18
    assert kalender.leeftijd(born, D(2028, 2, 29)) == 20  # a leap year: the day itself
    assert kalender.achttien(born) == D(2026, 3, 1)  # 2026 has no 29 February
    assert kalender.zestien(born) == D(2024, 2, 29)  # 2024 has one
    assert kalender.zestieneneenhalf(born) == D(2024, 8, 29)
    assert kalender.drieentwintig(born) == D(2031, 3, 1)
    assert kalender.verjaardag(born, 17, 6) == D(2025, 9, 1)  # the 17th birthday (1 March) first


def test_short_months_move_to_the_first_of_the_next_month() -> None:
    assert kalender.zestieneneenhalf(D(2008, 8, 31)) == D(2025, 3, 1)  # no 31 February
    assert kalender.zestieneneenhalf(D(2008, 8, 28)) == D(2025, 2, 28)
    assert kalender.plus_maanden(D(2025, 12, 31), 2) == D(2026, 3, 1)
    assert kalender.plus_maanden(D(2025, 3, 31), -1) == D(2025, 3, 1)  # no 31 February: 1 March


def test_boundaries_are_inclusive_on_the_day() -> None:
    born = D(2009, 1, 15)
    day = kalender.zestieneneenhalf(born)
    assert day == D(2025, 7, 15)
    assert not kalender.bereikt(kalender.zestieneneenhalf, born, day - dt.timedelta(days=1))
    assert kalender.bereikt(kalender.zestieneneenhalf, born, day)


def test_today_is_the_amsterdam_date_also_across_dst() -> None:
    # 23:30 UTC on 28 February 2026 is already 1 March in Amsterdam (CET, +1): born 29-02-2008 is 18.
    with time_machine.travel(dt.datetime(2026, 2, 28, 23, 30, tzinfo=dt.UTC), tick=False):
        assert kalender.vandaag() == D(2026, 3, 1)
        assert kalender.bereikt(kalender.achttien, D(2008, 2, 29), kalender.vandaag())
    # 22:30 UTC on 30 March 2025 (after the switch to CEST, +2) is 31 March in Amsterdam.
    with time_machine.travel(dt.datetime(2025, 3, 30, 22, 30, tzinfo=dt.UTC), tick=False):
        assert kalender.vandaag() == D(2025, 3, 31)


# --- Storage terms: 29 February ends on 28 February, never later -------------------------------


def test_a_term_from_a_leap_day_ends_on_28_february() -> None:
    assert kalender.einde_termijn(D(2024, 2, 29), jaren=2) == D(2026, 2, 28)
    assert kalender.einde_termijn(D(2024, 2, 29), jaren=4) == D(2028, 2, 29)
    assert kalender.einde_termijn(D(2000, 2, 29), jaren=23) == D(2023, 2, 28)
    assert kalender.einde_termijn(D(2025, 8, 31), maanden=6) == D(2026, 2, 28)
    assert kalender.einde_termijn(D(2025, 6, 15), jaren=5) == D(2030, 6, 15)


def test_the_two_rules_differ_only_on_missing_days() -> None:
    """Age boundary and storage term agree on every day that exists in the target month."""
    assert kalender.einde_termijn(D(2008, 2, 29), jaren=18) == D(2026, 2, 28)
    assert kalender.achttien(D(2008, 2, 29)) == D(2026, 3, 1)
    assert kalender.einde_termijn(D(2008, 3, 1), jaren=18) == kalender.achttien(D(2008, 3, 1))


# --- Properties (hypothesis) -----------------------------------------------------------------

dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))
boundaries = st.sampled_from(
    [
        kalender.zestien,
        kalender.zestieneneenhalf,
        kalender.achttien,
        kalender.drieentwintig,
        kalender.leeftijdsgrens(12),
        kalender.leeftijdsgrens(17, 6),
    ]
)


@given(born=dates, months=st.integers(min_value=-300, max_value=300))
def test_adding_months_matches_the_reference(born: dt.date, months: int) -> None:
    assert kalender.plus_maanden(born, months) == ref_add_months(born, months)


@given(born=dates)
def test_boundaries_match_the_reference(born: dt.date) -> None:
    assert kalender.zestieneneenhalf(born) == ref_add_months(ref_add_months(born, 16 * 12), 6)
    assert kalender.achttien(born) == ref_add_months(born, 18 * 12)


@given(born=dates, on=st.dates(min_value=D(1995, 1, 1), max_value=D(2060, 12, 31)))
def test_age_matches_the_reference(born: dt.date, on: dt.date) -> None:
    if on >= born:
        assert kalender.leeftijd(born, on) == ref_age(born, on)


@given(born=dates, jaren=st.integers(min_value=0, max_value=30))
def test_the_birthday_of_an_age_is_the_first_day_of_that_age(born: dt.date, jaren: int) -> None:
    day = kalender.verjaardag(born, jaren)
    assert kalender.leeftijd(born, day) == jaren
    if jaren:
        assert kalender.leeftijd(born, day - dt.timedelta(days=1)) == jaren - 1


@given(begin=dates, jaren=st.integers(min_value=-30, max_value=30))
def test_a_storage_term_matches_the_reference_and_never_ends_later(begin: dt.date, jaren: int) -> None:
    end = kalender.einde_termijn(begin, jaren=jaren)
    assert end == ref_term(begin, jaren)
    assert end <= kalender.plus_jaren(begin, jaren)


@given(grens=boundaries, born=dates, op=st.dates(min_value=D(2010, 1, 1), max_value=D(2040, 12, 31)))
def test_the_query_cutoff_is_exact(grens: kalender.Grens, born: dt.date, op: dt.date) -> None:
    """Reached on `op` ⇔ born on or before the cut-off: what the lists and signals query."""
    assert kalender.bereikt(grens, born, op) == (born <= kalender.uiterlijk_geboren(grens, op))


@given(
    jaren=st.integers(min_value=0, max_value=30),
    born=dates,
    op=st.dates(min_value=D(2010, 1, 1), max_value=D(2060, 12, 31)),
)
def test_the_cutoff_for_whole_years_is_the_age_rule(jaren: int, born: dt.date, op: dt.date) -> None:
    assert (kalender.leeftijd(born, op) >= jaren) == (born <= kalender.uiterlijk_geboren(jaren, op))
