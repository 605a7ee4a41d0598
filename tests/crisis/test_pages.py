"""The pages a crisis worker uses: the report on one page, the board (sorted, flagged, no
JavaScript, a fixed number of queries), 'Mijn werk', and clear Dutch messages for bad input."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.core.models import Toegangslogregel
from jeugdketen.crisis.models import Aanpak, Crisiscasus, MomentSoort
from tests.crisis.factories import CrisiscasusFactory, gemeente
from tests.crisis.helpers import melding, moment, triage


def _report_form(**extra: str) -> dict[str, str]:
    data = {
        "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "kanaal": "telefoon",
        "melder_soort": "burger",
        "melder_relatie": "ouder",
        "melder_naam": "Moeder",
        "gemeente": str(gemeente("GM0928").pk),
        "wat_speelt": "Dochter dreigt van huis weg te lopen, vader is agressief.",
        "gevaar": "hoog",
        "jeugdige-0-voornaam": "Lieke",
        "jeugdige-0-leeftijd": "14",
    }
    data.update(extra)
    return data


def test_a_report_is_one_page_and_one_post(client_for: Any) -> None:
    client = client_for("crisisdienst")
    page = client.get("/crisis/melding/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script" not in html  # works without JavaScript
    response = client.post("/crisis/melding/", _report_form())
    casus = Crisiscasus.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/crisis/casus/{casus.uuid}/triage/"
    assert casus.verantwoordelijke_gemeente.cbs_code == "GM0928"
    assert [j.voornaam for j in casus.jeugdigen.all()] == ["Lieke"]
    assert casus.klokken.get().norm == "stabilisatie"  # the 24-hour clock started with the report
    entry = Toegangslogregel.objects.get(object_id=str(casus.uuid), actie="create")
    assert "[bijzonder]" in entry.segment  # special-category data, logged as such


def test_bad_input_gives_dutch_messages_at_the_fields_not_a_500(client_for: Any) -> None:
    client = client_for("crisisdienst")
    response = client.post(
        "/crisis/melding/",
        _report_form(
            **{"wat_speelt": "", "jeugdige-0-leeftijd": "", "jeugdige-0-voornaam": "", "ontvangen_op": "gisteren"}
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een geldige datum/tijd in" in html or "Voer een geldige datum/tijd in" in html
    assert not Crisiscasus.objects.exists()
    response = client.post("/crisis/melding/", _report_form(wat_speelt="", **{"jeugdige-0-bsn": "123456789"}))
    html = response.content.decode()
    assert "Schrijf kort op wat er speelt." in html
    assert "11-proef" in html
    response = client.post("/crisis/melding/", _report_form(**{"jeugdige-0-leeftijd": "23"}))
    assert "22" in response.content.decode() and not Crisiscasus.objects.exists()


def test_a_megabyte_of_text_in_a_textarea_gets_a_dutch_message_at_the_field(client_for: Any) -> None:
    client = client_for("crisisdienst")
    response = client.post("/crisis/melding/", _report_form(wat_speelt="x" * 1_000_000))
    assert response.status_code == 200
    fout = response.context["form"].errors["wat_speelt"][0]
    assert "5000" in fout and fout in response.content.decode()  # Dutch, at the field
    assert not Crisiscasus.objects.exists()


@time_machine.travel(dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_the_board_sorts_by_the_nearest_deadline_and_flags_at_75_percent_and_when_passed(client_for: Any) -> None:
    nu = timezone.now()
    ruim = CrisiscasusFactory(ontvangen_op=nu - dt.timedelta(hours=1))
    bijna = CrisiscasusFactory(ontvangen_op=nu - dt.timedelta(hours=19))
    over = CrisiscasusFactory(ontvangen_op=nu - dt.timedelta(hours=30))
    verblijf = melding(ontvangen=nu - dt.timedelta(days=6, hours=12))
    triage(verblijf, Aanpak.VERBLIJF)
    moment(verblijf, MomentSoort.GESTABILISEERD, verblijf.ontvangen_op + dt.timedelta(hours=3))
    moment(verblijf, MomentSoort.RONDETAFEL, verblijf.ontvangen_op + dt.timedelta(hours=4))
    moment(verblijf, MomentSoort.VERBLIJF_START, verblijf.ontvangen_op + dt.timedelta(hours=5), plek="Crisisgezin")
    html = client_for("crisisdienst").get("/crisis/").content.decode()
    # Deadlines: 6 h ago, in 5 h (stabilisation), in 17 h (the week of crisis stay), in 23 h.
    order = [html.index(f"/crisis/casus/{c.uuid}/") for c in (over, bijna, verblijf, ruim)]
    assert order == sorted(order)
    rows = re.findall(r'<li class="cr-rij([^"]*)">', html)
    assert rows == [" cr-rij--over", " cr-rij--bijna", " cr-rij--bijna", ""]
    assert "6 u 0 min over de norm" in html  # 30 h after the report: 6 h past the 24-hour norm
    assert "nog 5 u 0 min" in html and "79% van de norm" in html
    assert "<script" not in html


def test_the_board_needs_the_same_number_of_queries_for_3_or_30_cases(client_for: Any) -> None:
    client = client_for("crisisdienst")
    CrisiscasusFactory.create_batch(3, jongeren=2, aanpak=Aanpak.BEIDE)
    client.get("/crisis/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/crisis/").status_code == 200
    CrisiscasusFactory.create_batch(27, jongeren=2, aanpak=Aanpak.BEIDE)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/crisis/").status_code == 200
    assert len(many) == len(few)


def test_crisisdienst_lands_on_the_board(client_for: Any) -> None:
    CrisiscasusFactory(ontvangen_op=timezone.now() - dt.timedelta(hours=30))
    html = client_for("crisisdienst").get("/").content.decode()
    assert "Crisisbord: lopende casussen" in html
    assert html.index("Crisisbord: lopende casussen") < html.index("Nieuwe berichten")
    assert 'href="/crisis/"' in html  # in the menu
    assert "te laat" in html
    assert Toegangslogregel.objects.filter(actie="search", segment="crisis werk bord [bijzonder]").exists()


def test_the_case_page_shows_the_moments_with_time_and_who(client_for: Any) -> None:
    casus = melding(ontvangen=timezone.now() - dt.timedelta(hours=5))
    triage(casus, Aanpak.AMBULANT, ter_plaatse=True)
    moment(casus, MomentSoort.TER_PLAATSE, casus.ontvangen_op + dt.timedelta(hours=1, minutes=30))
    html = client_for("crisisdienst").get(f"/crisis/casus/{casus.uuid}/").content.decode()
    assert "Beoordeling ter plaatse" in html and "vastgelegd door Esther Lemmens" in html
    assert "binnen de norm" in html
    assert "Ambulante crisishulp" in html


def test_a_moment_in_the_future_or_before_the_report_is_refused_in_plain_dutch(client_for: Any) -> None:
    casus = melding(ontvangen=timezone.now() - dt.timedelta(hours=2))
    client = client_for("crisisdienst")
    toekomst = (timezone.localtime() + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    html = client.post(
        f"/crisis/casus/{casus.uuid}/moment/", {"soort": "gestabiliseerd", "tijdstip": toekomst}
    ).content.decode()
    assert "ligt in de toekomst" in html
    eerder = (timezone.localtime() - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    html = client.post(
        f"/crisis/casus/{casus.uuid}/moment/", {"soort": "gestabiliseerd", "tijdstip": eerder}
    ).content.decode()
    assert "vóór de melding" in html
    html = client.post(
        f"/crisis/casus/{casus.uuid}/moment/", {"soort": "verblijf_start", "tijdstip": eerder}
    ).content.decode()
    assert not casus.momenten.exists()


def test_a_clock_seen_on_a_dst_night_is_24_real_hours(client_for: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 28, 11, 0, tzinfo=dt.UTC), tick=False):  # 12:00 CET
        casus = melding(ontvangen=timezone.now())
    with time_machine.travel(dt.datetime(2026, 3, 29, 10, 30, tzinfo=dt.UTC), tick=False):  # 12:30 CEST
        html = client_for("crisisdienst").get("/crisis/").content.decode()
    assert "nog 30 min" in html  # 23.5 real hours gone, not 24.5 as the wall clock suggests
    assert casus.klokken.get().deadline == dt.datetime(2026, 3, 29, 11, 0, tzinfo=dt.UTC)  # 13:00 CEST


def test_a_report_or_moment_dated_year_one_is_refused_not_started_decades_overdue(client_for: Any) -> None:
    """A typo in the year (01-01-0001) must not start a norm clock that is decades overdue."""
    with pytest.raises(ValidationError) as refused:
        melding(ontvangen=dt.datetime(1, 1, 1, 12, 0, tzinfo=dt.UTC))
    assert "Deze datum kan niet kloppen. Vul een datum in tussen" in str(refused.value)
    assert not Crisiscasus.objects.exists()
    casus = melding(ontvangen=timezone.now() - dt.timedelta(hours=2))
    html = (
        client_for("crisisdienst")
        .post(f"/crisis/casus/{casus.uuid}/moment/", {"soort": "gestabiliseerd", "tijdstip": "0001-01-01T12:00"})
        .content.decode()
    )
    assert casus.momenten.count() == 0
    assert "Server Error" not in html
