"""Shared steps of the crisis tests: a report through the service, as the demo crisis worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jeugdketen.core.access import Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.crisis import services
from jeugdketen.crisis.logevents import Segment
from jeugdketen.crisis.models import Crisiscasus, Gevaar, Kanaal, MelderRelatie, MelderSoort
from tests.conftest import actor
from tests.crisis.factories import gemeente

__all__ = ["actor", "melding", "moment", "overdracht", "triage", "wijzig"]


def wijzig(casus: Crisiscasus, who: str = "crisisdienst") -> Toegang[Crisiscasus]:
    """The case as a page posted by `who` fetches it for a change (what the services receive)."""
    return fetch(actor(who), Crisiscasus, uuid=casus.uuid, segment=Segment.SCHRIJVEN, actie=Actie.UPDATE)


def melding(*, ontvangen: dt.datetime | None = None, cbs: str = "GM0917", bsn: str = "", **extra: Any) -> Crisiscasus:
    kwargs: dict[str, Any] = {
        "by": actor("crisisdienst"),
        "ontvangen_op": ontvangen or timezone.now(),
        "kanaal": Kanaal.TELEFOON,
        "melder_soort": MelderSoort.BURGER,
        "melder_relatie": MelderRelatie.OUDER,
        "gemeente": gemeente(cbs),
        "wat_speelt": "Ernstige ruzie, de jongere is weggelopen.",
        "gevaar": Gevaar.HOOG,
        "jeugdigen": [services.JeugdigeInvoer(voornaam="Sem", leeftijd=15, bsn=bsn)],
    }
    kwargs.update(extra)
    return services.melding_vastleggen(**kwargs)


def triage(casus: Crisiscasus, aanpak: str, *, tijdstip: dt.datetime | None = None, ter_plaatse: bool = False) -> Any:
    return services.triage_vastleggen(
        toegang=wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        tijdstip=tijdstip or casus.ontvangen_op,
        aanpak=aanpak,
        deelnemers="Esther (crisisdienst), Mark (GGZ)",
        ggz=True,
        lvb=False,
        ter_plaatse_nodig=ter_plaatse,
    )


def moment(casus: Crisiscasus, soort: str, tijdstip: dt.datetime, **extra: Any) -> Any:
    who = extra.pop("by", "crisisdienst")
    return services.moment_vastleggen(
        toegang=wijzig(casus, who), by=actor(who), soort=soort, tijdstip=tijdstip, **extra
    )


def overdracht(casus: Crisiscasus, **extra: Any) -> Any:
    """A hand-over without the family's consent (to the access team), unless `extra` says otherwise."""
    kwargs: dict[str, Any] = {
        "toegang": wijzig(casus),
        "by": actor("crisisdienst"),
        "toestemming_gezin": False,
        "besluit": "Hulp thuis gaat door.",
        "volgende_stap": "Het toegangsteam belt deze week.",
        "contact_naam": "Sanne",
        "contact_telefoon": "045-5603000",
        "afspraken": [],
    }
    kwargs.update(extra)
    return services.overdracht_vastleggen(**kwargs)
