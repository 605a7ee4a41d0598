"""Links that other modules add to the family plan page ("the help in place and, for youths of
16.5+, the toekomstplan"). Modules that build on gezinsplan register a provider here; gezinsplan
itself never imports them (ARCHITECTURE.md: toekomstplan → gezinsplan, not the other way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jeugdketen.core.access import Actor
from jeugdketen.gezinnen.models import Gezin


@dataclass(frozen=True)
class Koppeling:
    titel: str
    link: str
    toelichting: str = ""


Provider = Callable[[Actor, Gezin], list[Koppeling]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def koppelingen(actor: Actor, gezin: Gezin) -> list[Koppeling]:
    """Every provider answers with what this actor may see of this family (each scopes itself)."""
    return [k for provider in _PROVIDERS for k in provider(actor, gezin)]
