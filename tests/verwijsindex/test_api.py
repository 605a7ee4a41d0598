"""API for organisations' systems: key auth, revocation, rate limit, no content, scoping, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jeugdketen.organisaties.api_auth import issue_key, revoke_key
from jeugdketen.organisaties.models import ApiSleutel, Organisatie
from jeugdketen.verwijsindex.models import Melding
from tests.verwijsindex.factories import RegistratieFactory, new_bsn

BASE = "/api/v1/verwijsindex"


def test_core_gate_lets_api_keys_through(region: Any) -> None:
    _row, key = key_for("Toegangsteam")
    assert api(key).get(f"{BASE}/meldingen/").status_code == 200
    assert Client(HTTP_AUTHORIZATION="Bearer not-a-key").get(f"{BASE}/meldingen/").status_code in (401, 403)


def key_for(org_prefix: str) -> tuple[ApiSleutel, str]:
    return issue_key(organisatie=Organisatie.objects.get(naam__startswith=org_prefix), systeem="Testsysteem", by=None)


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(bsn: str, **extra: Any) -> dict[str, Any]:
    return {"bsn": bsn, "geboortedatum": "2012-05-01", "melder_email": "toegang@demo.jeugdketen.nl", **extra}


def test_register_list_remove_via_api(region: Any) -> None:
    _row, key = key_for("Toegangsteam")
    c = api(key)
    bsn = new_bsn()
    r = c.post(f"{BASE}/meldingen/", body(bsn), content_type="application/json")
    assert r.status_code == 201, r.content
    uuid = r.json()["uuid"]
    assert c.post(f"{BASE}/meldingen/", body(bsn), content_type="application/json").status_code == 200  # idempotent
    assert Melding.objects.count() == 1
    assert [m["uuid"] for m in c.get(f"{BASE}/meldingen/").json()["results"]] == [uuid]
    RegistratieFactory(door="school", bsn=bsn)
    matches = c.get(f"{BASE}/matches/").json()["results"]
    assert len(matches) == 1
    assert matches[0]["anderen"][0]["organisatie"] == "Basisschool De Bron"
    assert set(matches[0]["anderen"][0]) == {
        "organisatie",
        "melder_naam",
        "melder_telefoon",
        "melder_email",
        "coordinator_naam",
        "coordinator_telefoon",
        "coordinator_email",
        "gemeld_op",
    }
    r = c.post(f"{BASE}/meldingen/{uuid}/verwijderen/", {"reden": "risico_weg"}, content_type="application/json")
    assert r.status_code == 204
    assert c.get(f"{BASE}/meldingen/{uuid}/").status_code == 404


def test_unknown_fields_are_rejected(region: Any) -> None:
    _row, key = key_for("Toegangsteam")
    r = api(key).post(
        f"{BASE}/meldingen/", body(new_bsn(), reden="zorgen over thuissituatie"), content_type="application/json"
    )
    assert r.status_code == 400
    assert "geen inhoud" in r.json()["reden"][0]
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"bsn": "123456789"}, "11-proef"),
        ({"geboortedatum": "1990-01-01"}, "23 jaar"),
        ({"geboortedatum": "kwart over"}, "geboortedatum"),
        ({"melder_email": "school@demo.jeugdketen.nl"}, "melder"),
        ({"bsn": ""}, "BSN"),
    ],
)
def test_bad_input_is_a_dutch_400(region: Any, data: dict[str, Any], field: str) -> None:
    _row, key = key_for("Toegangsteam")
    r = api(key).post(f"{BASE}/meldingen/", {**body(new_bsn()), **data}, content_type="application/json")
    assert r.status_code == 400 and field in r.content.decode()


def test_other_organisations_registrations_are_404(region: Any) -> None:
    bsn = new_bsn()
    theirs = RegistratieFactory(door="school", bsn=bsn)
    match = RegistratieFactory(door="gi", bsn=bsn).match
    assert match is not None
    _row, key = key_for("Toegangsteam")
    c = api(key)
    assert c.get(f"{BASE}/meldingen/{theirs.melding.uuid}/").status_code == 404
    assert (
        c.post(
            f"{BASE}/meldingen/{theirs.melding.uuid}/verwijderen/",
            {"reden": "onterecht"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert c.get(f"{BASE}/matches/{match.uuid}/").status_code == 404
    assert c.get(f"{BASE}/matches/").json()["results"] == []


def test_auth_and_revocation(region: Any) -> None:
    row, key = key_for("Toegangsteam")
    assert Client().get(f"{BASE}/meldingen/").status_code in (401, 403)
    assert api("jk_verkeerd").get(f"{BASE}/meldingen/").status_code == 401
    assert api(key).get(f"{BASE}/meldingen/").status_code == 200
    assert key not in str(list(ApiSleutel.objects.values()))  # only the hash is stored
    revoke_key(sleutel=row)
    assert api(key).get(f"{BASE}/meldingen/").status_code == 401
    # a logged-in professional's session does not open the system API
    assert Client().get(f"{BASE}/meldingen/", HTTP_AUTHORIZATION="Basic eDp5").status_code in (401, 403)


def test_key_of_disconnected_organisation_is_refused(region: Any) -> None:
    row, key = key_for("Toegangsteam")
    Organisatie.objects.filter(pk=row.organisatie_id).update(aangesloten_verwijsindex=False)
    assert api(key).get(f"{BASE}/meldingen/").status_code == 403


def test_rate_limit_per_key(region: Any, settings: Any) -> None:
    settings.API_SLEUTEL_RATE = "3/min"
    _row, key = key_for("Toegangsteam")
    _row2, other = key_for("Basisschool")
    codes = [api(key).get(f"{BASE}/meldingen/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert api(other).get(f"{BASE}/meldingen/").status_code == 200  # per key, not global


def test_api_lists_have_constant_query_counts(region: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _row, key = key_for("Toegangsteam")
    c = api(key)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        bsn = new_bsn()
        RegistratieFactory(door="toegang", bsn=bsn)
        RegistratieFactory(door="school", bsn=bsn)
    before = (count(f"{BASE}/meldingen/"), count(f"{BASE}/matches/"))
    for _ in range(6):
        bsn = new_bsn()
        RegistratieFactory(door="toegang", bsn=bsn)
        RegistratieFactory(door="school", bsn=bsn)
        RegistratieFactory(door="gi", bsn=bsn)
    assert (count(f"{BASE}/meldingen/"), count(f"{BASE}/matches/")) == before


def test_register_query_count_is_constant(region: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _row, key = key_for("Toegangsteam")
    c = api(key)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.post(f"{BASE}/meldingen/", body(new_bsn()), content_type="application/json").status_code == 201
        return len(ctx.captured_queries)

    first = count()
    for _ in range(5):
        RegistratieFactory(door="school", bsn=new_bsn())
    assert count() == first


def test_statements_per_registration_are_bounded(region: Any) -> None:
    """A new youth registered through the API, and the second organisation's registration that
    makes the match: at most 14 and 20 statements (were 24 and 52: the usage counter's
    get-or-create and update per organisation, the youth's get-or-create with savepoints, three
    separate reads of the youth's registrations, the connection, a second melder check, a
    uniqueness query for a fresh uuid; then 37: the outbox's get-or-create with savepoint per
    message and channel, 16 statements, now one INSERT … ON CONFLICT DO NOTHING for the match's
    messages; then 22: each of its three access-log entries claimed a chain head and inserted,
    now the second and third insert on the head the first one holds, one statement each; 19 here,
    20 when the thread's last head has moved and is claimed again). What is left of the match is
    the lock, the reads it needs, the inserts and the access-log entries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (_r, key_a), (_s, key_b) = key_for("Toegangsteam"), key_for("Basisschool")
    bsn = new_bsn()
    counts = []
    for key, email in ((key_a, "toegang@demo.jeugdketen.nl"), (key_b, "school@demo.jeugdketen.nl")):
        with CaptureQueriesContext(connection) as ctx:
            r = api(key).post(f"{BASE}/meldingen/", body(bsn, melder_email=email), content_type="application/json")
        assert r.status_code == 201, r.content
        counts.append(len(ctx.captured_queries))
    assert Melding.objects.filter(match__isnull=False).count() == 2
    assert counts[0] <= 14 and counts[1] <= 20, counts
    # and a registration that already existed answers with the current one: a read, logged
    with CaptureQueriesContext(connection) as ctx:
        r = api(key_a).post(f"{BASE}/meldingen/", body(bsn), content_type="application/json")
    assert r.status_code == 200 and len(ctx.captured_queries) <= 10, len(ctx.captured_queries)


def test_schema_is_served_and_documents_bearer_auth(region: Any) -> None:
    schema = Client().get("/api/v1/schema/?format=json").json()
    assert "/api/v1/verwijsindex/meldingen/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["apiSleutel"]["scheme"] == "bearer"
    invoer = schema["components"]["schemas"]["MeldingInvoer"]
    assert "reden" not in invoer["properties"]


def test_each_call_writes_one_log_entry_and_a_refusal_is_logged(region: Any) -> None:
    from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
    from jeugdketen.core.toegangslog import _pending_list

    _row, key = key_for("Toegangsteam")
    c = api(key)
    own = RegistratieFactory(door="toegang").melding
    theirs = RegistratieFactory(door="school").melding
    before = Toegangslogregel.objects.count()
    assert c.get(f"{BASE}/meldingen/").status_code == 200
    assert c.get(f"{BASE}/meldingen/{own.uuid}/").status_code == 200
    new = Toegangslogregel.objects.order_by("id")[before:]
    assert [(r.actie, r.object_type, r.object_id) for r in new] == [
        (Actie.SEARCH, "verwijsindex_melding", "-"),
        (Actie.READ, "verwijsindex_melding", str(own.uuid)),
    ]
    assert {r.rol for r in new} == {"systeem"} and {r.organisatie for r in new} == {own.organisatie.naam}
    assert c.get(f"{BASE}/meldingen/{theirs.uuid}/").status_code == 404
    denied = [v for v in _pending_list() if v["object_id"] == str(theirs.uuid)] or list(
        Toegangslogregel.objects.filter(object_id=str(theirs.uuid), uitkomst=Uitkomst.DENIED).values()
    )
    assert len(denied) == 1


def test_a_removal_through_the_api_is_one_entry_with_its_reason(region: Any) -> None:
    from jeugdketen.core.models import Actie, Toegangslogregel

    _row, key = key_for("Toegangsteam")
    melding = RegistratieFactory(door="toegang").melding
    r = api(key).post(
        f"{BASE}/meldingen/{melding.uuid}/verwijderen/", {"reden": "onterecht"}, content_type="application/json"
    )
    assert r.status_code == 204
    rows = Toegangslogregel.objects.filter(object_id=str(melding.uuid)).exclude(actie=Actie.CREATE)
    assert list(rows.values_list("actie", "segment")) == [(Actie.DELETE, "verwijderd:onterecht")]


def test_a_professionals_session_does_not_open_the_system_api(client_for: Any) -> None:
    c = client_for("toegang")  # logged in and meldingsbevoegd, but not an organisation's system
    RegistratieFactory(door="toegang")
    assert c.get(f"{BASE}/meldingen/").status_code in (401, 403)
