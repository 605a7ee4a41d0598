"""The access-log vocabulary of family experience: an invitation is a person's own page."""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor

from .models import Uitnodiging


class ObjectType(StrEnum):
    UITNODIGING = "ervaring_uitnodiging"


class Segment(StrEnum):
    UITNODIGING = "uitnodiging"
    ANTWOORD = "antwoord"


GRONDSLAG_EIGEN = "eigen uitnodiging"


def client_id(uitnodiging: Uitnodiging) -> str:
    """The pseudonymous client in the log: the family (so the family's own log lists it)."""
    return str(uitnodiging.gezinslid.gezin.uuid)


def grondslag(actor: Actor, uitnodiging: Uitnodiging) -> str:
    return GRONDSLAG_EIGEN
