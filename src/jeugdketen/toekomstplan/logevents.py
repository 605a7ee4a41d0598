"""The toekomstplan's access-log vocabulary: object types, segments, how the youth and the basis of
access are named in the log, and one function per event that is not a plain `core.access.fetch`.

A page or a change of a plan is logged by its fetch (one entry: the segment says which part, the
action whether it was read, changed or exported). What is logged here: a plan started, a list of
plans shown, a watch list searched.
"""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen import selectors as gezinnen

from .models import Toekomstplan


class ObjectType(StrEnum):
    TOEKOMSTPLAN = "toekomstplan"
    SIGNALEN = "toekomstplan_signalen"


class Segment(StrEnum):
    TOEKOMSTPLAN = "toekomstplan"
    LIJST = "lijst"
    STARTEN = "starten"
    ONDERWERPEN = "onderwerpen"
    ONDERDELEN = "onderdelen"
    ASSISTENT = "assistent"
    DELEN = "delen"
    PDF = "pdf"
    GEGEVENS = "gegevens"
    TOEGANGSLOG = "toegangslog"
    SIGNALEN = "signalen"


# The watch lists are searched under the municipality's legal task, not under a family's consent.
GRONDSLAG_SIGNALEN = "wettelijke taak gemeente (Jeugdwet art. 2.3): toekomstplan voor 18"


def client_id(plan: Toekomstplan) -> str:
    """The pseudonymous client in the access log: the youth (their Gezinslid uuid, never a BSN)."""
    return str(plan.jeugdige.uuid)


def grondslag(actor: Actor, plan: Toekomstplan) -> str:
    """The basis of this access: the youth's own plan, the assistant they chose, the parents' age
    rule or sharing, or for a professional the family's consent or mandate (annotated by the scope)."""
    if actor.is_burger:
        if plan.jeugdige.gebruiker_id == actor.user_pk:
            return "eigen toekomstplan"
        if plan.assistent is not None and plan.assistent.gebruiker_id == actor.user_pk:
            return "assistent gekozen door de jongere"
        return "ouder: leeftijdsregel of gedeeld door de jongere"
    return gezinnen.grondslag(actor, plan)


def plan_started(actor: Actor, plan: Toekomstplan) -> None:
    log_access(
        actor,
        actie=Actie.CREATE,
        object_type=ObjectType.TOEKOMSTPLAN,
        object_id=str(plan.uuid),
        segment=Segment.TOEKOMSTPLAN,
        client_id=client_id(plan),
        grondslag=grondslag(actor, plan),
    )


def plans_listed(actor: Actor) -> None:
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.TOEKOMSTPLAN, segment=Segment.LIJST, client_id="-")


def watch_list_searched(actor: Actor, *, lijst: str) -> None:
    """One page of a watch list (the segment is the list's name: zonder_plan, voor_18_open, ...)."""
    log_access(
        actor,
        actie=Actie.SEARCH,
        object_type=ObjectType.SIGNALEN,
        segment=lijst,
        client_id="-",
        grondslag=GRONDSLAG_SIGNALEN,
    )
