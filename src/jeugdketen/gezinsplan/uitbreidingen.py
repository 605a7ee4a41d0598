"""What other modules add to the family plan, without gezinsplan importing them (ARCHITECTURE.md:
toekomstplan → gezinsplan, not the other way):

* links on the family plan page ("the help in place and, for youths of 16.5+, the toekomstplan"):
  `register(provider)`, provider(actor, gezin, rol): `rol` is the actor's relation to the family
  that the page's fetch of the plan established in this request (never None there);
* what happens after an evaluation is recorded (family experience invites the family to score the
  core values): `register_na_evaluatie(fn)`, fn(plan, datum), called inside the evaluation's
  transaction, so an invitation exists exactly when the evaluation does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jeugdketen.core.access import Actor
from jeugdketen.gezinnen.models import Gezin
from jeugdketen.gezinnen.selectors import GezinsRol

if TYPE_CHECKING:
    from .models import Gezinsplan


@dataclass(frozen=True)
class Koppeling:
    titel: str
    link: str
    toelichting: str = ""


Provider = Callable[[Actor, Gezin, GezinsRol | None], list[Koppeling]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def koppelingen(actor: Actor, gezin: Gezin, rol: GezinsRol) -> list[Koppeling]:
    """Every provider answers with what this actor may see of this family (each scopes itself,
    or takes the relation the page fetched: no second scope query for it)."""
    return [k for provider in _PROVIDERS for k in provider(actor, gezin, rol)]


NaEvaluatie = Callable[["Gezinsplan", dt.date], object]
_NA_EVALUATIE: list[NaEvaluatie] = []


def register_na_evaluatie(fn: NaEvaluatie) -> None:
    if fn not in _NA_EVALUATIE:
        _NA_EVALUATIE.append(fn)


def na_evaluatie(plan: Gezinsplan, datum: dt.date) -> None:
    """Tell every registered module that `plan` was evaluated on `datum`."""
    for fn in _NA_EVALUATIE:
        fn(plan, datum)
