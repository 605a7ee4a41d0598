"""Every access-log entry names the request (or task) it came from (SECURITY A1, issue 17 point
8b): the caller's sane X-Request-ID or a new one, returned in the answer; also the entries of a
system actor acting within a request, and a scheduled task's entries — never "-"."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from jeugdketen.celery import app
from jeugdketen.core.access import Actor
from jeugdketen.core.middleware import RequestIdMiddleware
from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.core.toegangslog import log_access
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Organisatie

SYSTEEM = Actor(user=None, rol="systeem", display_name="test", namens="regio", bronsysteem="test-taak")
GENERATED = re.compile(r"^[0-9a-f]{32}$")


def api_client() -> Client:
    _row, key = issue_key(organisatie=Organisatie.objects.get(naam__startswith="Toegangsteam"), systeem="t", by=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_an_api_key_read_writes_the_callers_request_id_or_a_new_one(region: Any) -> None:
    api = api_client()
    before = Toegangslogregel.objects.count()
    given = api.get("/api/v1/verwijsindex/meldingen/", HTTP_X_REQUEST_ID="partner-42.a_b")
    assert given.status_code == 200 and given["X-Request-ID"] == "partner-42.a_b"
    made = api.get("/api/v1/verwijsindex/meldingen/")
    assert GENERATED.match(made["X-Request-ID"])
    # not sane (a space, a newline, too long): replaced, never copied into the log
    for bad in ["met spatie", "a\nb", "x" * 65]:
        answer = api.get("/api/v1/verwijsindex/meldingen/", HTTP_X_REQUEST_ID=bad)
        assert GENERATED.match(answer["X-Request-ID"]), bad
    ids = list(Toegangslogregel.objects.order_by("id").values_list("request_id", flat=True)[before:])
    assert ids[:2] == ["partner-42.a_b", made["X-Request-ID"]] and len(ids) == 5
    assert "-" not in ids


def test_a_page_request_writes_its_request_id(region: Any, no_2fa: None) -> None:
    client = Client()
    response = client.post(
        "/inloggen/", {"username": "toegang", "password": DEMO_PASSWORD}, HTTP_X_REQUEST_ID="pagina-1"
    )
    assert response.status_code == 302 and response["X-Request-ID"] == "pagina-1"
    entry = Toegangslogregel.objects.filter(actie=Actie.LOGIN).latest("id")
    assert entry.request_id == "pagina-1"
    page = client.get("/", HTTP_X_REQUEST_ID="x y")
    assert page.status_code == 200 and GENERATED.match(page["X-Request-ID"])


def test_a_system_actor_within_a_request_writes_that_requests_id(db: Any) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        log_access(SYSTEEM, actie=Actie.INFORM, object_type="test", object_id="1")
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="oorzaak-7")
    response = RequestIdMiddleware(view)(request)
    assert response["X-Request-ID"] == "oorzaak-7"
    assert Toegangslogregel.objects.get(object_type="test").request_id == "oorzaak-7"
    # outside any request the id is gone again
    log_access(SYSTEEM, actie=Actie.INFORM, object_type="test", object_id="2")
    assert Toegangslogregel.objects.get(object_type="test", object_id="2").request_id == "-"


@app.task(name="tests.core.test_request_id.log_iets")
def log_iets() -> None:
    log_access(SYSTEEM, actie=Actie.INFORM, object_type="taak", object_id="1")


def test_a_tasks_entries_carry_the_tasks_id(db: Any) -> None:
    log_iets.apply(task_id="abc-123")
    assert Toegangslogregel.objects.get(object_type="taak").request_id == "taak-abc-123"
    log_access(SYSTEEM, actie=Actie.INFORM, object_type="taak", object_id="2")
    assert Toegangslogregel.objects.get(object_type="taak", object_id="2").request_id == "-"
