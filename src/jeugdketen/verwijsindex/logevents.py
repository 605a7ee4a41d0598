"""The verwijsindex's access-log vocabulary: object types, segments, legal bases, and one function
per event that is not a plain `core.access.fetch`.

The access log is the index's legal logbook (Jeugdwet art. 7.1.2.3 f): who registered, removed or
was told about a registration of a youth. A registrant who is told of a match or of an archived
registration is logged with `Actie.INFORM`: being told is not a read, so "who looked at this"
never lists people who were only told.

The youth appears only as a pseudonymous client id (`client_id`): random, unrelated to the BSN,
stable under key rotation.
"""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access
from jeugdketen.organisaties.models import Organisatie

from .models import Jongere, Match, Melding


class ObjectType(StrEnum):
    MELDING = "verwijsindex_melding"
    MATCH = "verwijsindex_match"
    GEZINSMATCH = "verwijsindex_gezinsmatch"
    AANSLUITING = "verwijsindex_aansluiting"
    LOGBOEK = "verwijsindex_logboek"
    # The index as a whole (a professional whose organisation is not connected, management pages).
    INDEX = "verwijsindex"


class Segment(StrEnum):
    MELDING = "melding"
    MELDING_BESTOND_AL = "melding_bestond_al"
    LIJST = "lijst"
    ZOEKEN = "zoeken"
    INFORMEREN = "informeren"
    VERWIJDEREN = "verwijderen"
    MATCH = "match"
    MATCHREGIE = "matchregie"
    CONTACT = "contact"
    MATCHSIGNAAL = "matchsignaal"
    GEZINSMATCH = "gezinsmatch"
    GEZINSMATCHSIGNAAL = "gezinsmatchsignaal"
    ARCHIEFSIGNAAL = "archiefsignaal"
    REGIE_OVERZICHT = "regie_overzicht"
    NIET_AANGESLOTEN = "niet_aangesloten"
    BEHEER = "beheer"
    AANGESLOTEN = "aangesloten"
    AFGESLOTEN = "afgesloten"
    MELDINGSBEVOEGD = "meldingsbevoegd"
    NIET_MELDINGSBEVOEGD = "niet_meldingsbevoegd"
    LOGBOEK = "logboek"
    API = "api"


def verwijderd(reden: str) -> str:
    """The segment of a removal names its reason (art. 7.1.4.5): `verwijderd:onterecht`."""
    return f"verwijderd:{reden}"


class Grondslag(StrEnum):
    MELDING = "Jeugdwet 7.1"
    MATCH = "Jeugdwet 7.1.2.3"
    MATCHREGIE = "Jeugdwet 7.1.3.2 matchregie"
    AANSLUITING = "Jeugdwet 7.1.1.2"
    LOGBOEK = "Jeugdwet 7.1.2.3 f"


def client_id(jongere: Jongere) -> str:
    """Pseudonymous client id in the access log: random, unrelated to the BSN, stable under key rotation."""
    return f"vi:{jongere.uuid}"


def match_client_id(match: Match) -> str:
    """A match whose youth was destroyed stays as an anonymous fact: no client."""
    return client_id(match.jongere) if match.jongere is not None else "-"


def _melding(actor: Actor, melding: Melding, *, actie: str, segment: str) -> None:
    log_access(
        actor,
        actie=actie,
        object_type=ObjectType.MELDING,
        object_id=str(melding.uuid),
        segment=segment,
        client_id=client_id(melding.jongere),
        grondslag=Grondslag.MELDING,
    )


# --- Registrations --------------------------------------------------------------------------


def melding_registered(actor: Actor, melding: Melding) -> None:
    _melding(actor, melding, actie=Actie.CREATE, segment=Segment.MELDING)


def melding_existed(actor: Actor, melding: Melding) -> None:
    """A second registration of the same youth by the same organisation finds the current one."""
    _melding(actor, melding, actie=Actie.READ, segment=Segment.MELDING_BESTOND_AL)


def melding_removed(actor: Actor, melding: Melding, *, reden: str) -> None:
    """A removal that no fetch logged: by the retention job or a recorded death."""
    _melding(actor, melding, actie=Actie.DELETE, segment=verwijderd(reden))


def _told(cause: Actor, melding: Melding) -> Actor:
    """The registrant of `melding` as the one who was told, in the context of the request that caused it."""
    return Actor(
        user=melding.melder,
        rol=Rol.MELDINGSBEVOEGD,
        rollen=frozenset({Rol.MELDINGSBEVOEGD}),
        organisatie_id=str(melding.organisatie.uuid),
        organisatie_naam=melding.organisatie.naam,
        organisatie_soort=melding.organisatie.soort,
        organisatie_pk=melding.organisatie_id,
        regio_pk=melding.organisatie.regio_id,
        gemeente_pk=melding.organisatie.gemeente_id or 0,
        display_name=melding.melder_naam,
        namens=melding.melder_naam,
        ip=cause.ip,
        request_id=cause.request_id,
        bronsysteem="verwijsindex-signaal",
    )


def match_informed(actor: Actor, melding: Melding) -> None:
    """The registrant of `melding` was told of a match (art. 7.1.2.3 f); `actor` caused it."""
    _melding(_told(actor, melding), melding, actie=Actie.INFORM, segment=Segment.MATCHSIGNAAL)


def gezinsmatch_informed(actor: Actor, melding: Melding) -> None:
    """The registrant of `melding` was told of a family match (art. 7.1.2.3 f); `actor` caused it."""
    _melding(_told(actor, melding), melding, actie=Actie.INFORM, segment=Segment.GEZINSMATCHSIGNAAL)


def archive_informed(actor: Actor, melding: Melding) -> None:
    """The registrant of `melding` was told of an archived registration (art. 7.1.4.6)."""
    _melding(_told(actor, melding), melding, actie=Actie.INFORM, segment=Segment.ARCHIEFSIGNAAL)


def meldingen_listed(actor: Actor, *, segment: str = Segment.LIJST) -> None:
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.MELDING, segment=segment, grondslag=Grondslag.MELDING)


# --- Matches --------------------------------------------------------------------------------


def matches_listed(actor: Actor, *, segment: str = Segment.LIJST) -> None:
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.MATCH, segment=segment, grondslag=Grondslag.MELDING)


def regie_overview_listed(actor: Actor) -> None:
    log_access(
        actor,
        actie=Actie.SEARCH,
        object_type=ObjectType.MATCH,
        segment=Segment.REGIE_OVERZICHT,
        grondslag=Grondslag.MATCHREGIE,
    )


# --- Functional management ------------------------------------------------------------------


def aansluiting_changed(actor: Actor, organisatie: Organisatie, *, segment: str) -> None:
    log_access(
        actor,
        actie=Actie.UPDATE,
        object_type=ObjectType.AANSLUITING,
        object_id=str(organisatie.uuid),
        segment=segment,
        grondslag=Grondslag.AANSLUITING,
    )


def logboek_searched(actor: Actor, *, client: str) -> None:
    log_access(
        actor,
        actie=Actie.SEARCH,
        object_type=ObjectType.LOGBOEK,
        segment=Segment.LOGBOEK,
        client_id=client or "-",
        grondslag=Grondslag.LOGBOEK,
    )
