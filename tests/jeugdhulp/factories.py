"""factory_boy factories for jeugdhulp tests: organisations with roles, youths, trajectories,
measures, thuiszitters. Build the actors of a test with `actor_van(medewerker)`."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import factory
from django.utils import timezone

from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol
from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort, Productcategorie, ThuiszitterSoort
from jeugdketen.jeugdhulp.models import (
    Levering,
    Maatregel,
    Productcode,
    Thuiszitter,
    Traject,
    Zorgaanbieder,
)
from jeugdketen.organisaties.models import Gebruiker, GebruikerSoort, Gemeente, Medewerker, Organisatie, Regio
from jeugdketen.organisaties.selectors import build_actor
from jeugdketen.personen.models import Jeugdige, Woonplaatsperiode
from tests.conftest import unique_bsn

_bsn_rng = random.Random(20181)


def nieuw_bsn() -> str:
    return unique_bsn(_bsn_rng)


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Testregio {n}")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("cbs_code",)

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{8000 + n:04d}")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = "jeugdhulpaanbieder"


class ZorgaanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zorgaanbieder

    organisatie = factory.SubFactory(OrganisatieFactory, soort="jeugdhulpaanbieder")
    agb_code = factory.Sequence(lambda n: f"{70000000 + n:08d}")


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    soort = GebruikerSoort.MEDEWERKER
    email = factory.LazyAttribute(lambda o: f"{o.username}@test.jeugdketen.nl")


class MedewerkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medewerker

    gebruiker = factory.SubFactory(GebruikerFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.HULPVERLENER


class JeugdigeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jeugdige

    bsn = factory.LazyFunction(nieuw_bsn)
    geboortedatum = dt.date(2012, 5, 17)
    voornamen = factory.Sequence(lambda n: f"Kind{n}")
    achternaam = "Testers"


class WoonplaatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Woonplaatsperiode

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    vanaf = dt.date(2012, 5, 17)


class ProductcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Productcode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"45A{n % 100:02d}")
    categorie = Productcategorie.AMBULANT
    omschrijving = "Ambulante begeleiding"
    hulpvorm = Hulpvorm.AMBULANT


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    aanbieder = factory.LazyAttribute(lambda o: ZorgaanbiederFactory().organisatie)
    toewijzingnummer = factory.Sequence(lambda n: 100000 + n)
    productcategorie = Productcategorie.AMBULANT
    hulpvorm = Hulpvorm.AMBULANT
    toegewezen_op = factory.LazyFunction(timezone.now)
    ingangsdatum = dt.date(2024, 1, 1)


class LeveringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Levering

    traject = factory.SubFactory(TrajectFactory)
    begindatum = factory.LazyAttribute(lambda o: o.traject.ingangsdatum)


class MaatregelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maatregel

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    gi = factory.SubFactory(OrganisatieFactory, soort="gi")
    soort = MaatregelSoort.OTS
    ingangsdatum = dt.date(2024, 1, 1)
    uitspraakdatum = factory.SelfAttribute("ingangsdatum")
    einddatum = dt.date(2024, 12, 31)


class ThuiszitterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thuiszitter

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    school = factory.SubFactory(OrganisatieFactory, soort="school")
    soort = ThuiszitterSoort.RELATIEF
    sinds = dt.date(2024, 1, 8)
    gemeld_door_organisatie = factory.SelfAttribute("school")


def medewerker(
    soort: str, *, gemeente: Gemeente | None = None, regio: Regio | None = None, **kwargs: Any
) -> Medewerker:
    """A professional (hulpverlener) of a new organisation of this kind."""
    regio = regio or (gemeente.regio if gemeente is not None else RegioFactory())
    org = OrganisatieFactory(soort=soort, gemeente=gemeente, regio=regio, **kwargs)
    return MedewerkerFactory(organisatie=org)


def aanbieder(*, regio: Regio | None = None, soort: str = "jeugdhulpaanbieder") -> Medewerker:
    mw = medewerker(soort, regio=regio)
    ZorgaanbiederFactory(organisatie=mw.organisatie)
    return mw


def actor_van(mw: Medewerker | Gebruiker, **kwargs: Any) -> Actor:
    user = mw.gebruiker if isinstance(mw, Medewerker) else mw
    org = mw.organisatie.uuid if isinstance(mw, Medewerker) else None
    return build_actor(user, organisatie_uuid=str(org) if org else None, ip="127.0.0.1", request_id="test")
