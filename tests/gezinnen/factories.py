"""factory_boy factories for families: the family, its members, its network and consent.

They write rows directly (no access log, no outbox): a test that is about a service calls the
service; every other test builds its starting point here."""

from __future__ import annotations

import datetime as dt
import random

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jeugdketen.core import kalender
from jeugdketen.gezinnen.models import (
    Gezin,
    Gezinslid,
    LidSoort,
    MandaatGrondslag,
    Netwerklid,
    NetwerkRelatie,
    Toestemming,
    ToestemmingSoort,
)
from tests.conftest import unique_bsn
from tests.organisaties.factories import BurgerFactory, GebruikerFactory, GemeenteFactory, OrganisatieFactory


def born_years_ago(years: int, days: int = 0) -> dt.date:
    """A birth date of someone who turned `years` `days` days ago (the age rule of core.kalender)."""
    return kalender.uiterlijk_geboren(years, kalender.vandaag()) - dt.timedelta(days=days)


class GezinFactory(DjangoModelFactory[Gezin]):
    class Meta:
        model = Gezin

    naam = factory.Sequence(lambda n: f"Gezin Test {n}")
    gemeente = factory.SubFactory(GemeenteFactory)


_BSN_RNG = random.Random(50_000)


class GezinslidFactory(DjangoModelFactory[Gezinslid]):
    """A parent with authority (use JeugdigeFactory for a youth)."""

    class Meta:
        model = Gezinslid

    gezin = factory.SubFactory(GezinFactory)
    soort = LidSoort.OUDER
    voornaam = "Linda"
    achternaam = "Test"
    gezag = True


class JeugdigeFactory(GezinslidFactory):
    """A youth: always with a (fictitious, 11-test valid) BSN and a birth date; 10 by default."""

    class Params:
        leeftijd = 10

    soort = LidSoort.JEUGDIGE
    voornaam = "Kim"
    gezag = False
    bsn = factory.LazyFunction(lambda: unique_bsn(_BSN_RNG))
    geboortedatum = factory.LazyAttribute(lambda o: born_years_ago(o.leeftijd, 30))


class NetwerklidFactory(DjangoModelFactory[Netwerklid]):
    """Someone from the family's network with their own login, who sees the plan."""

    class Meta:
        model = Netwerklid

    gezin = factory.SubFactory(GezinFactory)
    naam = factory.Sequence(lambda n: f"Oma Test {n}")
    relatie = NetwerkRelatie.FAMILIE
    ziet_plan = True
    actief = True
    gebruiker = factory.SubFactory(BurgerFactory)


class ToestemmingFactory(DjangoModelFactory[Toestemming]):
    """Consent in force for an organisation, for half a year (trait `mandaat`: a legal mandate)."""

    class Meta:
        model = Toestemming

    class Params:
        dagen = 180
        mandaat = factory.Trait(
            soort=ToestemmingSoort.MANDAAT, grondslag=MandaatGrondslag.OTS, einddatum=None, doel="Ondertoezichtstelling"
        )

    gezin = factory.SubFactory(GezinFactory)
    soort = ToestemmingSoort.TOESTEMMING
    organisatie = factory.SubFactory(OrganisatieFactory, regio=factory.SelfAttribute("..gezin.gemeente.regio"))
    doel = "Gezinsplan opstellen en uitvoeren"
    ingangsdatum = factory.LazyFunction(kalender.vandaag)
    einddatum = factory.LazyAttribute(lambda o: kalender.vandaag() + dt.timedelta(days=o.dagen))
    actief_sinds = factory.LazyFunction(timezone.now)
    vastgelegd_door = factory.SubFactory(GebruikerFactory)
