"""factory_boy factories for crisis tests. They build on the demo region (the `region` fixture):
the crisis service `crisisdienst` and the municipalities of Parkstad."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jeugdketen.core.rollen import Rol
from jeugdketen.crisis import services
from jeugdketen.crisis.models import (
    Aanpak,
    Crisiscasus,
    CrisisJeugdige,
    Gevaar,
    Kanaal,
    MelderRelatie,
    MelderSoort,
    Moment,
)
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie, OrganisatieSoort, Regio

CRISISDIENST = "Integrale Crisisdienst Jeugd Zuid-Limburg"


def crisisdienst() -> Organisatie:
    return Organisatie.objects.get(naam=CRISISDIENST)


def gemeente(cbs: str = "GM0917") -> Gemeente:
    return Gemeente.objects.get(cbs_code=cbs)


class GebruikerFactory(DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"crisis-test-{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.jeugdketen.nl")


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    regio = factory.LazyFunction(lambda: Regio.objects.get(naam="Parkstad"))
    naam = factory.Sequence(lambda n: f"Testorganisatie {n}")
    soort = OrganisatieSoort.TOEGANG
    gemeente = None


class MedewerkerFactory(DjangoModelFactory):
    """A professional: `MedewerkerFactory(organisatie=..., rol=Rol.TRIAGE)`."""

    class Meta:
        model = Medewerker

    gebruiker = factory.SubFactory(GebruikerFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.HULPVERLENER


class CrisiscasusFactory(DjangoModelFactory):
    """A report of the demo crisis service; its norm clocks are derived after creation.
    `jongeren=2` gives two youths; `aanpak=...` records a triage at the report's time."""

    class Meta:
        model = Crisiscasus

    organisatie = factory.LazyFunction(crisisdienst)
    regio = factory.SelfAttribute("organisatie.regio")
    ontvangen_op = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0))
    kanaal = Kanaal.TELEFOON
    melder_soort = MelderSoort.BURGER
    melder_relatie = MelderRelatie.OUDER
    melder_naam = "Moeder"
    gemeente = factory.LazyFunction(gemeente)
    verantwoordelijke_gemeente = factory.SelfAttribute("gemeente")
    wat_speelt = "Ruzie thuis, de jongere is weggelopen en dreigt zichzelf iets aan te doen."
    gevaar = Gevaar.HOOG
    vastgelegd_door = factory.LazyFunction(lambda: Gebruiker.objects.get(username="crisisdienst"))
    casushouder = factory.SelfAttribute("vastgelegd_door")
    aanpak = ""

    @factory.post_generation
    def jongeren(obj: Crisiscasus, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        for i in range(extracted if extracted is not None else 1):
            CrisisJeugdigeFactory(casus=obj, voornaam=f"Jongere{i + 1}")

    @factory.post_generation
    def triage(obj: Crisiscasus, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if obj.aanpak:
            obj.triage_op = obj.ontvangen_op
            obj.triage_deelnemers = "crisisdienst, GGZ"
            obj.triage_ggz = True
            obj.save(update_fields=["triage_op", "triage_deelnemers", "triage_ggz"])
        services.klokken_bijwerken(obj)


class CrisisJeugdigeFactory(DjangoModelFactory):
    class Meta:
        model = CrisisJeugdige

    casus = factory.SubFactory(CrisiscasusFactory)
    voornaam = "Sem"
    achternaam = "Test"
    leeftijd_schatting = 15


class MomentFactory(DjangoModelFactory):
    """A moment recorded directly (tests of clocks and figures); call services.klokken_bijwerken after."""

    class Meta:
        model = Moment

    casus = factory.SubFactory(CrisiscasusFactory, aanpak=Aanpak.BEIDE)
    soort = "gestabiliseerd"
    tijdstip = factory.LazyAttribute(lambda m: m.casus.ontvangen_op + dt.timedelta(hours=1))
    vastgelegd_door = factory.SelfAttribute("casus.casushouder")
    vastgelegd_door_naam = "Esther Lemmens"
