"""The access-log vocabulary of family experience: an invitation is a person's own page."""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access

from .models import Uitnodiging


class ObjectType(StrEnum):
    UITNODIGING = "ervaring_uitnodiging"


class Segment(StrEnum):
    UITNODIGING = "uitnodiging"
    ANTWOORD = "antwoord"
    CODE = "code zonder inlog"
    CODES = "codes voor gezinsleden"


GRONDSLAG_EIGEN = "eigen uitnodiging"
GRONDSLAG_CODE = "eigen uitnodiging, met persoonlijke code"


def client_id(uitnodiging: Uitnodiging) -> str:
    """The pseudonymous client in the log: the family (so the family's own log lists it)."""
    return str(uitnodiging.gezinslid.gezin.uuid)


def grondslag(actor: Actor, uitnodiging: Uitnodiging) -> str:
    return GRONDSLAG_EIGEN


def met_code(actor: Actor, uitnodiging: Uitnodiging, *, segment: str = Segment.CODE, actie: str = Actie.READ) -> None:
    """Someone without a login opened (or answered) an invitation with its one-time code: the
    page shows the member's first name, so the family's own log lists it."""
    log_access(
        actor,
        actie=actie,
        object_type=ObjectType.UITNODIGING,
        object_id=str(uitnodiging.uuid),
        segment=segment,
        client_id=client_id(uitnodiging),
        grondslag=GRONDSLAG_CODE,
    )
