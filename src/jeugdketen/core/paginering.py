"""The one way a list pages, on a page and in the API: `pagina(request, items)` is the `page` that
`core/_paginering.html` shows (previous/next links that keep the page's filter); the API's
`Paginering` (settings.REST_FRAMEWORK) pages with the same paginator. A list never cuts off at a fixed number: a
user with more rows than fit on one page gets the next page.

    page = pagina(request, selectors.mijn_plekken(actor))
    return render(request, "app/lijst.html", {"page": page, "rijen": list(page.object_list)})

The query parameter is `pagina`; a page number that is not a number or is out of range gives
the nearest page (Django's `get_page`), never an error.

The count is exact up to `TELLEN_TOT` rows (or up to the end of the requested page, when that
is further); beyond it the page says "meer dan 1.000" (`paginator.meer_dan`). A COUNT over a
caseload reads every row of it, so an exact count makes page 1 of a list grow with the list
(issue 16: the plan list of an access team with 5,000 families read all 5,000 for the line
"5.000 gezinnen"); counting at most 1,001 rows keeps page 1 the same cost at any size, and a
later page costs what its OFFSET costs anyway. "Next" stays right beyond the cap: the count
reaches one row past the requested page.

`aantal=` gives the count from a query of its own, for a list whose `COUNT(*)` over the list's
own query reads more than the rows it counts (e.g. a scope of OR'ed arms counted as a UNION of
the arms); it is called with the most rows to count (`tot`) and must count exactly the rows
`items` holds, stopping at `tot`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from .postgres import een_plan_per_verbinding

PER_PAGINA = 25
TELLEN_TOT = 1000  # an exact count up to this many rows; beyond it "meer dan 1.000"
_HOOGSTE_PAGINA = 10**6  # a larger number is answered with the last page; keeps LIMIT in range


def paginanummer(waarde: str | None) -> int:
    """The page asked for, as Django's `get_page` reads it (not a number: 1)."""
    try:
        return min(max(int(waarde or 1), 1), _HOOGSTE_PAGINA)
    except ValueError:
        return 1


def tel(items: QuerySet[Any] | Sequence[Any], tot: int) -> int:
    """How many rows `items` holds, counting at most `tot`: `SELECT COUNT(*) FROM (… LIMIT tot)`."""
    if isinstance(items, QuerySet):
        rijen = items.order_by()
        if rijen._iterable_class is ModelIterable and not rijen.query.combinator:
            # Only the ids inside the LIMIT: a sliced count keeps the select list, and a list's
            # annotations (e.g. the access basis, a subquery per row) would run for every row.
            rijen = rijen.values("pk")
        return rijen[:tot].count()
    return min(len(items), tot)


class BegrensdePaginator(Paginator[Any]):
    """Django's paginator with a count that stops one row past what page `nummer` needs to know.

    `een_plan`: the page's rows are read under `postgres.een_plan_per_verbinding` (the count is
    not: its best plan depends on the values, e.g. how many consents a team holds)."""

    def __init__(
        self,
        items: QuerySet[Any] | Sequence[Any],
        per: int,
        nummer: int = 1,
        aantal: Callable[[int], int] | None = None,
        een_plan: bool = False,
    ) -> None:
        super().__init__(items, per)
        self.tot = max(TELLEN_TOT, nummer * per)
        self._aantal = aantal or (lambda tot: tel(items, tot))
        self.een_plan = een_plan

    def page(self, number: Any) -> Page[Any]:
        pagina = super().page(number)  # counts first (validate_number)
        if self.een_plan:
            with een_plan_per_verbinding():
                pagina.object_list = list(pagina.object_list)
        return pagina

    @cached_property
    def count(self) -> int:
        # One row past `tot`: then "next" knows there is a further page.
        return self._aantal(self.tot + 1)

    @property
    def meer_dan(self) -> int | None:
        """The rows counted when there are more than that (the list shows "meer dan N"), else None."""
        return self.tot if self.count > self.tot else None

    @property
    def meer_dan_paginas(self) -> int | None:
        """The full pages known when the count stopped ("pagina 2 van meer dan 40"), else None."""
        return self.tot // self.per_page if self.meer_dan else None


def pagina(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per: int = PER_PAGINA,
    *,
    aantal: Callable[[int], int] | None = None,
    een_plan: bool = False,
) -> Page[Any]:
    """The requested page of `items` (an ordered queryset: one capped COUNT and one page query).

    `een_plan`: the page query's plan is the same for every value (postgres.een_plan_per_verbinding);
    the page's rows are then read under that setting (`BegrensdePaginator`)."""
    waarde = request.GET.get("pagina")
    paginator = BegrensdePaginator(items, per, paginanummer(waarde), aantal, een_plan)
    return paginator.get_page(waarde)


class Paginering(PageNumberPagination):
    """Every API list's pages (settings.REST_FRAMEWORK): DRF's page numbers, counted like every list
    page (core.paginering): exact up to 1,000 rows or the end of the requested page, whichever is
    further. Beyond that `count_exact` is false and `count` is how many were counted: the list holds
    more. `next` is right either way, so a client that follows `next` reads every row."""

    last_page_strings = ()  # "last" would need the whole count

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        nummer = paginanummer(request.query_params.get(self.page_query_param))
        # A view's `telling()` is its list's `aantal=` and `een_plan = True` its `een_plan=` (see
        # `pagina`): the page's rows on one plan per connection, the count as its values need.
        self.django_paginator_class = partial(  # type: ignore[assignment]
            BegrensdePaginator,
            nummer=nummer,
            aantal=view.telling() if hasattr(view, "telling") else None,
            een_plan=getattr(view, "een_plan", False),
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Sequence[Any]) -> Response:
        assert self.page is not None and isinstance(self.page.paginator, BegrensdePaginator)
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.meer_dan or paginator.count,
                "count_exact": paginator.meer_dan is None,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        antwoord = super().get_paginated_response_schema(schema)
        antwoord["required"].append("count_exact")
        antwoord["properties"]["count"]["description"] = (
            "Het aantal resultaten; is count_exact false, dan zijn er meer dan dit aantal."
        )
        antwoord["properties"] = {
            "count": antwoord["properties"]["count"],
            "count_exact": {
                "type": "boolean",
                "description": "Of count het precieze aantal is (tot 1.000 resultaten altijd).",
            },
            **{k: v for k, v in antwoord["properties"].items() if k != "count"},
        }
        return antwoord
