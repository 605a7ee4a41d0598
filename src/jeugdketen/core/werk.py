"""'Mijn werk': each app registers what a person has to do; the home page shows it per role.

core imports no domain app, so apps register a provider in their AppConfig.ready(). A provider
gets the actor and returns a WerkLijst (or None when it has nothing for that role).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .access import Actor


@dataclass
class WerkKnop:
    """A one-tap action on the home page: a small POST form (e.g. plekvrij's "nu 2 vrij")."""

    label: str
    action: str
    velden: dict[str, str] = field(default_factory=dict)
    huidig: bool = False  # shown as the current state (primary style)


@dataclass
class WerkItem:
    titel: str
    link: str = ""
    toelichting: str = ""
    te_laat: bool = False
    knoppen: list[WerkKnop] = field(default_factory=list)


@dataclass
class WerkLijst:
    titel: str
    leeg_tekst: str
    items: list[WerkItem] = field(default_factory=list)
    meer_link: str = ""


Provider = Callable[[Actor], "WerkLijst | None"]
_PROVIDERS: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int = 100) -> None:
    if all(p is not provider for _, p in _PROVIDERS):
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda pair: pair[0])


def lists_for(actor: Actor) -> list[WerkLijst]:
    result = [provider(actor) for _, provider in _PROVIDERS]
    return [lijst for lijst in result if lijst is not None]


def unread_notifications(actor: Actor) -> WerkLijst | None:
    """Everyone's last list: news they have not read yet (at most five, newest first)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .models import Notificatie

    if actor.user is None:
        return None
    rows = list(
        Notificatie.objects.filter(ontvanger_id=actor.user.pk, gelezen__isnull=True).order_by("-aangemaakt", "-id")[:5]
    )
    return WerkLijst(
        titel=_("Nieuwe berichten"),
        leeg_tekst=_("Geen nieuwe berichten."),
        items=[WerkItem(titel=n.titel, link=n.link) for n in rows],
        meer_link=reverse("notificaties"),
    )
