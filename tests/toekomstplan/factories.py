"""factory_boy factories for the toekomstplan, and the starting points its tests share.

The demo logins (`region` fixture) are the professionals; families, youths, citizens' logins,
plans, catalogue items and progress are built here (families with tests/gezinnen/factories.py,
the family plan with tests/gezinsplan/factories.py). Rows are written directly: a test about a
service calls the service, as a page would (`toegang()` first, the way a page fetches the plan).
"""

from __future__ import annotations

import datetime as dt

import factory
from django.test import Client
from factory.django import DjangoModelFactory

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.gezinnen.models import Gezin, Gezinslid, Netwerklid
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Organisatie
from jeugdketen.organisaties.selectors import build_actor
from jeugdketen.personen import services as personen
from jeugdketen.toekomstplan.logevents import Segment
from jeugdketen.toekomstplan.models import Onderdeel, Onderwerp, Planonderdeel, Status, Toekomstplan
from tests.gezinnen.factories import (
    GezinFactory,
    GezinslidFactory,
    JeugdigeFactory,
    NetwerklidFactory,
    ToestemmingFactory,
)
from tests.gezinnen.helpers import denied_logged
from tests.gezinsplan.factories import GezinsplanFactory
from tests.organisaties.factories import BurgerFactory

__all__ = ["denied_logged"]


def born_for_age(years: int, months: int = 0, days: int = 0, *, op: dt.date | None = None) -> dt.date:
    """A birth date at which someone is `years` + `months` (+ `days`) old on `op`."""
    op = op or kalender.vandaag()
    return kalender.plus_maanden(op, -(12 * years + months)) - dt.timedelta(days=days)


def as_actor(user: Gebruiker | str) -> Actor:
    if isinstance(user, str):
        user = Gebruiker.objects.get(username=user)
    return build_actor(user, organisatie_uuid=None, ip="127.0.0.1", request_id="test")


def client_as(user: Gebruiker | str) -> Client:
    if isinstance(user, str):
        user = Gebruiker.objects.get(username=user)
    client = Client()
    client.force_login(user)
    return client


def family_in_care(
    *, geboortedatum: dt.date, gemeente: str = "GM0917", by: str = "toegang", with_plan: bool = True
) -> tuple[Gezin, Gezinslid, Gezinslid]:
    """A family (a parent and a youth born on `geboortedatum`) that gave the organisation of the demo
    login `by` consent; with a family plan whose regisseur is `by` (a youth "in care"), unless not."""
    professional = Gebruiker.objects.get(username=by)
    organisatie = Organisatie.objects.get(uuid=as_actor(professional).organisatie_id)
    gezin = GezinFactory(gemeente=Gemeente.objects.get(cbs_code=gemeente))
    n = gezin.pk
    parent = GezinslidFactory(gezin=gezin, voornaam="Ouder", achternaam=f"T{n}")
    youth = JeugdigeFactory(gezin=gezin, voornaam=f"Jongere{n}", achternaam=f"T{n}", geboortedatum=geboortedatum)
    ToestemmingFactory(gezin=gezin, organisatie=organisatie, gegeven_door=parent, dagen=3650)
    if with_plan:
        GezinsplanFactory(gezin=gezin, regisseur_medewerker=professional, regisseur_organisatie=organisatie)
        _in_care(youth)
    return gezin, youth, parent


def _in_care(youth: Gezinslid) -> None:
    """The youth's person record with youth care assigned (what makes a youth "in care")."""
    from tests.jeugdhulp.factories import TrajectFactory

    persoon = youth.persoon or personen.jeugdige_vastleggen(
        bsn=youth.bsn,
        geboortedatum=youth.geboortedatum,
        achternaam=youth.achternaam,  # type: ignore[arg-type]
    )
    Gezinslid.objects.filter(pk=youth.pk).update(persoon=persoon)
    youth.persoon = persoon
    TrajectFactory(jeugdige=persoon, gemeente=youth.gezin.gemeente)


def give_login(lid: Gezinslid, username: str) -> Gebruiker:
    """The member logs in as `username` (a citizen's login)."""
    user = BurgerFactory(username=username, first_name=username.title())
    lid.gebruiker = user
    lid.save(update_fields=["gebruiker"])
    return user


def network_member(gezin: Gezin, username: str, *, naam: str = "Tante Anna") -> Netwerklid:
    """Someone of the family's network with an own login, who does not see the family plan."""
    return NetwerklidFactory(gezin=gezin, naam=naam, ziet_plan=False, gebruiker=BurgerFactory(username=username))


class ToekomstplanFactory(DjangoModelFactory[Toekomstplan]):
    """A youth's plan (of a youth of 17 in a family in care, by default), linked to the family plan."""

    class Meta:
        model = Toekomstplan

    jeugdige = factory.LazyFunction(lambda: family_in_care(geboortedatum=born_for_age(17))[1])
    gezin = factory.SelfAttribute("jeugdige.gezin")
    gezinsplan = factory.LazyAttribute(lambda o: Gezinsplan.objects.filter(gezin=o.gezin).first())
    aangemaakt_door = factory.LazyAttribute(lambda o: o.jeugdige.gebruiker or Gebruiker.objects.get(username="toegang"))


class OnderdeelFactory(DjangoModelFactory[Onderdeel]):
    """An item of the region's catalogue (in the topic `werk`, unless given)."""

    class Meta:
        model = Onderdeel

    onderwerp = factory.LazyFunction(lambda: Onderwerp.objects.get(sleutel="werk"))
    sleutel = factory.Sequence(lambda n: f"test-onderdeel-{n}")
    titel = factory.Sequence(lambda n: f"Testonderdeel {n}")
    uitleg = "Wat je hier regelt, in eenvoudige taal."


class PlanonderdeelFactory(DjangoModelFactory[Planonderdeel]):
    """Progress on one item of one plan."""

    class Meta:
        model = Planonderdeel

    plan = factory.SubFactory(ToekomstplanFactory)
    onderdeel = factory.SubFactory(OnderdeelFactory)
    status = Status.BEZIG


def toegang(
    who: Gebruiker | str, plan: Toekomstplan, *, segment: Segment, actie: str = Actie.UPDATE
) -> Toegang[Toekomstplan]:
    """The plan as a page fetches it for `who` before a change (one log entry, with their role)."""
    return fetch(as_actor(who), Toekomstplan, uuid=plan.uuid, segment=segment, actie=actie)
