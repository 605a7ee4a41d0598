"""factory_boy factories for the family plan: a plan with its first version and regie period,
and further versions with goals and agreements (for tests whose data must grow)."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jeugdketen.gezinnen.models import Gezinslid
from jeugdketen.gezinsplan.models import (
    Afspraak,
    Doel,
    Gezinsplan,
    Levensgebied,
    Planversie,
    Regieperiode,
    eerste_open_deadline,
)
from tests.gezinnen.factories import GezinFactory
from tests.organisaties.factories import GebruikerFactory, OrganisatieFactory


class GezinsplanFactory(DjangoModelFactory[Gezinsplan]):
    """A plan in a professional's regie with its first version (by default "Zorgen over
    school." and "Oma helpt."; other texts: `eerste_versie__situatie=...`)."""

    class Meta:
        model = Gezinsplan
        skip_postgeneration_save = True

    gezin = factory.SubFactory(GezinFactory)
    regisseur_medewerker = factory.SubFactory(GebruikerFactory)
    regisseur_organisatie = factory.SubFactory(
        OrganisatieFactory, regio=factory.SelfAttribute("..gezin.gemeente.regio")
    )
    versie = 0

    @factory.post_generation
    def eerste_versie(self, create: bool, extracted: Any, **velden: Any) -> None:
        if not create:
            return
        assert self.regisseur_medewerker is not None and self.regisseur_organisatie is not None
        Regieperiode.objects.create(
            plan=self,
            medewerker=self.regisseur_medewerker,
            organisatie=self.regisseur_organisatie,
            naam=f"{self.regisseur_medewerker.weergavenaam} ({self.regisseur_organisatie.naam})",
            van=timezone.now(),
            reden="Plan gestart",
            overgedragen_door=self.regisseur_medewerker,
        )
        velden.setdefault("situatie", "Zorgen over school.")
        velden.setdefault("krachten", "Oma helpt.")
        velden.setdefault("volgende_evaluatie", self.volgende_evaluatie)
        nieuwe_versie(self, **velden)


class PlanversieFactory(DjangoModelFactory[Planversie]):
    class Meta:
        model = Planversie

    plan = factory.SubFactory(GezinsplanFactory)
    nummer = factory.LazyAttribute(lambda o: o.plan.versie + 1)
    auteur = factory.LazyAttribute(lambda o: o.plan.regisseur_medewerker)
    auteur_naam = factory.LazyAttribute(lambda o: o.auteur.weergavenaam)


class DoelFactory(DjangoModelFactory[Doel]):
    class Meta:
        model = Doel

    levensgebied = Levensgebied.SCHOOL_WERK
    voor_wie = "Kim"
    resultaat = factory.Sequence(lambda n: f"Doel {n}")
    volgorde = factory.Sequence(lambda n: n)


class AfspraakFactory(DjangoModelFactory[Afspraak]):
    """An agreement carried out by a family member (pass `wie_gezinslid`)."""

    class Meta:
        model = Afspraak

    wat = factory.Sequence(lambda n: f"Afspraak {n}")
    wie_naam = factory.LazyAttribute(lambda o: o.wie_gezinslid.naam)
    volgorde = factory.Sequence(lambda n: n)


def nieuwe_versie(
    plan: Gezinsplan, *, doelen: int = 0, afspraken: int = 0, wie: Gezinslid | None = None, **velden: Any
) -> Planversie:
    """The plan's next version, made current, with `doelen` goals and `afspraken` agreements
    (carried out by `wie`, by default the family's first parent)."""
    versie = PlanversieFactory(plan=plan, **velden)
    DoelFactory.create_batch(doelen, versie=versie)
    if afspraken:
        wie = wie or Gezinslid.objects.filter(gezin_id=plan.gezin_id).exclude(soort="jeugdige").first()
        AfspraakFactory.create_batch(afspraken, versie=versie, wie_gezinslid=wie)
    Gezinsplan.objects.filter(pk=plan.pk).update(versie=versie.nummer, huidige_versie=versie)
    Gezinsplan.objects.filter(pk=plan.pk).update(eerste_open_deadline=eerste_open_deadline())
    plan.versie, plan.huidige_versie = versie.nummer, versie
    return versie
