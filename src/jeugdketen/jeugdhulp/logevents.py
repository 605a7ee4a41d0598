"""The access log's vocabulary of jeugdhulp: object types, segments and legal bases."""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access


class ObjectType(StrEnum):
    TRAJECT = "jeugdhulptraject"
    MAATREGEL = "maatregel"
    THUISZITTER = "thuiszitter"
    BESCHIKKING = "beschikking"
    ONTVANGST = "ijw_bericht"
    HULP_IN_GEZIN = "hulp_in_gezin"


class Segment(StrEnum):
    LIJST = "lijst"
    DETAIL = "detail"
    LEVERING = "start_stop"
    WACHTTIJD = "wachttijd"
    BRIEF = "brief"
    PDF = "brief_pdf"
    PORTAAL = "portaal"
    UPLOAD = "ijw_upload"
    RETOUR = "retourbericht"
    CSV = "csv"
    API = "api"
    GEZINSPLAN = "gezinsplan_hulp"
    WERKLIJST = "mijn_werk"
    VERLENGING = "verlenging"
    AANBOD = "passend_aanbod"


class Grondslag(StrEnum):
    TOEGANG = "Jeugdwet art. 2.3: verantwoordelijke gemeente"
    AANBIEDER = "Jeugdwet art. 7.3.8: dossier van de jeugdhulpaanbieder"
    GI = "Jeugdwet art. 3.2 en BW 1:255: uitvoering maatregel"
    GEZIN = "eigen gezin (ouder met gezag of de jeugdige zelf)"
    LEERPLICHT = "Leerplichtwet 1969 art. 21 en 21a: melding verzuim"
    GEZINSPLAN = "toestemming of mandaat van het gezin"
    IJW = "iJw-berichtenverkeer (Jeugdwet art. 7.4.0; Regeling Jeugdwet)"


def listed(actor: Actor, object_type: ObjectType, *, segment: Segment = Segment.LIJST) -> None:
    """A page of a list (trajectories, measures, thuiszitters, decisions, messages) was shown."""
    log_access(actor, actie=Actie.SEARCH, object_type=object_type, segment=segment, grondslag="lijst")


def werklijst_shown(actor: Actor, object_type: ObjectType) -> None:
    """A "Mijn werk" list with items was shown on the home page."""
    log_access(actor, actie=Actie.SEARCH, object_type=object_type, segment=Segment.WERKLIJST, grondslag="mijn werk")
