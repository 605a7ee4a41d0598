"""core.paginering.pagina: the page of a list, with an optional count of its own (`aantal=`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory

from jeugdketen.core import paginering
from jeugdketen.core.paginering import pagina


def test_the_count_is_the_lists_own_without_aantal() -> None:
    page = pagina(RequestFactory().get("/", {"pagina": "2"}), list(range(30)), per=25)
    assert page.paginator.count == 30 and page.number == 2 and list(page.object_list) == list(range(25, 30))


def test_aantal_replaces_the_count_and_is_asked_once() -> None:
    gevraagd: list[int] = []

    def aantal(tot: int) -> int:
        gevraagd.append(tot)
        return 30

    page = pagina(RequestFactory().get("/", {"pagina": "9"}), list(range(30)), per=10, aantal=aantal)
    assert page.paginator.count == 30 and page.paginator.num_pages == 3
    assert page.number == 3 and list(page.object_list) == list(range(20, 30))  # out of range: the last page
    assert len(gevraagd) == 1


# The capped count (issue 16): exact up to TELLEN_TOT rows or the end of the requested page,
# "meer dan N" beyond, and "next" right all the way to the last row.


def _pagina(nummer: int | str, rijen: list[int], per: int, monkeypatch: pytest.MonkeyPatch, tot: int) -> Any:
    monkeypatch.setattr(paginering, "TELLEN_TOT", tot)
    return pagina(RequestFactory().get("/", {"pagina": nummer}), rijen, per=per)


def test_beyond_the_cap_the_count_stops_one_row_past_it_and_says_more(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _pagina(1, list(range(30)), 5, monkeypatch, tot=10)
    assert page.paginator.count == 11 and page.paginator.meer_dan == 10 and page.paginator.meer_dan_paginas == 2
    assert page.has_next() and list(page.object_list) == [0, 1, 2, 3, 4]
    exact = _pagina(1, list(range(10)), 5, monkeypatch, tot=10)
    assert exact.paginator.count == 10 and exact.paginator.meer_dan is None and not exact.paginator.meer_dan_paginas


def test_following_next_beyond_the_cap_reaches_every_row_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rijen, gezien, nummer = list(range(33)), [], 1
    while True:
        page = _pagina(nummer, rijen, 5, monkeypatch, tot=10)
        assert page.number == nummer
        gezien += list(page.object_list)
        if not page.has_next():
            break
        nummer = page.next_page_number()
    assert gezien == rijen
    assert page.paginator.meer_dan is None and page.paginator.count == 33  # the last page knows the end


@pytest.mark.parametrize("nummer", ["x", "2.5", "", "0", "-4", str(10**40)])
def test_odd_page_numbers_give_a_page_not_an_error(nummer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _pagina(nummer, list(range(30)), 5, monkeypatch, tot=10)
    assert 1 <= page.number <= page.paginator.num_pages


def test_aantal_is_asked_with_the_rows_to_count_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    gevraagd: list[int] = []

    def aantal(tot: int) -> int:
        gevraagd.append(tot)
        return min(tot, 500)

    monkeypatch.setattr(paginering, "TELLEN_TOT", 100)
    page = pagina(RequestFactory().get("/", {"pagina": "7"}), list(range(500)), per=25, aantal=aantal)
    assert gevraagd == [176] and page.paginator.meer_dan == 175 and page.has_next()  # up to page 7, + 1


def test_every_list_pages_through_core_paginering() -> None:
    """Django's Paginator used directly counts every row of the list (issue 16): no module but
    core.paginering imports it, and the API's lists use `Paginering` (settings.REST_FRAMEWORK)."""
    from django.conf import settings

    src = Path(__file__).resolve().parents[2] / "src" / "jeugdketen"
    direct = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p != src / "core" / "paginering.py" and "django.core.paginator" in p.read_text(encoding="utf-8")
    )
    assert direct == []
    assert settings.REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] == "jeugdketen.core.paginering.Paginering"
