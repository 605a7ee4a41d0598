"""The yearly report: one tagged PDF (core.pdf, PDF/UA-1, lang="nl") per region and year with
every indicator's chart and table, suppression applied, and the sections other apps register
(the agenda) through `uitbreidingen.register_rapport_sectie`."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import override

from jeugdketen.core.pdf import render_pdf
from jeugdketen.organisaties.models import Regio

from . import grafieken, selectors, uitbreidingen


def context(regio: Regio, jaar: int) -> dict[str, Any]:
    tabellen = selectors.tabellen(regio)
    onderdelen = []
    for n, t in enumerate(tabellen.values()):
        jaren = [j for j in t.jaren if j <= jaar]
        onderdelen.append(
            {
                "tabel": t,
                "jaren": jaren,
                "regio_rij": [t.meting("regio", j) for j in jaren],
                "gemeenten": [(naam, t.meting(code, jaar)) for code, naam in t.gebieden if code != "regio"],
                "grafiek": grafieken.grafiek(
                    t, id=f"r{n}", gebieden=[("regio", t.gebieden[-1][1])] if t.gebieden else [], tot=jaar
                ),
            }
        )
    secties = [s for fn in uitbreidingen.rapport_secties() if (s := fn(regio, jaar))]
    return {
        "regio": regio,
        "jaar": jaar,
        "onderdelen": onderdelen,
        "secties": [mark_safe(s) for s in secties],  # noqa: S308 - a registered section returns rendered, escaped HTML
        "berekening": selectors.laatste_berekening(regio),
        "drempel": selectors.drempel_van(regio),
    }


def pdf(regio: Regio, jaar: int) -> bytes:
    with override("nl"):
        return render_pdf("monitor/rapport.html", context(regio, jaar))
