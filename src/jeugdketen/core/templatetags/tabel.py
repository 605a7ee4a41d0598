"""Template tags for core's table include (core/_tabel.html)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def kolommen(*koppen: object) -> list[object]:
    """The column headings of a table, in order: {% kolommen _("Naam") _("Datum") as koppen %}.
    A list among them is spread, for a column per year: {% kolommen _("Gebied") t.jaren as koppen %}."""
    result: list[object] = []
    for kop in koppen:
        result.extend(kop if isinstance(kop, list | tuple | range) else [kop])
    return result
