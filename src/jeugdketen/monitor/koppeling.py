"""The monitor plugs in what it reads from the apps beside it (it is the top layer: it may import
them, they never import it): the family-experience scores as the "ervaring" indicator, the
agenda as a section of the yearly report, and its own figures beside the agenda's goals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string

from jeugdketen.agenda import selectors as agenda_selectors
from jeugdketen.agenda import uitbreidingen as agenda_uitbreidingen
from jeugdketen.ervaring import selectors as ervaring_selectors
from jeugdketen.organisaties.models import Regio

from . import selectors, uitbreidingen


def ervaring(regio: Regio, jaren: Sequence[int]) -> list[dict[str, Any]]:
    rijen = ervaring_selectors.hoge_scores(regio=regio, jaren=list(jaren))
    per_jaar: dict[int, list[int]] = {}
    for rij in rijen:  # the region's row: the sum of its municipalities (the monitor suppresses both)
        totaal = per_jaar.setdefault(int(rij["jaar"]), [0, 0])
        totaal[0] += int(rij["teller"])
        totaal[1] += int(rij["noemer"])
    return [*rijen, *({"gebied": "regio", "jaar": j, "teller": t, "noemer": n} for j, (t, n) in per_jaar.items())]


def agenda_sectie(regio: Regio, jaar: int) -> str | None:
    agenda = agenda_selectors.agenda_voor_rapport(regio, jaar)
    if not agenda:
        return None
    return render_to_string("agenda/_rapport.html", {"agendas": agenda, "niveau": 2})


def register() -> None:
    uitbreidingen.register_cijferbron("ervaring", ervaring)
    uitbreidingen.register_rapport_sectie(agenda_sectie, order=10)
    agenda_uitbreidingen.register_cijferbron(selectors.cijfer_bij_doel)
