"""A partner's generated client works: `openapi-python-client` makes a client from the live
schema at /api/v1/schema/, it imports, and against the live server it lists, registers and
removes meldingen, reads matches, families and plans, and edits a plan with If-Match."""

from __future__ import annotations

import importlib
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.test import Client as DjangoClient

from jeugdketen.gezinnen.models import Gezin
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Gebruiker
from tests.gezinnen.helpers import make_family, make_plan, organisation_of
from tests.verwijsindex.factories import new_bsn

GENERATOR = Path(sys.executable).parent / "openapi-python-client"


def generate(schema_text: str, tmp: Path) -> Any:
    """Generate the client the way a partner would, and import it."""
    (tmp / "schema.json").write_text(schema_text, encoding="utf-8")
    (tmp / "config.yml").write_text(
        "post_hooks: []\nproject_name_override: jk_client\npackage_name_override: jk_client\n"
    )
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(tmp / "schema.json"), "--meta", "none"]
        + ["--output-path", str(tmp / "jk_client"), "--config", str(tmp / "config.yml")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # every operation of the API is generated (no warning that pieces are missing), except the
    # iJW endpoint, which takes the national XML message and no JSON
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARNING")]
    assert all("/api/v1/jeugdhulp/ijw/" in w for w in warnings), result.stdout
    sys.path.insert(0, str(tmp))
    try:
        for name in list(sys.modules):
            if name == "jk_client" or name.startswith("jk_client."):
                del sys.modules[name]
        package = importlib.import_module("jk_client")
        import pkgutil

        for module in pkgutil.walk_packages(package.__path__, "jk_client."):
            importlib.import_module(module.name)  # every module imports
    finally:
        sys.path.remove(str(tmp))
    return package


def _api(name: str) -> Any:
    return importlib.import_module(f"jk_client.api.{name}")


def _model(name: str) -> Any:
    return getattr(importlib.import_module("jk_client.models"), name)


def session_of(username: str) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies and CSRF header of a logged-in session, as a browser-based partner tool holds them."""
    django_client = DjangoClient()
    django_client.force_login(Gebruiker.objects.get(username=username))
    csrf = secrets.token_hex(16)  # a well-formed unmasked CSRF secret
    return {"sessionid": django_client.cookies["sessionid"].value, "csrftoken": csrf}, {"X-CSRFToken": csrf}


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_works_end_to_end(live_server: Any, region: Any, no_2fa: None, tmp_path: Path) -> None:
    schema = httpx.get(live_server.url + "/api/v1/schema/", timeout=30)
    assert schema.status_code == 200
    generate(schema.text, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        _end_to_end(live_server.url)
    finally:
        sys.path.remove(str(tmp_path))


def _end_to_end(url: str) -> None:
    from jk_client import AuthenticatedClient, Client

    toegang_key = issue_key(organisatie=organisation_of("toegang"), systeem="dossier", by=None)[1]
    school_key = issue_key(organisatie=organisation_of("school"), systeem="lvs", by=None)[1]
    toegang = AuthenticatedClient(base_url=url, token=toegang_key, raise_on_unexpected_status=True)
    school = AuthenticatedClient(base_url=url, token=school_key, raise_on_unexpected_status=True)
    melding_in = _model("MeldingInvoer")
    bsn = new_bsn()

    # register (201), the second organisation makes a match, list, read the match, remove
    created = _api("verwijsindex.verwijsindex_meldingen_create").sync_detailed(
        client=toegang,
        body=melding_in(
            bsn=bsn, geboortedatum=_date(2012), melder_email=Gebruiker.objects.get(username="toegang").email
        ),
    )
    assert created.status_code == 201, created.content
    mijn = created.parsed
    school_melding = _api("verwijsindex.verwijsindex_meldingen_create").sync(
        client=school,
        body=melding_in(
            bsn=bsn, geboortedatum=_date(2012), melder_email=Gebruiker.objects.get(username="school").email
        ),
    )
    assert school_melding is not None and school_melding.match
    lijst = _api("verwijsindex.verwijsindex_meldingen_list").sync(client=toegang)
    assert mijn.uuid in [m.uuid for m in lijst.results] and lijst.count >= 1
    matches = _api("verwijsindex.verwijsindex_matches_list").sync(client=toegang)
    assert [str(m.uuid) for m in matches.results] == [str(school_melding.match)]
    (match,) = matches.results
    assert [a.organisatie for a in match.anderen] == [organisation_of("school").naam]
    reden = _model("VerwijderInvoer")(reden=_model("VerwijderInvoerRedenEnum")("risico_weg"))
    weg = _api("verwijsindex.verwijsindex_meldingen_verwijderen_create").sync_detailed(
        uuid=str(mijn.uuid), client=toegang, body=reden
    )
    assert weg.status_code == 204, weg.content
    after = _api("verwijsindex.verwijsindex_meldingen_list").sync(client=toegang)
    assert mijn.uuid not in [m.uuid for m in after.results]

    # families and plans: read with the organisation's key
    gezin = make_family(naam="Gezin Klant")
    plan = make_plan(gezin)
    gezinnen = _api("gezinnen.gezinnen_list").sync(client=toegang)
    assert str(gezin.uuid) in [str(g.uuid) for g in gezinnen.results]
    detail = _api("gezinnen.gezinnen_retrieve").sync(uuid=str(gezin.uuid), client=toegang)
    assert detail is not None and detail.naam == Gezin.objects.get(pk=gezin.pk).naam
    plannen = _api("gezinsplannen.gezinsplannen_list").sync(client=toegang)
    assert str(plan.uuid) in [str(p.uuid) for p in plannen.results]

    # a person edits the plan through the same client, with If-Match from the ETag
    cookies, headers = session_of("toegang")
    person = Client(base_url=url, cookies=cookies, headers=headers, raise_on_unexpected_status=True)
    read = _api("gezinsplannen.gezinsplannen_retrieve").sync_detailed(uuid=str(plan.uuid), client=person)
    etag = read.headers["ETag"]
    patch = _model("PatchedPlanPatch")(situatie="Het gaat beter met het slapen.", toelichting="Na het gesprek")
    edited = _api("gezinsplannen.gezinsplannen_partial_update").sync_detailed(
        uuid=str(plan.uuid), client=person, body=patch, if_match=etag
    )
    assert edited.status_code == 200, edited.content
    assert edited.parsed.situatie == "Het gaat beter met het slapen." and edited.headers["ETag"] != etag
    # the stale ETag again: 412, documented, so the client parses it instead of raising
    stale = _api("gezinsplannen.gezinsplannen_partial_update").sync_detailed(
        uuid=str(plan.uuid), client=person, body=patch, if_match=etag
    )
    assert stale.status_code == 412


def _date(year: int) -> Any:
    import datetime as dt

    return dt.date(year, 5, 1)


def _email(username: str) -> str:
    return str(Gebruiker.objects.get(username=username).email)
