"""factory_boy factories for the verwijsindex.

A registration is made through `melding_registreren` (`RegistratieFactory`): matching, the match
signals, the counters and the logbook are what the index is, so no test builds a registration
that skipped them. The demo logins (`region` fixture) register; organisations and people a test
needs beyond those come from tests/organisaties/factories.py.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import factory

from jeugdketen.core.access import Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gebruiker, Organisatie, OrganisatieSoort
from jeugdketen.verwijsindex.models import Match, Melding
from jeugdketen.verwijsindex.services import Identificatie, Registratie, melding_registreren
from tests.conftest import actor, unique_bsn
from tests.organisaties.factories import GebruikerFactory, MedewerkerFactory, OrganisatieFactory, RegioFactory

_RNG = random.Random(7)


def new_bsn() -> str:
    """A fictitious BSN that passes the 11-test, different on every call."""
    return unique_bsn(_RNG)


class RegistratieFactory(factory.Factory[Registratie]):
    """A registration by a demo login's organisation, through the service (idempotent per youth
    and organisation, like the index). `RegistratieFactory(door="school", bsn=bsn)`; without a BSN:
    `bsn="", achternaam="Janssen", geslacht="v"`."""

    class Meta:
        model = Registratie

    door = "toegang"
    bsn = factory.LazyFunction(new_bsn)
    geboortedatum = date(2012, 5, 1)
    achternaam = ""
    geslacht = ""

    @classmethod
    def _create(cls, model_class: type[Registratie], *args: Any, **kwargs: Any) -> Registratie:
        door = kwargs.pop("door")
        return melding_registreren(
            actor=actor(door),
            identificatie=Identificatie(**kwargs),
            melder=Gebruiker.objects.get(username=door),
        )


def toegang(username: str, obj: Melding | Match, *, segment: str, actie: str = Actie.UPDATE) -> Toegang[Any]:
    """A demo login's access to a registration or match, as a page fetches it before a change."""
    return fetch(actor(username), type(obj), uuid=obj.uuid, segment=segment, actie=actie)


def functioneel_beheer_elders(username: str = "fb-elders") -> Gebruiker:
    """A functional manager of another region (with its own management organisation)."""
    organisatie = OrganisatieFactory(
        regio=RegioFactory(naam="Zuid-Kennemerland"), naam="Beheer Kennemerland", soort=OrganisatieSoort.REGIO_BEHEER
    )
    medewerker = MedewerkerFactory(
        gebruiker=GebruikerFactory(username=username), organisatie=organisatie, rol=Rol.FUNCTIONEEL_BEHEER
    )
    return medewerker.gebruiker


def organisatie(naam_begint_met: str) -> Organisatie:
    """A demo organisation by the start of its name."""
    return Organisatie.objects.get(naam__startswith=naam_begint_met)
