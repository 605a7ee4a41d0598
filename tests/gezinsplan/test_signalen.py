"""The daily time-based notifications: a management command and a Celery beat task that call the
services; running them twice sends nothing twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jeugdketen.core import kalender
from jeugdketen.core.models import OutboxBericht
from jeugdketen.gezinnen.models import Gezinslid, LidSoort
from jeugdketen.gezinsplan import tasks
from tests.gezinnen.helpers import consent_for, make_family, make_plan
from tests.gezinsplan.factories import AfspraakFactory, nieuwe_versie


def _late_and_due(region: Any) -> None:
    """One family with an overdue evaluation, a late and an almost-due agreement and a consent
    ending within 14 days; one family whose evaluation is due in 3 days."""
    today = kalender.vandaag()
    late = make_family(naam="Gezin Laat")
    consent_for(late, "school", days=5)
    plan = make_plan(late, volgende_evaluatie=today - dt.timedelta(days=2))
    wie = Gezinslid.objects.get(gezin=late, soort=LidSoort.OUDER)
    versie = nieuwe_versie(plan, volgende_evaluatie=plan.volgende_evaluatie)
    for wat, days in {"Gesprek met school": -1, "Formulier invullen": 2}.items():
        AfspraakFactory(versie=versie, wat=wat, wie_gezinslid=wie, deadline=today + dt.timedelta(days))
    soon = make_family(naam="Gezin Binnenkort")
    make_plan(soon, volgende_evaluatie=today + dt.timedelta(days=3))


def _kinds() -> dict[str, int]:
    rows = OutboxBericht.objects.filter(
        soort__in=["evaluatie_te_laat", "evaluatie_nodig", "afspraak_te_laat", "afspraak_bijna", "toestemming_loopt_af"]
    ).values_list("soort", flat=True)
    counts: dict[str, int] = {}
    for soort in rows:
        counts[soort] = counts.get(soort, 0) + 1
    return counts


def test_the_command_sends_every_kind_once_and_nothing_twice(region: Any) -> None:
    _late_and_due(region)
    out = StringIO()
    call_command("gezinsplan_signalen", stdout=out)
    first = _kinds()
    assert set(first) == {
        "evaluatie_te_laat",
        "evaluatie_nodig",
        "afspraak_te_laat",
        "afspraak_bijna",
        "toestemming_loopt_af",
    }
    assert "toestemmingen: 1" in out.getvalue()
    call_command("gezinsplan_signalen", stdout=StringIO())
    assert _kinds() == first


def test_the_celery_task_does_the_same_and_is_on_the_beat_schedule(region: Any) -> None:
    from jeugdketen.celery import app

    _late_and_due(region)
    result = tasks.tijdsignalen.apply().get()
    assert result["plannen_en_afspraken"] >= 4 and result["toestemmingen"] == 1
    first = _kinds()
    tasks.tijdsignalen.apply().get()
    assert _kinds() == first
    entry = app.conf.beat_schedule["gezinsplan-tijdsignalen"]
    assert entry["task"] == tasks.tijdsignalen.name


def test_a_wrong_date_gets_a_plain_dutch_message(region: Any) -> None:
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("gezinsplan_signalen", "--datum", "31-12-2025", stdout=StringIO())
