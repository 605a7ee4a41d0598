"""factory_boy factories for the monitor: population figures (the denominators), entered 2018
baselines, the region's settings and facts (for page tests that need many figures without a
computation). Rows are written directly; a test about the computation calls `berekening.bereken`
on data built with the other apps' factories."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jeugdketen.monitor.models import REGIO, Basiswaarde, Bevolking, Feit, Leeftijdsklasse, Monitorinstelling
from tests.organisaties.factories import GemeenteFactory, RegioFactory


class BevolkingFactory(DjangoModelFactory[Bevolking]):
    """The population of one municipality, year and CBS age band (1,000 under-12s by default)."""

    class Meta:
        model = Bevolking
        django_get_or_create = ("gemeente", "jaar", "leeftijd")

    gemeente = factory.SubFactory(GemeenteFactory)
    jaar = 2018
    leeftijd = Leeftijdsklasse.K0_11
    aantal = 1000
    bron = "CBS StatLine (test)"


def bevolking(gemeente: object, *, jaar: int = 2018, k0_11: int, k12_17: int, k18_22: int) -> None:
    """A municipality's three age bands in one call."""
    for band, aantal in (
        (Leeftijdsklasse.K0_11, k0_11),
        (Leeftijdsklasse.K12_17, k12_17),
        (Leeftijdsklasse.K18_22, k18_22),
    ):
        BevolkingFactory(gemeente=gemeente, jaar=jaar, leeftijd=band, aantal=aantal)


class BasiswaardeFactory(DjangoModelFactory[Basiswaarde]):
    """A 2018 baseline entered by policy staff (for the region total, by default)."""

    class Meta:
        model = Basiswaarde

    regio = factory.SubFactory(RegioFactory)
    gebied = REGIO
    indicator = "verwijsindex_gebruik"
    waarde = 24
    bron = "Jaarverslag 2018"


class MonitorinstellingFactory(DjangoModelFactory[Monitorinstelling]):
    class Meta:
        model = Monitorinstelling
        django_get_or_create = ("regio",)

    regio = factory.SubFactory(RegioFactory)
    drempel = 10


class FeitFactory(DjangoModelFactory[Feit]):
    """One fact as the computation would write it (a count of 25 over 1,000 for the region)."""

    class Meta:
        model = Feit

    indicator = "jeugdhulp_pct"
    regio = factory.SubFactory(RegioFactory)
    gebied = REGIO
    gebied_naam = factory.LazyAttribute(lambda o: o.regio.naam)
    jaar = 2024
    kwartaal = 0
    teller = 25
    noemer = 1000
    waarde = factory.LazyAttribute(lambda o: o.teller / o.noemer * 100 if o.noemer else o.teller)
    basis = factory.LazyAttribute(lambda o: int(o.noemer) if o.noemer is not None else int(o.teller))
    berekend_op = factory.LazyFunction(timezone.now)
