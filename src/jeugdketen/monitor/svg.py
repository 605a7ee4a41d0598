"""Server-side SVG charts: a line chart of an indicator over the years, one line per area.

Accessible: role="img" with aria-labelledby naming the chart's <title> and <desc>; the page
always puts the chart's table next to it (the numbers, for everyone). Only shown figures are
plotted (a hidden one leaves a gap), each point carries its number (`data-waarde`) and its text
in a <title>, so a test can check that every plotted value is in the table. No script, no style
attribute (the CSP allows neither): presentation attributes only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Colours that keep a 3:1 contrast against white (WCAG 1.4.11), and dash patterns so the lines
# differ without colour too.
KLEUREN = ("#154273", "#a0461e", "#2a6e1f", "#6b2c91", "#8a5a00", "#0e6e6e", "#b0174e", "#4d4d4d")
STREPEN = ("", "6 3", "2 3", "8 3 2 3")

BREEDTE, HOOGTE = 640, 320
LINKS, RECHTS, BOVEN, ONDER = 56, 150, 16, 40


@dataclass(frozen=True)
class Punt:
    label: str  # the x label (a year)
    waarde: float | None  # None: hidden or missing, not plotted
    tekst: str  # the text the table shows


@dataclass(frozen=True)
class Reeks:
    naam: str
    punten: Sequence[Punt]


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def _schaal_max(hoogste: float) -> float:
    if hoogste <= 0:
        return 1.0
    stap = 10 ** (len(str(int(hoogste))) - 1)
    return float(((int(hoogste) // stap) + 1) * stap)


def lijngrafiek(
    *, id: str, titel: str, beschrijving: str, labels: Sequence[str], reeksen: Sequence[Reeks], eenheid: str = ""
) -> SafeString:
    """An SVG line chart; `id` makes the title/desc ids unique on the page."""
    waarden = [p.waarde for r in reeksen for p in r.punten if p.waarde is not None]
    ymax = _schaal_max(max(waarden) if waarden else 0)
    breed = BREEDTE - LINKS - RECHTS
    hoog = HOOGTE - BOVEN - ONDER

    def x(i: int) -> float:
        return LINKS + (breed * i / max(len(labels) - 1, 1))

    def y(v: float) -> float:
        return BOVEN + hoog - (hoog * v / ymax)

    delen: list[str] = []
    for stap in range(5):
        v = ymax * stap / 4
        delen.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#767676" stroke-width="0.5"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#1a1a1a">{}</text>',
                LINKS,
                _fmt(y(v)),
                LINKS + breed,
                _fmt(y(v)),
                LINKS - 6,
                _fmt(y(v) + 4),
                f"{v:g}",
            )
        )
    for i, label in enumerate(labels):
        delen.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}</text>',
                _fmt(x(i)),
                HOOGTE - ONDER + 16,
                label,
            )
        )
    for n, reeks in enumerate(reeksen):
        kleur, streep = KLEUREN[n % len(KLEUREN)], STREPEN[(n // len(KLEUREN) + n) % len(STREPEN)]
        index = {label: i for i, label in enumerate(labels)}
        stukken: list[list[tuple[float, float]]] = [[]]
        for p in reeks.punten:
            if p.waarde is None:
                stukken.append([])
            else:
                stukken[-1].append((x(index[p.label]), y(p.waarde)))
        for stuk in stukken:
            if len(stuk) > 1:
                delen.append(
                    format_html(
                        '<polyline fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}" points="{}"/>',
                        kleur,
                        streep or "none",
                        " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in stuk),
                    )
                )
        for p in reeks.punten:
            if p.waarde is not None:
                delen.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="3.5" fill="{}" data-reeks="{}" data-label="{}" data-waarde="{}">'
                        "<title>{}, {}: {}</title></circle>",
                        _fmt(x(index[p.label])),
                        _fmt(y(p.waarde)),
                        kleur,
                        reeks.naam,
                        p.label,
                        p.tekst,
                        reeks.naam,
                        p.label,
                        p.tekst,
                    )
                )
        ly = BOVEN + 8 + n * 18
        delen.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="#1a1a1a">{}</text>',
                BREEDTE - RECHTS + 10,
                ly,
                BREEDTE - RECHTS + 30,
                ly,
                kleur,
                streep or "none",
                BREEDTE - RECHTS + 34,
                ly + 4,
                reeks.naam,
            )
        )
    if eenheid:
        delen.append(format_html('<text x="4" y="{}" font-size="11" fill="#1a1a1a">{}</text>', BOVEN + 4, eenheid))
    kop = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="jk-grafiek" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-labelledby="{}-titel {}-desc"><title id="{}-titel">{}</title><desc id="{}-desc">{}</desc>',
        BREEDTE,
        HOOGTE,
        id,
        id,
        id,
        titel,
        id,
        beschrijving,
    )
    return mark_safe(kop + "".join(delen) + "</svg>")  # noqa: S308 - every part is escaped by format_html


__all__ = ["Punt", "Reeks", "escape", "lijngrafiek"]
