"""core.paginering.pagina: the page of a list, with an optional count of its own (`aantal=`)."""

from __future__ import annotations

from django.test import RequestFactory

from jeugdketen.core.paginering import pagina


def test_the_count_is_the_lists_own_without_aantal() -> None:
    page = pagina(RequestFactory().get("/", {"pagina": "2"}), list(range(30)), per=25)
    assert page.paginator.count == 30 and page.number == 2 and list(page.object_list) == list(range(25, 30))


def test_aantal_replaces_the_count_and_is_asked_once() -> None:
    gevraagd: list[int] = []

    def aantal() -> int:
        gevraagd.append(1)
        return 30

    page = pagina(RequestFactory().get("/", {"pagina": "9"}), list(range(30)), per=10, aantal=aantal)
    assert page.paginator.count == 30 and page.paginator.num_pages == 3
    assert page.number == 3 and list(page.object_list) == list(range(20, 30))  # out of range: the last page
    assert len(gevraagd) == 1
