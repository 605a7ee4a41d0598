"""Every norm at its boundary: the start event, the end event and the clock rule (docs/crisis.md).

Times are written in Europe/Amsterdam as the crisis worker sees them. The clocks run in real
elapsed time, so across a night with a daylight-saving change a 24-hour deadline is one hour
later (spring, a 23-hour night) or earlier (autumn, 25 hours) on the wall clock. The round-table
follows the calendar: working days are Monday to Friday without Dutch public holidays.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdketen.crisis import normen
from jeugdketen.crisis.models import Aanpak, Crisisnormen, MomentSoort, Norm

AMS = normen.AMSTERDAM
M = MomentSoort


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=AMS)


def klok(
    norm: str,
    *,
    ontvangen: dt.datetime,
    aanpak: str = Aanpak.BEIDE,
    nodig_ter_plaatse: bool = False,
    **momenten: dt.datetime,
):
    regels = Crisisnormen()
    for naam, waarde in list(momenten.items()):
        if naam.startswith("instelling_"):
            setattr(regels, naam.removeprefix("instelling_"), waarde)
            del momenten[naam]
    klokken = normen.klokken(
        ontvangen_op=ontvangen, aanpak=aanpak, ter_plaatse_nodig=nodig_ter_plaatse, momenten=momenten, normen=regels
    )
    found = [k for k in klokken if k.norm == norm]
    return found[0] if found else None


def test_the_defaults_are_the_seeds_norms() -> None:
    n = Crisisnormen()
    assert (n.stabilisatie_uren, n.ter_plaatse_uren, n.verblijf_dagen, n.ambulant_dagen, n.overbrugging_dagen) == (
        24,
        2,
        7,
        28,
        28,
    )
    assert (n.vervolg_marge_uren, n.signaal_procent, n.doel_procent) == (0, 75, 90)


@pytest.mark.parametrize(("minuten", "binnen"), [(24 * 60 - 1, True), (24 * 60, True), (24 * 60 + 1, False)])
def test_stabilised_within_24_hours_of_the_report(minuten: int, binnen: bool) -> None:
    start = t(2026, 6, 10, 14, 30)
    k = klok(Norm.STABILISATIE, ontvangen=start, gestabiliseerd=start + dt.timedelta(minutes=minuten))
    assert k is not None and k.binnen is binnen


def test_stabilisation_runs_24_real_hours_across_the_spring_night() -> None:
    # 28-29 March 2026: the clocks go from 02:00 to 03:00, that night has 23 hours.
    k = klok(Norm.STABILISATIE, ontvangen=t(2026, 3, 28, 12))
    assert k is not None
    assert k.deadline.astimezone(AMS) == t(2026, 3, 29, 13)
    assert k.deadline - k.start == dt.timedelta(hours=24)
    assert klok(Norm.STABILISATIE, ontvangen=t(2026, 3, 28, 12), gestabiliseerd=t(2026, 3, 29, 12, 30)).binnen
    assert not klok(Norm.STABILISATIE, ontvangen=t(2026, 3, 28, 12), gestabiliseerd=t(2026, 3, 29, 13, 1)).binnen


def test_stabilisation_runs_24_real_hours_across_the_autumn_night() -> None:
    # 24-25 October 2026: the clocks go back from 03:00 to 02:00, that night has 25 hours.
    k = klok(Norm.STABILISATIE, ontvangen=t(2026, 10, 24, 12))
    assert k is not None
    assert k.deadline.astimezone(AMS) == t(2026, 10, 25, 11)
    assert not klok(Norm.STABILISATIE, ontvangen=t(2026, 10, 24, 12), gestabiliseerd=t(2026, 10, 25, 11, 30)).binnen


@pytest.mark.parametrize(("minuten", "binnen"), [(120, True), (121, False)])
def test_on_site_assessment_within_2_hours_only_when_triage_asks(minuten: int, binnen: bool) -> None:
    start = t(2026, 6, 10, 23, 15)
    assert klok(Norm.TER_PLAATSE, ontvangen=start) is None
    k = klok(
        Norm.TER_PLAATSE,
        ontvangen=start,
        nodig_ter_plaatse=True,
        **{M.TER_PLAATSE: start + dt.timedelta(minutes=minuten)},
    )
    assert k is not None and k.binnen is binnen


@pytest.mark.parametrize(
    ("norm", "begin", "einde", "dagen"),
    [
        (Norm.VERBLIJF, M.VERBLIJF_START, M.VERBLIJF_EIND, 7),
        (Norm.AMBULANT, M.AMBULANT_START, M.AMBULANT_EIND, 28),
        (Norm.OVERBRUGGING, M.OVERBRUGGING_START, M.OVERBRUGGING_EIND, 28),
    ],
)
def test_help_durations_at_the_boundary(norm: str, begin: str, einde: str, dagen: int) -> None:
    start = t(2026, 6, 1, 9)
    assert klok(norm, ontvangen=start) is None  # the clock starts with the help, not with the report
    op_de_grens = klok(norm, ontvangen=start, **{begin: start, einde: start + dt.timedelta(days=dagen)})
    een_minuut_later = klok(norm, ontvangen=start, **{begin: start, einde: start + dt.timedelta(days=dagen, minutes=1)})
    assert op_de_grens.binnen is True
    assert een_minuut_later.binnen is False


def test_crisis_stay_of_a_week_across_the_spring_change_is_168_real_hours() -> None:
    start = t(2026, 3, 25, 10)
    k = klok(Norm.VERBLIJF, ontvangen=start, **{M.VERBLIJF_START: start})
    assert k.deadline - k.start == dt.timedelta(hours=168)
    assert k.deadline.astimezone(AMS) == t(2026, 4, 1, 11)  # one hour later on the wall clock
    assert klok(
        Norm.VERBLIJF, ontvangen=start, **{M.VERBLIJF_START: start, M.VERBLIJF_EIND: t(2026, 4, 1, 10, 59)}
    ).binnen


def test_ambulant_help_of_4_weeks_across_the_autumn_change() -> None:
    start = t(2026, 10, 10, 10)
    k = klok(Norm.AMBULANT, ontvangen=start, **{M.AMBULANT_START: start})
    assert k.deadline.astimezone(AMS) == t(2026, 11, 7, 9)  # 672 real hours: an hour earlier on the wall clock


@pytest.mark.parametrize(
    ("gemeld", "laatste_dag"),
    [
        (t(2026, 6, 9, 10), dt.date(2026, 6, 10)),  # Tuesday → Wednesday
        (t(2026, 12, 4, 22, 30), dt.date(2026, 12, 7)),  # Friday evening → Monday (weekend)
        (t(2026, 12, 5, 3), dt.date(2026, 12, 7)),  # Saturday night → Monday
        (t(2026, 12, 24, 18), dt.date(2026, 12, 28)),  # Christmas Eve → Monday after Christmas and the weekend
        (t(2026, 4, 24, 16), dt.date(2026, 4, 28)),  # Friday → Tuesday: Monday 27 April is King's Day
        (t(2026, 5, 13, 9), dt.date(2026, 5, 15)),  # Wednesday → Friday: Thursday 14 May is Ascension Day
        (t(2026, 12, 31, 23, 59), dt.date(2027, 1, 4)),  # New Year's Eve → Monday 4 January
    ],
)
def test_round_table_on_the_first_working_day(gemeld: dt.datetime, laatste_dag: dt.date) -> None:
    k = klok(Norm.RONDETAFEL, ontvangen=gemeld)
    assert k.deadline.astimezone(AMS).date() == laatste_dag
    laat = dt.datetime.combine(laatste_dag, dt.time(23, 59), tzinfo=AMS)
    assert klok(Norm.RONDETAFEL, ontvangen=gemeld, **{M.RONDETAFEL: laat}).binnen is True
    volgende_dag = dt.datetime.combine(laatste_dag + dt.timedelta(days=1), dt.time(0, 0), tzinfo=AMS)
    assert klok(Norm.RONDETAFEL, ontvangen=gemeld, **{M.RONDETAFEL: volgende_dag}).binnen is False


def test_round_table_only_with_crisis_help() -> None:
    assert klok(Norm.RONDETAFEL, ontvangen=t(2026, 6, 9, 10), aanpak=Aanpak.ADVIES) is None
    assert klok(Norm.RONDETAFEL, ontvangen=t(2026, 6, 9, 10), aanpak="") is None


def test_follow_up_help_without_a_gap_after_the_last_crisis_help() -> None:
    start = t(2026, 6, 1, 9)
    einde = t(2026, 6, 5, 12)
    momenten = {
        M.VERBLIJF_START: start,
        M.VERBLIJF_EIND: t(2026, 6, 4, 9),
        M.AMBULANT_START: start,
        M.AMBULANT_EIND: einde,
    }
    assert (
        klok(Norm.VERVOLGHULP, ontvangen=start, **{k: v for k, v in momenten.items() if k != M.AMBULANT_EIND}) is None
    )
    k = klok(Norm.VERVOLGHULP, ontvangen=start, **momenten)
    assert k.start.astimezone(AMS) == einde and k.loopt
    assert klok(Norm.VERVOLGHULP, ontvangen=start, **momenten, **{M.VERVOLGHULP: einde}).binnen is True
    assert klok(Norm.VERVOLGHULP, ontvangen=start, **momenten, **{M.VERVOLGHULP: t(2026, 6, 3, 9)}).binnen is True
    assert (
        klok(Norm.VERVOLGHULP, ontvangen=start, **momenten, **{M.VERVOLGHULP: einde + dt.timedelta(minutes=1)}).binnen
        is False
    )
    ruim = klok(
        Norm.VERVOLGHULP,
        ontvangen=start,
        instelling_vervolg_marge_uren=24,
        **momenten,
        **{M.VERVOLGHULP: einde + dt.timedelta(hours=24)},
    )
    assert ruim.binnen is True


def test_the_signal_comes_at_75_percent_and_the_region_can_change_it() -> None:
    start = t(2026, 6, 10, 8)
    k = klok(Norm.STABILISATIE, ontvangen=start)
    assert not k.bijna(start + dt.timedelta(hours=17, minutes=59))
    assert k.bijna(start + dt.timedelta(hours=18))
    assert not k.over(start + dt.timedelta(hours=24)) and k.over(start + dt.timedelta(hours=24, minutes=1))
    assert k.resterend(start + dt.timedelta(hours=20)) == dt.timedelta(hours=4)
    assert k.resterend(start + dt.timedelta(hours=25)) == -dt.timedelta(hours=1)
    eigen = klok(Norm.STABILISATIE, ontvangen=start, instelling_signaal_procent=50, instelling_stabilisatie_uren=12)
    assert eigen.deadline == normen.na(start, uren=12)
    assert eigen.bijna(start + dt.timedelta(hours=6))


def test_working_days_come_from_the_holidays_library() -> None:
    assert not normen.is_werkdag(dt.date(2026, 4, 27))  # Koningsdag
    assert not normen.is_werkdag(dt.date(2026, 5, 25))  # Tweede Pinksterdag
    assert not normen.is_werkdag(dt.date(2026, 12, 26))  # Saturday (and Tweede Kerstdag)
    assert normen.is_werkdag(dt.date(2026, 12, 29))
