"""A period filter (van/tot, dates inclusive) for the access-log pages, parsed in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Periode:
    van: dt.date | None = None
    tot: dt.date | None = None
    fout: str = ""

    def filter(self, queryset: QuerySet[M], field: str = "tijdstip") -> QuerySet[M]:
        if self.van:
            start = timezone.make_aware(dt.datetime.combine(self.van, dt.time.min))
            queryset = queryset.filter(**{f"{field}__gte": start})
        if self.tot:
            end = timezone.make_aware(dt.datetime.combine(self.tot + dt.timedelta(days=1), dt.time.min))
            queryset = queryset.filter(**{f"{field}__lt": end})
        return queryset


def from_query(params: Mapping[str, str]) -> Periode:
    """Read `van` and `tot` (YYYY-MM-DD, as a date field sends them); a bad value is explained,
    never a server error, and then that bound is left out."""
    values: dict[str, dt.date | None] = {}
    for name in ("van", "tot"):
        raw = (params.get(name) or "").strip()
        try:
            values[name] = parse_date(raw) if raw else None
        except ValueError:
            values[name] = None
        if raw and values[name] is None:
            return Periode(fout=_("Vul een datum in als dag-maand-jaar, bijvoorbeeld 01-03-2026."))
    van, tot = values["van"], values["tot"]
    if van and tot and van > tot:
        return Periode(fout=_("De begindatum ligt na de einddatum. Draai ze om."))
    return Periode(van=van, tot=tot)
