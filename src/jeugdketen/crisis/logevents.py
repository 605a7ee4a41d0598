"""The crisis service's access-log vocabulary: object types, segments, legal bases, how a case's
client is named, and one function per event that is not a plain `core.access.fetch`.

A crisis report holds content about health and safety: special-category data (AVG art. 9). Every
segment of a case says so with the marker `[bijzonder]`, so a log search for special-category
access finds them all. A page or a change of a case is logged by its fetch (one entry: the segment
says which part, the action whether it was read or changed). What is logged here: a report
recorded (the case is new, nothing to fetch yet) and a list of cases shown. The stored values are
the log's history: a name may change, its value not.
"""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access

from .models import Crisiscasus

BIJZONDER = "bijzonder"


class ObjectType(StrEnum):
    CRISISCASUS = "crisiscasus"
    CRISISJEUGDIGE = "crisisjeugdige"
    CRISISOVERDRACHT = "crisisoverdracht"


class Segment(StrEnum):
    """The part of a case: "crisis <part> [bijzonder]" (special-category data, logged as such)."""

    BORD = f"crisis bord [{BIJZONDER}]"
    MELDING = f"crisis melding [{BIJZONDER}]"
    CASUS = f"crisis casus [{BIJZONDER}]"
    TRIAGE = f"crisis triage [{BIJZONDER}]"
    MOMENT = f"crisis moment [{BIJZONDER}]"
    JEUGDIGE = f"crisis jeugdige [{BIJZONDER}]"
    GEZIN = f"crisis gezin [{BIJZONDER}]"
    DEELNAME = f"crisis deelname [{BIJZONDER}]"
    CRISISPLEK = f"crisis crisisplek [{BIJZONDER}]"
    OVERDRACHT = f"crisis overdracht [{BIJZONDER}]"
    SLUITEN = f"crisis sluiten [{BIJZONDER}]"
    TERUGBLIK = f"crisis terugblik [{BIJZONDER}]"
    OVERDRACHTEN = f"crisis overdrachten [{BIJZONDER}]"
    VOOR_HET_GEZIN = f"crisis voor het gezin [{BIJZONDER}]"
    # A write by an actor without a person behind it (an organisation's system).
    SCHRIJVEN = f"crisis schrijven [{BIJZONDER}]"
    # The 'Mijn werk' lists on the home page.
    WERK_BORD = f"crisis werk bord [{BIJZONDER}]"
    WERK_OVERDRACHTEN = f"crisis werk overdrachten [{BIJZONDER}]"
    # The family plan's entry when the hand-over writes the crisis agreements into it (logged by
    # the family plan's own fetch, under its object type).
    GEZINSPLAN_OVERDRACHT = "crisisoverdracht"


class Grondslag(StrEnum):
    """The basis of access per relation to a case (see selectors: who sees a crisis case)."""

    CRISISDIENST = "crisishulp jeugd (bijzondere persoonsgegevens)"
    MANDAAT = "wettelijk mandaat: deelname aan de crisiscasus"
    TOEGANG = "overdracht aan de toegang van de verantwoordelijke gemeente"
    GEZIN = "eigen gezin"
    GEEN = "geen"


def client_id(casus: Crisiscasus) -> str:
    """The pseudonymous client id in the access log: the family's id once the case is linked to
    a family (so the family sees these entries in their own log), else the case's id."""
    return str(casus.gezin.uuid) if casus.gezin_id and casus.gezin is not None else f"crisis:{casus.uuid}"


def melding_recorded(actor: Actor, casus: Crisiscasus) -> None:
    """A report was recorded: the case starts (there was nothing to fetch before)."""
    log_access(
        actor,
        actie=Actie.CREATE,
        object_type=ObjectType.CRISISCASUS,
        object_id=str(casus.uuid),
        segment=Segment.MELDING,
        client_id=client_id(casus),
        grondslag=Grondslag.CRISISDIENST,
    )


def cases_listed(actor: Actor, *, segment: Segment) -> None:
    """One page of a list of cases (the board, the hand-overs, a 'Mijn werk' list): it names youths."""
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.CRISISCASUS, segment=segment, client_id="-")
