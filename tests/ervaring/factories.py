"""factory_boy factories for family experience: an invitation (of a member with or without a
login) and an answer (scores apart from the person, as `services.antwoord_geven` stores them)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from jeugdketen.ervaring.models import Antwoord, Uitnodiging
from tests.gezinnen.factories import GezinslidFactory


class UitnodigingFactory(DjangoModelFactory[Uitnodiging]):
    """An open invitation of a parent after an evaluation today (without a login unless given)."""

    class Meta:
        model = Uitnodiging

    gezinslid = factory.SubFactory(GezinslidFactory)
    gebruiker = factory.LazyAttribute(lambda o: o.gezinslid.gebruiker)
    gemeente = factory.LazyAttribute(lambda o: o.gezinslid.gezin.gemeente)
    evaluatie_datum = factory.LazyFunction(dt.date.today)


class AntwoordFactory(DjangoModelFactory[Antwoord]):
    """An answer of one family member: every core value 4 unless given, no remark."""

    class Meta:
        model = Antwoord

    gemeente = factory.SubFactory("tests.organisaties.factories.GemeenteFactory")
    jaar = factory.LazyFunction(lambda: dt.date.today().year)
    luister = 4
    eerlijk = 4
    oordeel = 4
    mogelijkheden = 4
    kiezen = 4
    naast = 4
    opmerking = ""
