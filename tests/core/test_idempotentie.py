"""Idempotent changing API calls (SECURITY F3): a retry with the same Idempotency-Key gets the
first answer and creates nothing twice, also when the two calls race; the same key with another
request is a Dutch 422; another caller's key is their own; keys expire and a task removes them."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.core import idempotentie, tasks
from jeugdketen.core.models import Idempotentiesleutel, Toegangslogregel
from jeugdketen.organisaties.api_auth import issue_key, revoke_key
from jeugdketen.plekvrij.models import Reservering
from tests.plekvrij.conftest import leeg  # noqa: F401 - the fixture
from tests.plekvrij.factories import PlekFactory, organisatie

URL = "/api/v1/plekvrij/reserveringen/"


def key_of(org: str = "Toegangsteam Jeugd Heerlen") -> tuple[Any, Client]:
    row, key = issue_key(organisatie=organisatie(org), systeem="test", by=None)
    return row, Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def reservation(plek: Any, **extra: Any) -> dict[str, Any]:
    return {"plek": str(plek.uuid), "uren": 4, "initialen": "K.L.", "leeftijd": 13, "contact_telefoon": "045", **extra}


def post(client: Client, data: Any, key: str | None = "bestelling-1", *, raw: str | None = None) -> Any:
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return client.post(URL, raw if raw is not None else json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def plek(leeg: Any) -> Any:  # noqa: F811
    return PlekFactory(gecontracteerd=5, bezet=0, leeftijd_tot=17)


def test_a_retry_with_the_same_key_gets_the_first_answer_and_creates_once(plek: Any) -> None:
    _row, api = key_of()
    first = post(api, reservation(plek))
    assert first.status_code == 201, first.content
    # the same body, sent again with other spacing and key order: the same request
    again = post(api, None, raw=json.dumps(dict(reversed(list(reservation(plek).items()))), indent=2))
    assert again.status_code == 201 and again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert Reservering.objects.filter(plek=plek).count() == 1
    # the replay shows the reservation again: one access-log entry of its own
    assert Toegangslogregel.objects.filter(object_type=idempotentie.OBJECT_TYPE, segment=URL).count() == 1
    # without a key, a second call is a second reservation (what the key protects against)
    assert post(api, reservation(plek), key=None).status_code == 201
    assert Reservering.objects.filter(plek=plek).count() == 2


def test_the_same_key_with_another_body_or_path_is_a_dutch_422(plek: Any) -> None:
    _row, api = key_of()
    assert post(api, reservation(plek)).status_code == 201
    other = post(api, reservation(plek, initialen="X"))
    assert other.status_code == 422
    assert "al gebruikt voor een ander verzoek" in other.json()["detail"]
    elsewhere = api.post(
        f"{URL}?x=1",
        json.dumps(reservation(plek)),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="bestelling-1",
    )
    assert elsewhere.status_code == 422
    assert Reservering.objects.filter(plek=plek).count() == 1


def test_another_caller_with_the_same_key_gets_nothing_of_the_first(plek: Any, client_for: Any) -> None:
    _row, api = key_of()
    first = post(api, reservation(plek))
    _row2, other_system = key_of("Toegangsteam Jeugd Heerlen")  # another key of the same organisation
    second = post(other_system, reservation(plek))
    assert second.status_code == 201 and second.json()["id"] != first.json()["id"]
    assert not second.has_header("Idempotent-Replayed")
    # a person's session is a caller of its own too
    person = client_for("toegang")
    third = post(person, reservation(plek))
    assert third.status_code == 201 and third.json()["id"] not in {first.json()["id"], second.json()["id"]}
    again = post(person, reservation(plek))
    assert again.content == third.content and again["Idempotent-Replayed"] == "true"
    assert Reservering.objects.filter(plek=plek).count() == 3


def test_a_revoked_key_gets_no_replay_and_a_refusal_is_not_kept(plek: Any) -> None:
    row, api = key_of()
    assert post(api, reservation(plek)).status_code == 201
    revoke_key(sleutel=row)
    assert post(api, reservation(plek)).status_code == 401
    assert post(api, reservation(plek), key="k-2").status_code == 401
    assert not Idempotentiesleutel.objects.filter(sleutel="k-2").exists()
    # a call without the right to reserve gets its 404, again and again, and reserves nothing
    _row, provider = key_of("Jeugdhulp Parkstad")
    assert post(provider, reservation(plek), key="k-3").status_code == 404
    assert post(provider, reservation(plek), key="k-3").status_code == 404
    assert Reservering.objects.filter(plek=plek).count() == 1


def test_a_failing_first_call_keeps_no_claim(plek: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from jeugdketen.plekvrij import services

    _row, api = key_of()
    calls = []

    def boom(**kwargs: Any) -> Any:
        calls.append(1)
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "reservering_maken", boom)
    api.raise_request_exception = False
    assert post(api, reservation(plek)).status_code == 500
    assert not Idempotentiesleutel.objects.exists()
    monkeypatch.undo()
    assert post(api, reservation(plek)).status_code == 201  # the retry really runs
    assert Reservering.objects.filter(plek=plek).count() == 1


def test_a_bad_key_is_a_dutch_400_and_reads_ignore_the_header(plek: Any) -> None:
    _row, api = key_of()
    bad = post(api, reservation(plek), key="x" * 201)
    assert bad.status_code == 400 and "ongeldig" in bad.json()["Idempotency-Key"][0]
    assert post(api, reservation(plek), key="met spatie").status_code == 400
    assert api.get(URL, HTTP_IDEMPOTENCY_KEY="x" * 300).status_code == 200
    assert Reservering.objects.filter(plek=plek).count() == 0


def test_keys_expire_and_the_scheduled_task_removes_them(plek: Any) -> None:
    _row, api = key_of()
    assert post(api, reservation(plek)).status_code == 201
    assert "idempotentie-opruimen" in tasks.scheduled()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=23), tick=False):
        assert tasks.idempotentie_opruimen() == 0
        assert post(api, reservation(plek))["Idempotent-Replayed"] == "true"
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25), tick=False):
        # an expired key that the task did not remove yet is not replayed either
        assert not post(api, reservation(plek)).has_header("Idempotent-Replayed")
        assert Reservering.objects.filter(plek=plek).count() == 2
    with time_machine.travel(timezone.now() + dt.timedelta(hours=50), tick=False):
        assert tasks.idempotentie_opruimen() == 1
    assert not Idempotentiesleutel.objects.exists()


def test_a_replay_costs_a_fixed_number_of_queries(plek: Any) -> None:
    _row, api = key_of()
    post(api, reservation(plek))
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            assert post(api, reservation(plek))["Idempotent-Replayed"] == "true"
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] == counts[2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_identical_calls_create_once_and_all_get_the_same_answer() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    from jeugdketen.demo.generator import build
    from jeugdketen.plekvrij.models import Hulpaanbod, Plek, Zoekopdracht

    build(size=0)
    Plek.objects.update(actief=False)
    Hulpaanbod.objects.update(gepubliceerd=False)
    Zoekopdracht.objects.all().delete()
    plek = PlekFactory(gecontracteerd=20, bezet=0, leeftijd_tot=17)
    _row, key = issue_key(organisatie=organisatie("Toegangsteam Jeugd Heerlen"), systeem="test", by=None)
    n = 8
    barrier = threading.Barrier(n)
    answers: list[tuple[int, bytes]] = []

    def call() -> None:
        try:
            barrier.wait()
            response = post(Client(HTTP_AUTHORIZATION=f"Bearer {key}"), reservation(plek), key="gelijktijdig")
            answers.append((response.status_code, response.content))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == n
    assert {status for status, _body in answers} == {201}
    assert len({body for _status, body in answers}) == 1
    assert Reservering.objects.filter(plek=plek).count() == 1


def test_the_schema_documents_the_header_on_every_changing_operation() -> None:
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json").read_text())
    changing = 0
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            names = {p["name"] for p in op.get("parameters", [])}
            if method in {"post", "put", "patch", "delete"}:
                changing += 1
                assert "Idempotency-Key" in names, (method, path)
                assert {"409", "422"} <= set(op["responses"]), (method, path)
                ok = next(code for code in op["responses"] if code.startswith("2"))
                assert "Idempotent-Replayed" in op["responses"][ok]["headers"], (method, path)
            else:
                assert "Idempotency-Key" not in names, (method, path)
    assert changing >= 10


def test_a_retry_while_the_first_still_runs_waits_then_gets_409(plek: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _row, api = key_of()
    assert post(api, reservation(plek)).status_code == 201
    Idempotentiesleutel.objects.update(status=None)  # as if the first call were still running
    monkeypatch.setattr(idempotentie, "WACHTEN", 0.1)
    busy = post(api, reservation(plek))
    assert busy.status_code == 409 and busy["Retry-After"] == "1"
    assert "nog verwerkt" in busy.json()["detail"]
    assert Reservering.objects.filter(plek=plek).count() == 1
    # a claim whose call died (no answer after five minutes) is taken over: the retry runs
    Idempotentiesleutel.objects.update(aangemaakt=timezone.now() - dt.timedelta(minutes=6))
    assert post(api, reservation(plek)).status_code == 201
    assert Reservering.objects.filter(plek=plek).count() == 2
