"""Two demo regions, Parkstad and Zuid-Kennemerland: as every role of one region, walk the pages
from the home page (every link on every page reached, breadth first) and find nothing of the
other region's families or youths on any of them."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from jeugdketen.demo import gezinsplan as parkstad_plans
from jeugdketen.demo import zuid_kennemerland as zk
from jeugdketen.demo.generator import LOGINS, REGION_NAMES
from jeugdketen.gezinnen.models import Gezin
from jeugdketen.organisaties.models import Gemeente, Regio
from tests.conftest import demo_built_once, login

MAX_PAGES = 20  # per login: the home page, its lists and the detail pages they link to
SKIP = ("/uitloggen", "/static/", "/media/", "/admin/", "/i18n/", "/taal")
HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')


@pytest.fixture(scope="module")
def two_regions(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    with demo_built_once(django_db_blocker) as regio:
        yield regio


def parkstad_names() -> list[str]:
    names = ["Linda Janssen", "Daan Janssen"]  # "Gezin Janssen" is also the form's example
    names += [spec[0] for spec in parkstad_plans.STATE_FAMILIES]
    return names


def walk(client: Client, forbidden: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """GET pages breadth first from "/", following same-site links; (pages seen, leaks found)."""
    seen: set[str] = set()
    queue = deque(["/"])
    leaks: list[tuple[str, str]] = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        leaks += [(url, name) for name in forbidden if name in html]
        for link in HREF.findall(html):
            if link not in seen:
                queue.append(link)
    return len(seen), leaks


def test_both_regions_are_in_the_demo(db: Any, two_regions: Any) -> None:
    assert list(Regio.objects.filter(naam__in=REGION_NAMES).values_list("naam", flat=True).order_by("naam")) == sorted(
        REGION_NAMES
    )
    assert set(Gemeente.objects.filter(regio__naam=zk.REGION_NAME).values_list("cbs_code", flat=True)) == {
        code for _n, code in zk.MUNICIPALITIES
    }
    for achternaam, *_rest in zk.FAMILIES:
        assert Gezin.objects.get(naam=f"Gezin {achternaam}").gemeente.regio.naam == zk.REGION_NAME


@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_a_parkstad_role_sees_nothing_of_zuid_kennemerland(
    db: Any, no_2fa: None, two_regions: Any, username: str
) -> None:
    pages, leaks = walk(login(Client(), username), zk.names())
    assert pages >= 1
    assert leaks == [], f"{username} saw Zuid-Kennemerland data: {leaks}"


@pytest.mark.parametrize("username", list(zk.LOGINS))
def test_a_zuid_kennemerland_role_sees_its_own_and_nothing_of_parkstad(
    db: Any, no_2fa: None, two_regions: Any, username: str
) -> None:
    client = login(Client(), username)
    pages, leaks = walk(client, parkstad_names())
    assert leaks == [], f"{username} saw Parkstad data: {leaks}"
    if username == "zk-toegang":  # the crawl really reaches family pages: it finds its own families
        _pages, own = walk(client, [f"Gezin {zk.FAMILIES[0][0]}"])
        assert own, "zk-toegang's own family was not on any page walked"
        assert pages > 3
