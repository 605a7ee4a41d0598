"""What every module's demo step needs: acting as a demo login, fictitious BSNs."""

from __future__ import annotations

import random

from jeugdketen.core.access import Actor
from jeugdketen.core.bsn import fictitious_bsn
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.organisaties.selectors import build_actor


def actor(username: str) -> Actor:
    """The demo login acting through the same services a person would use."""
    return build_actor(
        Gebruiker.objects.get(username=username), organisatie_uuid=None, ip="127.0.0.1", request_id="demo"
    )


# The fictitious BSNs of `ouder` (Linda Janssen) and `jongere` (Daan Janssen): with these they log in
# "with DigiD" in the demo's mock DigiD (README, demo logins). No other demo person gets them.
DIGID_BSN_OUDER = "999990019"
DIGID_BSN_JONGERE = "999990032"
_RESERVED = frozenset({DIGID_BSN_OUDER, DIGID_BSN_JONGERE})


def demo_bsn(rng: random.Random) -> str:
    """A fictitious BSN for a demo person, never one of the DigiD demo logins' own."""
    while True:
        bsn = fictitious_bsn(rng)
        if bsn not in _RESERVED:
            return bsn
