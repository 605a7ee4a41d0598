"""The family plan's access-log vocabulary: object types, segments, and one function per event that
is not a plain `core.access.fetch`.

A plan page or a change of a plan is logged by its fetch (one entry: the segment says which page
or part, the action whether it was read, changed, printed or exported). What is logged here: a
plan started, the list of plans shown. The stored values are the log's history: a name may
change, its value not.
"""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen import selectors as gezinnen

from .models import Gezinsplan


class ObjectType(StrEnum):
    GEZINSPLAN = "gezinsplan"
    REACTIE = "reactie"


class Segment(StrEnum):
    GEZINSPLAN = "gezinsplan"
    LIJST = "lijst"
    AANMAKEN = "aanmaken"
    WIJZIGEN = "wijzigen"
    REGIE = "regie"
    INSTEMMING = "instemming"
    REACTIE = "reactie"
    BIJEENKOMST = "bijeenkomst"
    EVALUATIE = "evaluatie"
    VERSIES = "versies"
    AFDRUKKEN = "afdrukken"
    PDF = "pdf"
    API_WIJZIGEN = "api wijzigen"
    # The demo data's changes, made through the services like a page would.
    DEMO = "demo"


def plan_started(actor: Actor, plan: Gezinsplan, *, grondslag: str) -> None:
    log_access(
        actor,
        actie=Actie.CREATE,
        object_type=ObjectType.GEZINSPLAN,
        object_id=str(plan.uuid),
        segment=Segment.GEZINSPLAN,
        client_id=gezinnen.client_id(plan.gezin),
        grondslag=grondslag,
    )


def plans_listed(actor: Actor) -> None:
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.GEZINSPLAN, segment=Segment.LIJST)
