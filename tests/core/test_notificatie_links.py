"""Every link in a notification (in-app and e-mail) is a reverse()d path of one of the app's own
pages: notify() refuses any other, the demo region's news and the daily signal jobs only produce
links that resolve, and no service builds a link by hand."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import resolve, reverse

import jeugdketen
from jeugdketen.core.models import Notificatie, OutboxBericht
from jeugdketen.core.outbox import app_link, notify
from jeugdketen.organisaties.models import Gebruiker


def test_a_link_must_be_a_page_of_the_app() -> None:
    assert app_link(reverse("home")) == "/"
    assert app_link(reverse("notificaties") + "?pagina=2#nieuw") == "/notificaties/?pagina=2#nieuw"
    for wrong in ("/bestaat-niet/", "https://elders.example/gezinnen/", "//elders.example/", "gezinnen/"):
        with pytest.raises(ValueError):
            app_link(wrong)


def test_notify_refuses_a_link_that_does_not_resolve_and_queues_nothing(region: Any) -> None:
    user = Gebruiker.objects.filter(email__gt="").first()
    assert user is not None
    before = OutboxBericht.objects.count()
    with pytest.raises(ValueError, match="does not resolve"):
        notify(ontvanger=user, soort="test", titel="Nieuws", link="/gezinnen/oud-adres/", dedupe_key="test:1")
    assert OutboxBericht.objects.count() == before
    notify(ontvanger=user, soort="test", titel="Nieuws", link=reverse("notificaties"), dedupe_key="test:2")
    assert OutboxBericht.objects.count() > before


def test_every_link_the_demo_and_the_daily_jobs_send_resolves(db: Any) -> None:
    """The demo families are made through the services (invitations, plan news, agreements,
    handovers); the daily jobs then send the time-based signals of gezinsplan and toekomstplan."""
    from jeugdketen.demo.generator import build
    from jeugdketen.gezinsplan import services as gezinsplan
    from jeugdketen.toekomstplan import services as toekomstplan

    build(size=1)
    gezinsplan.tijdsignalen_versturen()
    toekomstplan.signalen_versturen()
    links = set(OutboxBericht.objects.values_list("link", flat=True)) | set(
        Notificatie.objects.values_list("link", flat=True)
    )
    assert len(links - {""}) >= 3  # invitations, plan news, signals: several kinds of page
    for link in links - {""}:
        resolve(link.split("?")[0].split("#")[0])


HAND_BUILT = re.compile(r"""(?:link|meer_link)\s*=\s*f?["']/|return\s+f["']/""")


def test_no_service_or_work_list_builds_a_link_by_hand() -> None:
    root = Path(jeugdketen.__file__).parent
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in root.glob("*/*.py")
        if p.name in {"services.py", "tasks.py", "werklijst.py", "selectors.py", "outbox.py", "werk.py"}
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_BUILT.search(line)
    ]
    assert found == [], f"use reverse(): {found}"


def test_no_notification_links_to_the_home_page() -> None:
    """A notification leads to the page where it is acted on; the home page is never that page
    (a withdrawn consent once linked to `/`)."""
    root = Path(jeugdketen.__file__).parent
    home = re.compile(r"""link\s*=\s*reverse\(\s*["']home["']""")
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in root.glob("*/*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if home.search(line)
    ]
    assert found == []


def test_joining_a_match_of_three_gives_one_message_per_person(region: Any) -> None:
    """One notification per event per person: the third organisation to register a youth gets one
    message (and one e-mail) naming both others, not one per other organisation."""
    from tests.verwijsindex.factories import RegistratieFactory, new_bsn

    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    third = RegistratieFactory(door="huisarts", bsn=bsn)
    assert third.match is not None
    mine = OutboxBericht.objects.filter(soort="verwijsindex_match", ontvanger__username="huisarts")
    assert sorted(mine.values_list("kanaal", flat=True)) == sorted({b.kanaal for b in mine})  # one per channel
    assert mine.filter(kanaal="in_app").count() == 1
    (titel,) = mine.filter(kanaal="in_app").values_list("titel", flat=True)
    others = third.match.meldingen.exclude(pk=third.melding.pk).values_list("organisatie__naam", flat=True)
    assert all(naam in titel for naam in others)
    resolve(mine.first().link)  # and it leads to the match page
    assert "/verwijsindex/" in mine.first().link
