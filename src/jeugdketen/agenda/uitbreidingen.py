"""Where the agenda gets the figure beside a goal, without importing the monitor.

A module that computes indicators (the monitor) registers a source here from its AppConfig.ready():

    register_cijferbron(fn)   # fn(code, *, gemeente_code, regio, jaar) -> str | None

`code` is one of `regels.INDICATOREN`, `gemeente_code` a CBS code ("GM0917") or None for the whole
region, `regio` the `organisaties.models.Regio`, `jaar` the year. The source answers the figure as
the page should show it, already suppressed ("< 10"), or None when it has no figure. The first
source with an answer wins. Without a source the agenda shows the indicator's name and
"nog geen cijfer".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from jeugdketen.organisaties.models import Regio


class Cijferbron(Protocol):
    def __call__(self, code: str, *, gemeente_code: str | None, regio: Regio, jaar: int) -> str | None: ...


_BRONNEN: list[Callable[..., str | None]] = []


def register_cijferbron(fn: Cijferbron) -> None:
    if fn not in _BRONNEN:
        _BRONNEN.append(fn)


def unregister_cijferbron(fn: Cijferbron) -> None:
    """For tests: take a source out again."""
    if fn in _BRONNEN:
        _BRONNEN.remove(fn)


def cijfer(code: str, *, gemeente_code: str | None, regio: Regio, jaar: int) -> str | None:
    for bron in _BRONNEN:
        waarde = bron(code, gemeente_code=gemeente_code, regio=regio, jaar=jaar)
        if waarde is not None:
            return waarde
    return None
