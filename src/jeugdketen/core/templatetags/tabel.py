"""Template tags for core's table include (core/_tabel.html)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def kolommen(*koppen: str) -> list[str]:
    """The column headings of a table, in order: {% kolommen _("Naam") _("Datum") as koppen %}."""
    return list(koppen)
