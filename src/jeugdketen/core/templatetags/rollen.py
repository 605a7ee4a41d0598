"""{{ rij.rol|rollen_in_woorden }}: the roles of an access-log row as words (core/rollen.py)."""

from __future__ import annotations

from django import template

from jeugdketen.core.rollen import rollen_in_woorden as _in_woorden

register = template.Library()


@register.filter
def rollen_in_woorden(waarde: str) -> str:
    return _in_woorden(waarde)
