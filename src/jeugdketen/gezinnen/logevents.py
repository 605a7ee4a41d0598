"""The families' access-log vocabulary: object types, segments, and one function per event that is
not a plain `core.access.fetch`.

A family page is logged by its fetch of the family (one entry: the segment says which page or
part). A service logs the part it adds or changes (a member, a network member, a consent) with that
part's object type. The stored values are the log's history: a name may change, its value not.
"""

from __future__ import annotations

from enum import StrEnum

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access


class ObjectType(StrEnum):
    GEZIN = "gezin"
    GEZINSLID = "gezinslid"
    NETWERKLID = "netwerklid"
    # A consent and a legal mandate are both a `Toestemming`.
    TOESTEMMING = "toestemming"
    # The family reading its own part of the access log.
    TOEGANGSLOG = "toegangslog"


class Segment(StrEnum):
    GEZIN = "gezin"
    AANMAKEN = "aanmaken"
    GEZINSLEDEN = "gezinsleden"
    UITNODIGING = "uitnodiging"
    NETWERK = "netwerk"
    TOESTEMMING = "toestemming"
    INTREKKEN = "intrekken"
    MANDAAT = "mandaat"
    TOEGANGSLOG = "toegangslog"
    MIJN_GEZINNEN = "mijn gezinnen"


def own_families_listed(actor: Actor) -> None:
    """A citizen's list of their own families (or the redirect to the one family): one search."""
    log_access(actor, actie=Actie.SEARCH, object_type=ObjectType.GEZIN, segment=Segment.MIJN_GEZINNEN)
