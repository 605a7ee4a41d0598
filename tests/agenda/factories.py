"""factory_boy factories for the policy agenda: an agenda with themes, activities with a status
and a budget per year, action lines with their points, and inspraak. Rows are written directly;
a test about a change calls the service, as the page does. The demo's seed agendas come with the
`region` fixture (tests/agenda/conftest.py)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jeugdketen.agenda.models import (
    Actielijn,
    Actielijnpunt,
    Activiteit,
    Activiteitstatus,
    Advies,
    Agenda,
    Budget,
    Thema,
)
from jeugdketen.agenda.regels import AdviesSoort, Adviseur, Puntsoort, Status
from tests.organisaties.factories import RegioFactory


class AgendaFactory(DjangoModelFactory[Agenda]):
    class Meta:
        model = Agenda

    regio = factory.SubFactory(RegioFactory)
    sleutel = factory.Sequence(lambda n: f"test-agenda-{n}")
    titel = factory.Sequence(lambda n: f"Testagenda {n}")
    jaar_van = 2019
    jaar_tot = 2022


class ThemaFactory(DjangoModelFactory[Thema]):
    class Meta:
        model = Thema

    agenda = factory.SubFactory(AgendaFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Testthema {n}")


class ActiviteitFactory(DjangoModelFactory[Activiteit]):
    class Meta:
        model = Activiteit

    thema = factory.SubFactory(ThemaFactory)
    volgorde = factory.Sequence(lambda n: 100 + n)
    activiteit = factory.Sequence(lambda n: f"Testactiviteit {n}")
    beoogd_resultaat = "Minder thuiszitters."


class ActiviteitstatusFactory(DjangoModelFactory[Activiteitstatus]):
    class Meta:
        model = Activiteitstatus

    activiteit = factory.SubFactory(ActiviteitFactory)
    jaar = 2020
    status = Status.LOOPT


class BudgetFactory(DjangoModelFactory[Budget]):
    class Meta:
        model = Budget

    activiteit = factory.SubFactory(ActiviteitFactory)
    jaar = 2020
    bedrag = 1000


class ActielijnFactory(DjangoModelFactory[Actielijn]):
    class Meta:
        model = Actielijn

    agenda = factory.SubFactory(AgendaFactory)
    naam = factory.Sequence(lambda n: f"Actielijn {n}")
    droom = "Alle jeugdigen groeien veilig op."


class ActielijnpuntFactory(DjangoModelFactory[Actielijnpunt]):
    class Meta:
        model = Actielijnpunt

    actielijn = factory.SubFactory(ActielijnFactory)
    soort = Puntsoort.DOEL
    tekst = "Minder thuiszitters dan in 2018."
    indicator = "thuiszitters"


class AdviesFactory(DjangoModelFactory[Advies]):
    class Meta:
        model = Advies

    agenda = factory.SubFactory(AgendaFactory)
    soort = AdviesSoort.GEVRAAGD
    van = Adviseur.JONGERENPANEL
    datum = factory.Faker("date_between", start_date="-2y", end_date="today")
    onderwerp = factory.Sequence(lambda n: f"Advies {n}")
    advies = "Vraag ons eerder."
