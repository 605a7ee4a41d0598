"""The one way a list page pages: `pagina(request, items)` is the `page` that
`core/_paginering.html` shows (previous/next links that keep the page's filter). A list never cuts
off at a fixed number: a user with more rows than fit on one page gets the next page.

    page = pagina(request, selectors.mijn_plekken(actor))
    return render(request, "app/lijst.html", {"page": page, "rijen": list(page.object_list)})

The query parameter is `pagina`; a page number that is not a number or is out of range gives
the nearest page (Django's `get_page`), never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGINA = 25


def pagina(request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per: int = PER_PAGINA) -> Page[Any]:
    """The requested page of `items` (an ordered queryset: one COUNT and one page query)."""
    return Paginator(items, per).get_page(request.GET.get("pagina"))
