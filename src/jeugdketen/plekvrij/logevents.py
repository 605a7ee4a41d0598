"""Plekvrij's access-log vocabulary: object types, segments, the legal basis, and the events of a
reservation (the module's only personal data).

A place (availability) holds no personal data: reading one writes no entry, but a refused attempt
on someone else's place is logged with `ObjectType.PLEK`. A reservation names no youth: the
reservation itself is the pseudonymous subject (`client_id`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access


class ObjectType(StrEnum):
    PLEK = "plekvrij_plek"
    LOCATIE = "plekvrij_locatie"
    RESERVERING = "plekvrij_reservering"
    ZOEKOPDRACHT = "plekvrij_zoekopdracht"
    AANBOD = "sociale_kaart_aanbod"


class Segment(StrEnum):
    PLEK = "plek"
    PLEK_BIJWERKEN = "plek_bijwerken"
    SNEL = "snel_bijwerken"
    GESCHIEDENIS = "geschiedenis"
    API = "api"
    CSV = "csv"
    LOCATIE_TOEVOEGEN = "locatie_toevoegen"
    PLEK_TOEVOEGEN = "plek_toevoegen"
    RESERVEREN = "reserveren"
    RESERVERING = "reservering"
    LIJST_AANBIEDER = "lijst_aanbieder"
    LIJST_AANVRAGER = "lijst_aanvrager"
    BEANTWOORDEN = "beantwoorden"
    BEVESTIGD = "bevestigd"
    AFGEWEZEN = "afgewezen"
    GEPLAATST = "geplaatst"
    INGETROKKEN = "ingetrokken"
    VERLOPEN = "verlopen"
    ZOEKOPDRACHT_BEWAREN = "zoekopdracht_bewaren"
    ZOEKOPDRACHT_VERWIJDEREN = "zoekopdracht_verwijderen"
    AANBOD_TOEVOEGEN = "aanbod_toevoegen"
    AANBOD_WIJZIGEN = "aanbod_wijzigen"
    ZOEKEN = "zoeken"
    BEHEER = "beheer"
    CIJFERS = "cijfers"


PLAATSING = "plaatsing regelen"  # the purpose of every access to a reservation
REGIO = "reservering verlopen"  # the system's purpose when it releases an expired hold


def client_id(reservering: Any) -> str:
    return f"reservering:{reservering.uuid}"


def reservering_gelogd(
    actor: Actor, reservering: Any, *, actie: str, segment: Segment, grondslag: str = PLAATSING
) -> None:
    """A change of a reservation (made, answered, placed, withdrawn, expired): one entry."""
    log_access(
        actor,
        actie=actie,
        object_type=ObjectType.RESERVERING,
        object_id=str(reservering.uuid),
        segment=segment,
        client_id=client_id(reservering),
        grondslag=grondslag,
    )


def reserveringen_gezocht(actor: Actor, *, segment: Segment) -> None:
    """A list of reservations was shown: one search entry."""
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.RESERVERING, segment=segment, client_id="-")
