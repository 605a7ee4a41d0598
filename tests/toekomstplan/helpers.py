"""A family in care with a youth of a chosen birth date, citizens with own logins, clients."""

from __future__ import annotations

import datetime as dt
import itertools

from django.test import Client

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid, NetwerkRelatie
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.organisaties.models import Gebruiker, GebruikerSoort, Gemeente
from jeugdketen.organisaties.selectors import build_actor
from tests.gezinnen.helpers import denied_logged

__all__ = ["denied_logged"]

_counter = itertools.count(1)


def valid_bsn(n: int) -> str:
    """The n-th BSN that passes the 11-test (deterministic, 9 digits)."""
    found = 0
    for candidate in range(100000000 + n * 7919, 999999999):
        digits = [int(c) for c in f"{candidate:09d}"]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            found += 1
            if found == 1:
                return f"{candidate:09d}"
    raise AssertionError("no BSN")


def born_for_age(years: int, months: int = 0, days: int = 0, *, op: dt.date | None = None) -> dt.date:
    """A birth date at which someone is `years` + `months` (+ `days`) old on `op`."""
    op = op or kalender.vandaag()
    return kalender.plus_maanden(op, -(12 * years + months)) - dt.timedelta(days=days)


def citizen(username: str) -> Gebruiker:
    user, _ = Gebruiker.objects.get_or_create(
        username=username, defaults={"soort": GebruikerSoort.BURGER, "first_name": username.title()}
    )
    return user


def as_actor(user: Gebruiker | str) -> Actor:
    if isinstance(user, str):
        user = Gebruiker.objects.get(username=user)
    return build_actor(user, organisatie_uuid=None, ip="127.0.0.1", request_id="test")


def family_in_care(
    *, geboortedatum: dt.date, gemeente: str = "GM0917", by: str = "toegang", with_plan: bool = True
) -> tuple[Gezin, Gezinslid, Gezinslid]:
    """A family (parent + youth) started by a professional; with a plan whose regisseur is them."""
    n = next(_counter)
    gezin = gezinnen_services.gezin_create(
        by=as_actor(by),
        naam=f"Gezin Test {n}",
        gemeente=Gemeente.objects.get(cbs_code=gemeente),
        leden=[
            gezinnen_services.LidInvoer(soort=LidSoort.OUDER, voornaam="Ouder", achternaam=f"T{n}", gezag=True),
            gezinnen_services.LidInvoer(
                soort=LidSoort.JEUGDIGE,
                voornaam=f"Jongere{n}",
                achternaam=f"T{n}",
                bsn=valid_bsn(n),
                geboortedatum=geboortedatum,
            ),
        ],
        doel="Gezinsplan opstellen en uitvoeren",
        einddatum=kalender.vandaag() + dt.timedelta(days=3650),
    )
    if with_plan:
        plan_services.plan_create(gezin=gezin, by=as_actor(by), situatie="", krachten="")
    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    parent = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    return gezin, youth, parent


def give_login(lid: Gezinslid, username: str) -> Gebruiker:
    user = citizen(username)
    lid.gebruiker = user
    lid.save(update_fields=["gebruiker"])
    return user


def network_member(gezin: Gezin, username: str, *, naam: str = "Tante Anna") -> Netwerklid:
    return Netwerklid.objects.create(
        gezin=gezin, naam=naam, relatie=NetwerkRelatie.FAMILIE, ziet_plan=False, gebruiker=citizen(username)
    )


def client_as(user: Gebruiker | str) -> Client:
    if isinstance(user, str):
        user = Gebruiker.objects.get(username=user)
    client = Client()
    client.force_login(user)
    return client
