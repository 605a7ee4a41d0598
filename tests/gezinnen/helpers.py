"""Test helpers shared by tests/gezinnen and tests/gezinsplan: a family with a plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.gezinnen import services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.organisaties.models import Gemeente, Organisatie
from tests.conftest import actor

BSNS = ["111222333", "123456782", "999990019", "999990020"]


def years_ago(years: int, days: int = 0) -> dt.date:
    today = kalender.vandaag()
    return kalender.uiterlijk_geboren(years, today) - dt.timedelta(days=days)


def make_family(
    by: str = "toegang",
    *,
    naam: str = "Gezin Test",
    youth_age: int = 10,
    bsn: str = "111222333",
    gemeente: str = "GM0917",
    einddatum: dt.date | None = None,
    mandaat: str = "",
) -> Gezin:
    leden = [
        services.LidInvoer(soort=LidSoort.OUDER, voornaam="Linda", achternaam="Test", gezag=True),
        services.LidInvoer(
            soort=LidSoort.JEUGDIGE, voornaam="Kim", achternaam="Test", bsn=bsn, geboortedatum=years_ago(youth_age, 30)
        ),
    ]
    return services.gezin_create(
        by=actor(by),
        naam=naam,
        gemeente=Gemeente.objects.get(cbs_code=gemeente),
        leden=leden,
        doel="Gezinsplan opstellen en uitvoeren",
        einddatum=einddatum or (kalender.vandaag() + dt.timedelta(days=180)),
        mandaat_grondslag=mandaat,
    )


def make_plan(gezin: Gezin, by: str = "toegang", **kwargs: Any) -> Any:
    return plan_services.plan_create(
        gezin=gezin, by=actor(by), situatie="Zorgen over school.", krachten="Oma helpt.", **kwargs
    )


def consent_for(gezin: Gezin, org_key_username: str, *, by: str = "toegang", days: int = 30) -> Any:
    """Consent for the organisation of a demo login, recorded by `by` on behalf of the parent."""
    prof = actor(org_key_username)
    parent = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    return services.toestemming_geven(
        gezin=gezin,
        by=actor(by),
        organisatie=Organisatie.objects.get(uuid=prof.organisatie_id),
        doel="Meedoen aan het gezinsplan",
        einddatum=kalender.vandaag() + dt.timedelta(days=days),
        gegeven_door=parent,
    )


def link_citizen(gezin: Gezin, username: str, soort: str = LidSoort.OUDER) -> Gezinslid:
    from jeugdketen.organisaties.models import Gebruiker

    lid = Gezinslid.objects.filter(gezin=gezin, soort=soort).first()
    assert lid is not None
    lid.gebruiker = Gebruiker.objects.get(username=username)
    lid.save(update_fields=["gebruiker"])
    return lid


def system_actor() -> Actor:
    return Actor(user=None)


def denied_logged(object_id: str) -> bool:
    """A denied attempt was logged (on SQLite inside a test transaction it is still pending)."""
    from jeugdketen.core.models import Toegangslogregel, Uitkomst
    from jeugdketen.core.toegangslog import _pending_list

    if Toegangslogregel.objects.filter(uitkomst=Uitkomst.DENIED, object_id=object_id).exists():
        return True
    return any(v["uitkomst"] == Uitkomst.DENIED and v["object_id"] == object_id for v in _pending_list())


@pytest.fixture(autouse=True)
def fresh_pending_attempts() -> Any:
    """Denied attempts made inside a service's transaction wait in a per-thread list until the
    business transaction is over (core.toegangslog); inside a test that never commits they would
    be written by the next request of a later test, naming users that test rolled back. Start and
    end each test with an empty list (no monkeypatching: the real code path runs)."""
    from jeugdketen.core.toegangslog import _pending_list

    _pending_list().clear()
    yield
    _pending_list().clear()
