"""Every route declares who may reach it; anonymous visitors reach nothing but the login."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jeugdketen.core.access import POLICY_ATTR

# Routes an anonymous visitor may reach: the login page itself, health probes for the load
# balancer, the (non-personal) OpenAPI description, the language switch, the admin-login
# redirect that sends to our own login, and the page where an invited family or network member
# turns a one-time code into an account (they have no login yet).
PUBLIC = {"login", "health_live", "health_ready", "api-schema", "set_language", "beheer/login/", "uitnodiging"}
# DigiD: the start of its login ("login"), its answers (the login's "acs", the single logout's
# "slo-redirect" and "slo-soap"), the page for someone DigiD knows but we do not, and in the demo
# the mock identity provider's pages ("login", "bsn").
PUBLIC |= {"acs", "slo-redirect", "slo-soap", "geen_toegang", "bsn"}
# The sociale kaart: the region's help offers, public by design (PRODUCT 5).
PUBLIC |= {"sociale_kaart", "sociale_kaart_aanbod"}
# The monitor's open data: suppressed aggregates with their definitions, no person (issue 13).
PUBLIC |= {"open", "open_csv", "open_json"}
# Family experience for members without an account: typing the one-time code of the regisseur's
# letter, and the invitation opened with it (works once, expires, rate-limited; issue 13 point 7),
# at a fixed address (the checked code is in the session), and the 404 for a code in an address.
PUBLIC |= {"code_invoeren", "code_antwoord", "code_in_adres"}


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        else:
            yield prefix + str(p.pattern), namespace, p


def concrete(route: str) -> str:
    """A URL for a pattern, with a random UUID for every converter (the object won't exist)."""
    import re

    path = re.sub(r"<(?:uuid:)?[a-z_]+>", str(uuid.uuid4()), route)
    path = re.sub(r"<(?:int|str|slug|path):[a-z_]+>", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


def declared_policy(pattern: URLPattern) -> Any:
    func = pattern.callback
    return getattr(func, POLICY_ATTR, None) or getattr(getattr(func, "cls", None), POLICY_ATTR, None)


ALL = [r for r in walk(get_resolver().url_patterns) if r[1] != "beheer"]


def test_every_route_declares_a_policy() -> None:
    missing = [route for route, _ns, pattern in ALL if declared_policy(pattern) is None]
    assert missing == [], f"views without a declared access policy: {missing}"


def test_only_the_known_routes_are_public() -> None:
    public = {(p.name or route) for route, _ns, p in ALL if (pol := declared_policy(p)) and pol.public}
    assert public <= PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r, _ns, p in ALL if (p.name or r) not in PUBLIC and "(?P" not in r])
def test_anonymous_visitor_is_sent_to_login(route: str) -> None:
    response = Client().get(concrete(route))
    if concrete(route).startswith("/api/"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")


@pytest.mark.django_db
def test_admin_is_closed_to_anonymous_visitors() -> None:
    response = Client().get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


@pytest.mark.django_db
def test_no_integer_ids_in_client_routes() -> None:
    """External ids are UUIDs: no <int:...> converters outside the admin (SECURITY B2)."""
    assert [r for r, _ns, _p in ALL if "<int:" in r] == []


def test_missing_and_forbidden_look_the_same(client_for: Any) -> None:
    """A 404 page says nothing about whether the thing exists."""
    a = client_for("toegang").get(f"/bestaat-niet-{uuid.uuid4()}/")
    b = client_for("toegang").get("/toegangslog/")  # exists, but not for this role
    assert a.status_code == b.status_code == 404

    def normalised(content: bytes) -> bytes:
        # The masked CSRF token differs per response, and the language switch echoes the
        # requested path; neither says anything about whether the object exists.
        import re

        content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
        return re.sub(rb'name="next" type="hidden" value="[^"]+"', b"", content)

    assert normalised(a.content) == normalised(b.content)
