"""Registries other apps plug into, so the monitor never imports them:

* `register_rapport_sectie(fn, order=...)`: a section of the yearly report. `fn(regio, jaar)`
  returns a rendered HTML fragment (a string, already escaped) or None to leave it out. The
  agenda app registers its agenda table from its AppConfig.ready().
* `register_cijferbron(code, fn)`: the source of an indicator the monitor cannot read itself.
  `fn(regio, jaren)` returns aggregate rows `{"gebied": "GM0917" | "regio", "jaar": 2024,
  "teller": n, "noemer": m}` (never a person). The verwijsindex's usage figures come in this way
  through koppelingen (no domain app imports the index), and the family experience scores from
  the ervaring app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jeugdketen.organisaties.models import Regio

RapportSectie = Callable[["Regio", int], "str | None"]
Cijferbron = Callable[["Regio", Sequence[int]], "list[dict[str, Any]]"]

_SECTIES: list[tuple[int, RapportSectie]] = []
_BRONNEN: dict[str, Cijferbron] = {}


def register_rapport_sectie(fn: RapportSectie, *, order: int = 100) -> None:
    if all(f is not fn for _o, f in _SECTIES):
        _SECTIES.append((order, fn))
        _SECTIES.sort(key=lambda pair: pair[0])


def rapport_secties() -> list[RapportSectie]:
    return [fn for _o, fn in _SECTIES]


def register_cijferbron(code: str, fn: Cijferbron) -> None:
    _BRONNEN[code] = fn


def cijferbron(code: str) -> Cijferbron | None:
    return _BRONNEN.get(code)
