"""Time-based notifications through the outbox, with a controlled clock (issue 5.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.models import Kanaal, OutboxBericht
from jeugdketen.toekomstplan import selectors, services
from jeugdketen.toekomstplan.models import Onderdeel, Signaal, Status

from .factories import PlanonderdeelFactory, ToekomstplanFactory, family_in_care, give_login


def _at(day: dt.date) -> Any:
    return time_machine.travel(timezone.make_aware(dt.datetime.combine(day, dt.time(6, 15))), tick=False)


def _to(username: str, soort: str) -> int:
    return OutboxBericht.objects.filter(
        ontvanger__username=username, soort=f"toekomstplan_{soort}", kanaal=Kanaal.IN_APP
    ).count()


def test_the_regisseur_hears_once_when_a_youth_in_care_reaches_16_5_without_a_plan(region: Any) -> None:
    born = dt.date(2010, 8, 31)  # 16.5 on 1 March 2027 (no 31 February)
    family_in_care(geboortedatum=born)
    family_in_care(geboortedatum=born, with_plan=False)  # not in care: no professional regisseur
    with _at(dt.date(2027, 2, 28)):
        assert services.signalen_versturen()["16.5"] == 0
    with _at(dt.date(2027, 3, 1)):
        assert services.signalen_versturen()["16.5"] == 1
        assert services.signalen_versturen()["16.5"] == 0  # idempotent
    assert _to("toegang", "16.5") >= 1
    assert Signaal.objects.count() == 1
    titles = OutboxBericht.objects.values_list("titel", flat=True)
    assert all("Jongere" not in t and "Test" not in t for t in titles)  # no personal data


def test_no_signal_when_the_youth_already_has_a_plan(region: Any) -> None:
    _gezin, youth, _ = family_in_care(geboortedatum=dt.date(2010, 6, 10))  # 16.5 on 10 December 2026
    ToekomstplanFactory(jeugdige=youth)
    with _at(dt.date(2026, 12, 15)):
        assert services.signalen_versturen()["16.5"] == 0


@pytest.mark.parametrize(("born", "six", "three"), [(dt.date(2012, 2, 29), dt.date(2029, 9, 1), dt.date(2029, 12, 1))])
def test_six_and_three_months_before_18_while_must_items_are_open(
    region: Any, born: dt.date, six: dt.date, three: dt.date
) -> None:
    _gezin, youth, _ = family_in_care(geboortedatum=born)
    give_login(youth, "bijna-18")
    with _at(six - dt.timedelta(days=1)):
        assert services.signalen_versturen()["6m"] == 0
    with _at(six):
        assert services.signalen_versturen()["6m"] == 1
    assert _to("toegang", "6m") == 1 and _to("bijna-18", "6m") == 1
    with _at(three - dt.timedelta(days=1)):
        assert services.signalen_versturen() == {"16.5": 0, "6m": 0, "3m": 0}
    with _at(three):
        assert services.signalen_versturen()["3m"] == 1
    with _at(kalender.achttien(born)):
        assert services.signalen_versturen() == {"16.5": 0, "6m": 0, "3m": 0}  # 18: no longer a minor


def test_no_signal_before_18_when_every_must_item_is_arranged(region: Any) -> None:
    born = dt.date(2009, 6, 15)  # 6 months before 18 on 15 December 2026
    _gezin, youth, _ = family_in_care(geboortedatum=born)
    give_login(youth, "klaar-voor-18")
    plan = ToekomstplanFactory(jeugdige=youth)
    for item in Onderdeel.objects.filter(voor_18=True):
        PlanonderdeelFactory(plan=plan, onderdeel=item, status=Status.GEREGELD)
    with _at(dt.date(2026, 12, 20)):
        assert selectors.overview(plan).moet_klaar == selectors.must_total()
        assert services.signalen_versturen() == {"16.5": 0, "6m": 0, "3m": 0}


def test_the_command_runs_for_a_given_date_and_explains_a_bad_one(region: Any) -> None:
    family_in_care(geboortedatum=dt.date(2010, 8, 31))
    call_command("toekomstplan_signalen", "--datum", "2027-03-01")
    assert Signaal.objects.count() == 1
    with pytest.raises(CommandError, match="De datum klopt niet"):
        call_command("toekomstplan_signalen", "--datum", "1-3-2026")


def test_a_signal_with_nobody_to_tell_is_not_used_up(region: Any) -> None:
    _gezin, youth, _parent = family_in_care(geboortedatum=kalender.vandaag() - dt.timedelta(days=6200))
    assert services._send(youth, "zes_maanden", [None], titel="t", link="/") is False
    assert not Signaal.objects.filter(jeugdige=youth).exists()  # a later run can still send it
