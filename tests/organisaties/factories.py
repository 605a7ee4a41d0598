"""factory_boy factories for organisations, municipalities and the people who log in.

Tests that need the demo logins (every role, the documented names) use the `region` fixture;
everything a test builds for itself comes from these factories."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import (
    Gebruiker,
    GebruikerSoort,
    Gemeente,
    Medewerker,
    Organisatie,
    OrganisatieSoort,
    Regio,
)

PASSWORD = "een-lang-test-wachtwoord-42"  # noqa: S105 - the password of every factory login


class RegioFactory(DjangoModelFactory[Regio]):
    class Meta:
        model = Regio
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Testregio {n}")


class GemeenteFactory(DjangoModelFactory[Gemeente]):
    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")


class OrganisatieFactory(DjangoModelFactory[Organisatie]):
    class Meta:
        model = Organisatie

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Testorganisatie {n}")
    soort = OrganisatieSoort.TOEGANG


class GebruikerFactory(DjangoModelFactory[Gebruiker]):
    """A professional's login (add a MedewerkerFactory for their role in an organisation)."""

    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"testgebruiker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.jeugdketen.nl")
    soort = GebruikerSoort.MEDEWERKER
    password = factory.django.Password(PASSWORD)


class BurgerFactory(GebruikerFactory):
    """A citizen's login (a parent, a youth or someone from the family's network)."""

    username = factory.Sequence(lambda n: f"testburger{n}")
    soort = GebruikerSoort.BURGER


class MedewerkerFactory(DjangoModelFactory[Medewerker]):
    """A professional's role in one organisation (by default a care professional)."""

    class Meta:
        model = Medewerker

    gebruiker = factory.SubFactory(GebruikerFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.HULPVERLENER
