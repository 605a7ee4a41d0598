"""The one way a list page pages: `pagina(request, items)` is the `page` that
`core/_paginering.html` shows (previous/next links that keep the page's filter). A list never cuts
off at a fixed number: a user with more rows than fit on one page gets the next page.

    page = pagina(request, selectors.mijn_plekken(actor))
    return render(request, "app/lijst.html", {"page": page, "rijen": list(page.object_list)})

The query parameter is `pagina`; a page number that is not a number or is out of range gives
the nearest page (Django's `get_page`), never an error.

`aantal=` gives the number of rows from a query of its own, for a list whose `COUNT(*)` over the
list's own query reads more than the rows it counts (e.g. a scope of OR'ed arms counted as a
UNION of the arms); it must count exactly the rows `items` holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGINA = 25


class _GeteldePaginator(Paginator[Any]):
    def __init__(self, items: QuerySet[Any] | Sequence[Any], per: int, aantal: Callable[[], int]) -> None:
        super().__init__(items, per)
        self._aantal = aantal

    @cached_property
    def count(self) -> int:
        return self._aantal()


def pagina(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per: int = PER_PAGINA,
    *,
    aantal: Callable[[], int] | None = None,
) -> Page[Any]:
    """The requested page of `items` (an ordered queryset: one COUNT and one page query)."""
    paginator = Paginator(items, per) if aantal is None else _GeteldePaginator(items, per, aantal)
    return paginator.get_page(request.GET.get("pagina"))
