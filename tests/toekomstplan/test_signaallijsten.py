"""Watch lists for the access team per municipality: who is on them, names only with consent,
paginated, and a query count that does not grow with the number of youths (issue 5.4, 5.7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.core import kalender
from jeugdketen.toekomstplan import leeftijd, selectors, views
from jeugdketen.toekomstplan.models import Onderdeel, Status

from .factories import PlanonderdeelFactory, ToekomstplanFactory, as_actor, client_as, family_in_care

pytestmark = pytest.mark.usefixtures("no_2fa")
URL = "/toekomstplan/signalen/"


def _born_days_after(boundary: Any, days: int) -> dt.date:
    """A birth date whose boundary is `days` after today (negative: already passed)."""
    return kalender.uiterlijk_geboren(boundary, kalender.vandaag() + dt.timedelta(days=days))


def _names(lijst: str, gemeente: Any = None) -> set[str]:
    from jeugdketen.organisaties.models import Gemeente

    gemeente = gemeente or Gemeente.objects.get(cbs_code="GM0917")
    actor = as_actor("toegang")
    qs = selectors.watch_list(actor, lijst=lijst, gemeente=gemeente, op=kalender.vandaag(), totalen=selectors.totals())
    return {y.voornaam for y in qs}


def test_youths_16_5_and_older_without_a_plan(region: Any) -> None:
    _, on_day, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, 0))
    _, day_before, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, 1))
    _, with_plan, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -30))
    ToekomstplanFactory(jeugdige=with_plan)
    _, not_in_care, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -30), with_plan=False)
    _, elsewhere, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -30), gemeente="GM0928")
    _, adult, _ = family_in_care(geboortedatum=_born_days_after(kalender.achttien, 0))
    assert _names(selectors.ZONDER_PLAN) == {on_day.voornaam}


def test_youths_within_6_months_of_18_with_must_items_open(region: Any) -> None:
    _, on_day, _ = family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, 0))
    _, day_before, _ = family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, 1))
    _, done, _ = family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -10))
    plan = ToekomstplanFactory(jeugdige=done)
    for item in Onderdeel.objects.filter(voor_18=True):
        PlanonderdeelFactory(plan=plan, onderdeel=item, status=Status.GEREGELD)
    _, day_before_18, _ = family_in_care(geboortedatum=_born_days_after(kalender.achttien, 1))
    _, turned_18, _ = family_in_care(geboortedatum=_born_days_after(kalender.achttien, 0))
    assert _names(selectors.VOOR_18_OPEN) == {on_day.voornaam, day_before_18.voornaam}
    # Turning 18 with care continuing: from 6 months before to 3 months after the 18th birthday.
    assert _names(selectors.ZORG_NA_18) == {on_day.voornaam, done.voornaam, day_before_18.voornaam, turned_18.voornaam}


def test_names_only_where_the_team_has_consent(region: Any) -> None:
    _, own, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -5))
    _, other, _ = family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -5), by="aanbieder")
    response = client_as("toegang").get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert own.voornaam in body and other.voornaam not in body
    assert "naam afgeschermd" in body
    # For the shielded youth only the month of the 18th birthday shows, never the day.
    assert body.count("18 jaar op ") == 1 and body.count("18 jaar in ") == 1


@pytest.mark.parametrize("who", ["aanbieder", "beleid", "ouder"])
def test_only_the_access_team_reaches_the_lists(region: Any, who: str) -> None:
    assert client_as(who).get(URL).status_code == 404


def test_bad_filters_get_a_dutch_message_not_an_error(region: Any) -> None:
    response = client_as("toegang").get(URL, {"lijst": "alles", "gemeente": "x"})
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden" in response.content.decode()


def test_paginated_and_the_query_count_does_not_grow(
    region: Any, django_assert_num_queries: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    client = client_as("toegang")
    for lijst in selectors.LIJSTEN:
        client.get(URL, {"lijst": lijst})  # warm the session and caches

    def make(n: int) -> None:
        for i in range(n):
            family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -i))
            family_in_care(geboortedatum=_born_days_after(kalender.zestieneneenhalf, -i), by="aanbieder")

    make(1)
    counts = {}
    for lijst in selectors.LIJSTEN:
        with CaptureQueriesContext(connection) as small:
            assert client.get(URL, {"lijst": lijst}).status_code == 200
        counts[lijst] = len(small)
    make(6)
    for lijst in selectors.LIJSTEN:
        with django_assert_num_queries(counts[lijst]):
            response = client.get(URL, {"lijst": lijst, "pagina": "2"})
        assert response.status_code == 200
    assert "Pagina 2 van" in response.content.decode()
