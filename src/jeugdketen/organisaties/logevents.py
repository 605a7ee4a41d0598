"""The access-log vocabulary of logging in: the session as the object, the factor as the segment."""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie, Uitkomst
from jeugdketen.core.toegangslog import log_access, log_attempt

OBJECT_SESSIE = "sessie"
GRONDSLAG_INLOGGEN = "inloggen"


class Segment(StrEnum):
    WACHTWOORD = "wachtwoord"
    TWEEDE_FACTOR = "tweede_factor"


def login_succeeded(actor: Actor, *, segment: Segment) -> None:
    log_access(actor, actie=Actie.LOGIN, object_type=OBJECT_SESSIE, segment=segment, grondslag=GRONDSLAG_INLOGGEN)


def login_failed(actor: Actor, *, segment: Segment) -> None:
    """A wrong password or code: kept also when the request's work is rolled back."""
    log_attempt(actor, uitkomst=Uitkomst.FAILURE, actie=Actie.LOGIN, object_type=OBJECT_SESSIE, segment=segment)
