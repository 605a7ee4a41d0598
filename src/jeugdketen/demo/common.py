"""What every module's demo step needs: acting as a demo login."""

from __future__ import annotations

from jeugdketen.core.access import Actor
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.organisaties.selectors import build_actor


def actor(username: str) -> Actor:
    """The demo login acting through the same services a person would use."""
    return build_actor(
        Gebruiker.objects.get(username=username), organisatie_uuid=None, ip="127.0.0.1", request_id="demo"
    )
