"""The period filter of the access-log pages: inclusive dates, plain-Dutch errors, no 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.core.periode import from_query
from jeugdketen.core.toegangslog import log_access
from tests.conftest import actor


def test_parsing() -> None:
    assert from_query({"van": "2026-03-01", "tot": "2026-03-31"}).van == dt.date(2026, 3, 1)
    assert "Vul een datum in" in from_query({"van": "morgen"}).fout
    assert "Vul een datum in" in from_query({"tot": "2026-02-30"}).fout
    assert "begindatum ligt na de einddatum" in from_query({"van": "2026-04-01", "tot": "2026-03-01"}).fout
    assert from_query({}).fout == ""


def test_the_end_date_counts_the_whole_day(region: Any) -> None:
    row = log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan", client_id="p-1")
    day = timezone.localdate(row.tijdstip)
    same_day = from_query({"van": day.isoformat(), "tot": day.isoformat()})
    assert same_day.filter(Toegangslogregel.objects.filter(pk=row.pk)).exists()
    before = from_query({"tot": (day - dt.timedelta(days=1)).isoformat()})
    assert not before.filter(Toegangslogregel.objects.filter(pk=row.pk)).exists()


def test_log_manager_page_with_a_bad_date_explains_it(client_for: Any) -> None:
    response = client_for("logbeheer").get("/toegangslog/", {"van": "gisteren"})
    assert response.status_code == 200
    assert "Vul een datum in" in response.content.decode()
