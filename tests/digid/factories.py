"""factory_boy factories for families and members in the DigiD tests."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.organisaties.models import Gemeente


def valid_bsn(n: int) -> str:
    """The n-th of a row of fictitious BSNs (999 range) that pass the 11-test."""
    for body in (99980000 + 2 * n, 99980000 + 2 * n + 1):  # one of two neighbours always has a check digit
        digits = str(body)
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return digits + str(check)
    raise AssertionError("unreachable")


def born_years_ago(years: int, days: int = 30) -> dt.date:
    return regels.geboren_uiterlijk(years, regels.vandaag()) - dt.timedelta(days=days)


class GezinFactory(DjangoModelFactory):
    class Meta:
        model = Gezin

    naam = factory.Sequence(lambda n: f"Gezin Proef {n}")
    gemeente = factory.LazyFunction(lambda: Gemeente.objects.get(cbs_code="GM0917"))


class GezinslidFactory(DjangoModelFactory):
    """A parent by default; `GezinslidFactory(jeugdige=True, leeftijd=13)` for a youth of 13."""

    class Meta:
        model = Gezinslid
        exclude = ("leeftijd",)

    class Params:
        jeugdige = factory.Trait(soort=LidSoort.JEUGDIGE)

    gezin = factory.SubFactory(GezinFactory)
    soort = LidSoort.OUDER
    voornaam = factory.Iterator(["Sanne", "Mila", "Noah", "Bram"])
    achternaam = "Proef"
    bsn = factory.Sequence(valid_bsn)
    gezag = factory.LazyAttribute(lambda o: o.soort != LidSoort.JEUGDIGE)
    leeftijd = 40
    geboortedatum = factory.LazyAttribute(lambda o: born_years_ago(o.leeftijd))
