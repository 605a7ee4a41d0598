"""The access-log vocabulary of logging in with DigiD: the session as the object (as for the
password login, `organisaties.logevents`), DigiD as the segment."""

from __future__ import annotations

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie, Uitkomst
from jeugdketen.core.toegangslog import log_access, log_attempt
from jeugdketen.organisaties.logevents import GRONDSLAG_INLOGGEN, OBJECT_SESSIE

SEGMENT_DIGID = "digid"


def login_succeeded(actor: Actor) -> None:
    log_access(actor, actie=Actie.LOGIN, object_type=OBJECT_SESSIE, segment=SEGMENT_DIGID, grondslag=GRONDSLAG_INLOGGEN)


def login_refused(actor: Actor) -> None:
    """DigiD vouched for someone the platform has nothing for, or at too low a level."""
    log_attempt(actor, uitkomst=Uitkomst.DENIED, actie=Actie.LOGIN, object_type=OBJECT_SESSIE, segment=SEGMENT_DIGID)


def login_failed(actor: Actor) -> None:
    """DigiD's own error or a cancel: kept also when the request's work is rolled back."""
    log_attempt(actor, uitkomst=Uitkomst.FAILURE, actie=Actie.LOGIN, object_type=OBJECT_SESSIE, segment=SEGMENT_DIGID)
