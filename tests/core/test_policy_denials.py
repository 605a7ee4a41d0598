"""A route refused by its `@policy` (the wrong role, a citizen on a professionals' page) is a
logged denial like every other refusal: one denied access-log row, through `core.access.refuse`,
then the same 404. Pages and API classes alike, plekvrij's included."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jeugdketen.core.access import ROUTE
from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from tests.gezinnen.helpers import last_log_id


def _rows(before: int) -> list[Toegangslogregel]:
    return list(Toegangslogregel.objects.filter(pk__gt=before).order_by("pk"))


def test_a_refused_role_leaves_exactly_one_denial_for_the_route(client_for: Any) -> None:
    beleid = client_for("beleid")  # policy staff: the family list is for care professionals
    url = reverse("gezinsplan:lijst")
    before = last_log_id()
    assert beleid.get(url).status_code == 404
    rows = _rows(before)
    assert [(r.uitkomst, r.object_type, r.object_id, r.segment, r.actie) for r in rows] == [
        (Uitkomst.DENIED, ROUTE, url, "gezinsplan:lijst", Actie.READ)
    ]
    assert rows[0].gebruiker_naam and rows[0].client_id in ("", "-")  # who tried; no person's data named


def test_a_refused_post_is_logged_as_the_change_it_tried(client_for: Any) -> None:
    ouder = client_for("ouder")  # a citizen: creating a family is for care professionals
    before = last_log_id()
    assert ouder.post(reverse("gezinnen:nieuw"), {"naam": "x"}).status_code == 404
    assert [(r.uitkomst, r.object_type, r.actie) for r in _rows(before)] == [(Uitkomst.DENIED, ROUTE, Actie.UPDATE)]


def test_someone_the_policy_admits_leaves_no_route_denial(client_for: Any) -> None:
    before = last_log_id()
    assert client_for("toegang").get(reverse("gezinsplan:lijst")).status_code == 200
    assert not [r for r in _rows(before) if r.object_type == ROUTE]


def test_plekvrij_pages_and_api_refuse_a_role_through_the_same_denial(client_for: Any) -> None:
    beleid = client_for("beleid")
    for url, name in (
        (reverse("plekvrij:mijn_plekken"), "plekvrij:mijn_plekken"),
        ("/api/v1/plekvrij/plekken/", "plekvrij:api-plek-list"),
    ):
        before = last_log_id()
        assert beleid.get(url).status_code == 404
        assert [(r.uitkomst, r.object_type, r.segment) for r in _rows(before)] == [(Uitkomst.DENIED, ROUTE, name)]


def test_the_monitors_own_role_checks_are_logged_denials_too(client_for: Any) -> None:
    """Past `@policy` the monitor checks the kind of organisation (policy office, provider): a
    professional of the access team is refused there with the same one logged denial."""
    toegang = client_for("toegang")
    for name in ("monitor:overzicht", "monitor:aanbieder"):
        url = reverse(name)
        before = last_log_id()
        assert toegang.get(url).status_code == 404
        assert [(r.uitkomst, r.object_type, r.object_id) for r in _rows(before)] == [(Uitkomst.DENIED, ROUTE, url)], (
            name
        )
