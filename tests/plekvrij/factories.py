"""factory_boy factories for plekvrij test data (on top of the demo region fixture)."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jeugdketen.organisaties.models import Gemeente, Organisatie, Regio
from jeugdketen.plekvrij.models import Hulpaanbod, Locatie, Plek, Soort, Zoekopdracht

AANBIEDER = "Jeugdhulp Parkstad"  # the organisation of the `aanbieder` demo login
ANDER_AANBIEDER = "Pleegzorg Zuid-Limburg"  # a provider without a demo login


def organisatie(naam: str = AANBIEDER) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def gemeente(cbs_code: str = "GM0917") -> Gemeente:
    return Gemeente.objects.get(cbs_code=cbs_code)


class LocatieFactory(DjangoModelFactory):
    class Meta:
        model = Locatie

    organisatie = factory.LazyFunction(organisatie)
    naam = factory.Sequence(lambda n: f"Testlocatie {n}")
    gemeente = factory.LazyFunction(gemeente)
    telefoon = "045-1234567"


class PlekFactory(DjangoModelFactory):
    class Meta:
        model = Plek

    locatie = factory.SubFactory(LocatieFactory)
    soort = Soort.LEEFGROEP
    naam = factory.Sequence(lambda n: f"Testgroep {n}")
    leeftijd_van = 0
    leeftijd_tot = 17
    gecontracteerd = 4
    buiten_gebruik = 0
    bezet = 2
    bijgewerkt_op = factory.LazyFunction(timezone.now)
    bijgewerkt_door_naam = "Test"

    @factory.post_generation
    def specialismen(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.specialismen.set(extracted)  # type: ignore[attr-defined]


class HulpaanbodFactory(DjangoModelFactory):
    class Meta:
        model = Hulpaanbod

    regio = factory.LazyFunction(lambda: Regio.objects.get(naam="Parkstad"))
    aanbieder = factory.LazyFunction(organisatie)
    titel = factory.Sequence(lambda n: f"Testaanbod {n}")
    categorie = "opvoeden"
    toegankelijkheid = "vrij"
    samenvatting = "Hulp bij opvoeden."
    voor_wie = "Ouders."
    hoe = "Bel ons."
    waar = "Heerlen"
    volgende_stap = "Bel het CJG."
    bijgewerkt_op = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.gemeenten.set(extracted)  # type: ignore[attr-defined]


class ZoekopdrachtFactory(DjangoModelFactory):
    class Meta:
        model = Zoekopdracht

    soort = Soort.GEZINSHUIS

    @factory.post_generation
    def specialismen(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.specialismen.set(extracted)  # type: ignore[attr-defined]
