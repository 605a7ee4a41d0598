"""API access: every demo login × own family / other family / after withdrawal / after the end
date, over the family and plan endpoints (and the plan page); an organisation system's API key
reads only what its organisation has consent for; list queries do not grow with the data."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jeugdketen.core import kalender
from jeugdketen.demo.generator import LOGINS
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, Toestemming
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from tests.conftest import actor
from tests.gezinnen.factories import ToestemmingFactory
from tests.gezinnen.helpers import BSNS, link_citizen, make_family, make_plan, organisation_of
from tests.gezinsplan.factories import nieuwe_versie

PROFESSIONALS = ["toegang", "aanbieder", "school", "huisarts", "gi", "veiligthuis", "crisisdienst"]
CITIZENS = {"ouder": LidSoort.OUDER, "jongere": LidSoort.JEUGDIGE}
OTHERS = [login.username for login in LOGINS if login.username not in PROFESSIONALS and login.username not in CITIZENS]


def _urls(plan: Any) -> dict[str, str]:
    return {
        "api gezin": f"/api/v1/gezinnen/{plan.gezin.uuid}/",
        "api plan": f"/api/v1/gezinsplannen/{plan.uuid}/",
        "pagina plan": f"/gezinnen/{plan.gezin.uuid}/plan/",
    }


def _family_with_plan(naam: str, bsn: str, *, for_login: str | None, by: str = "toegang") -> Any:
    gezin = make_family(by, naam=naam, bsn=bsn, youth_age=16)
    plan = make_plan(gezin, by=by)
    if for_login in PROFESSIONALS and for_login != "toegang":
        ToestemmingFactory(
            gezin=gezin,
            organisatie=organisation_of(for_login),
            doel="Meedoen aan het gezinsplan",
            dagen=30,
            gegeven_door=Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE),  # 16+: the youth decides
            vastgelegd_door=Gebruiker.objects.get(username=by),
        )
    if for_login in CITIZENS:
        link_citizen(gezin, for_login, CITIZENS[for_login])
    return plan


def _statuses(client: Client, plan: Any) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in _urls(plan).items()}


@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_access_matrix_over_api_and_page(username: str, region: Any, client_for: Any) -> None:
    own = _family_with_plan("Gezin Eigen", BSNS[0], for_login=username)
    other = _family_with_plan(
        "Gezin Ander", BSNS[1], for_login=None, by="school" if username == "huisarts" else "huisarts"
    )
    client = client_for(username)
    unknown = client.get(f"/api/v1/gezinsplannen/{uuid.uuid4()}/")
    assert unknown.status_code == 404
    assert set(_statuses(client, other).values()) == {404}, "other family"
    assert client.get(f"/api/v1/gezinsplannen/{other.uuid}/").content == unknown.content  # byte-equal
    statuses = _statuses(client, own)
    if username in PROFESSIONALS:
        assert set(statuses.values()) == {200}, statuses
        listed = client.get("/api/v1/gezinnen/").json()
        assert [g["uuid"] for g in listed["results"]] == [str(own.gezin.uuid)]
        org = Organisatie.objects.get(uuid=actor(username).organisatie_id)
        consents = Toestemming.objects.filter(gezin=own.gezin, organisatie=org)
        # the end date passes: the very next request is 404
        consents.update(
            ingangsdatum=kalender.vandaag() - dt.timedelta(days=10), einddatum=kalender.vandaag() - dt.timedelta(days=1)
        )
        assert set(_statuses(client, own).values()) == {404}, "after the end date"
        consents.update(einddatum=kalender.vandaag() + dt.timedelta(days=10))
        assert set(_statuses(client, own).values()) == {200}
        for consent in consents:
            gezinnen_services.toestemming_intrekken(toestemming=consent, by=actor(username))
        assert set(_statuses(client, own).values()) == {404}, "after withdrawal"
        assert client.get("/api/v1/gezinnen/").json()["count"] == 0
    elif username in CITIZENS:
        # the family reads its plan on the portal pages; the API is for professionals' systems
        assert statuses == {"api gezin": 404, "api plan": 404, "pagina plan": 200}
    else:
        assert set(statuses.values()) == {404}, statuses


def test_a_family_api_detail_shows_whitelisted_fields_and_filters_by_municipality(region: Any, client_for: Any) -> None:
    plan = _family_with_plan("Gezin Eigen", BSNS[0], for_login="toegang")
    client = client_for("toegang")
    detail = client.get(f"/api/v1/gezinnen/{plan.gezin.uuid}/").json()
    assert set(detail) == {"uuid", "naam", "gemeente", "gemeentecode", "toegang", "gezinsplan", "leden"}
    assert detail["gezinsplan"] == str(plan.uuid) and detail["toegang"] == "toestemming"
    assert all(set(lid) == {"uuid", "soort", "voornaam", "achternaam", "geboortedatum"} for lid in detail["leden"])
    assert BSNS[0] not in client.get(f"/api/v1/gezinnen/{plan.gezin.uuid}/").content.decode()
    heerlen = plan.gezin.gemeente.uuid
    assert client.get(f"/api/v1/gezinnen/?gemeente={heerlen}").json()["count"] == 1
    assert client.get(f"/api/v1/gezinnen/?gemeente={uuid.uuid4()}").json()["count"] == 0
    assert client.get("/api/v1/gezinnen/?gemeente=geen-uuid").json()["count"] == 0
    for filter_ in ("gemeente=geen-uuid", "regisseur=geen-uuid", f"gemeente={heerlen}&regisseur=ik"):
        assert client.get(f"/api/v1/gezinsplannen/?{filter_}").status_code == 200
    assert client.get("/api/v1/gezinsplannen/?gemeente=geen-uuid").json()["count"] == 0
    assert client.get("/api/v1/gezinnen/geen-uuid/").status_code == 404
    assert client.get("/api/v1/gezinsplannen/geen-uuid/").status_code == 404


def test_an_organisation_system_reads_only_plans_its_organisation_has_consent_for(region: Any) -> None:
    mine = _family_with_plan("Gezin Eigen", BSNS[0], for_login="aanbieder")
    other = _family_with_plan("Gezin Ander", BSNS[1], for_login=None, by="huisarts")
    org = Organisatie.objects.get(uuid=actor("aanbieder").organisatie_id)
    _row, key = issue_key(organisatie=org, systeem="Cliëntdossier (test)", by=None)
    system = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = system.get("/api/v1/gezinsplannen/").json()
    assert [p["uuid"] for p in listed["results"]] == [str(mine.uuid)]
    assert [g["uuid"] for g in system.get("/api/v1/gezinnen/").json()["results"]] == [str(mine.gezin.uuid)]
    assert system.get(f"/api/v1/gezinsplannen/{mine.uuid}/").status_code == 200
    assert system.get(f"/api/v1/gezinnen/{mine.gezin.uuid}/").status_code == 200
    assert system.get(f"/api/v1/gezinsplannen/{other.uuid}/").status_code == 404
    assert system.get(f"/api/v1/gezinnen/{other.gezin.uuid}/").status_code == 404
    for consent in Toestemming.objects.filter(gezin=mine.gezin, organisatie=org):
        gezinnen_services.toestemming_intrekken(toestemming=consent, by=actor("aanbieder"))
    assert system.get(f"/api/v1/gezinsplannen/{mine.uuid}/").status_code == 404
    assert system.get("/api/v1/gezinsplannen/").json()["count"] == 0
    assert Client(HTTP_AUTHORIZATION="Bearer jk_onbekend").get("/api/v1/gezinsplannen/").status_code in (401, 403)


def _grow(n: int) -> None:
    """n more families with a plan of 3 versions, goals and agreements."""
    for _i in range(n):
        plan = make_plan(make_family(naam=f"Gezin Groei {uuid.uuid4().hex[:6]}"))
        for _versie in (2, 3):
            nieuwe_versie(plan, doelen=3, afspraken=3)


@pytest.mark.parametrize("url", ["/api/v1/gezinnen/", "/api/v1/gezinsplannen/"])
def test_api_list_queries_do_not_grow_with_families_versions_goals_or_agreements(
    url: str, region: Any, client_for: Any
) -> None:
    client = client_for("toegang")
    _grow(1)
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).json()["count"] == 1
    _grow(4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).json()["count"] == 5
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


@pytest.mark.parametrize("bad", ["0" * 36, "-" * 36, "00000000-0000-0000-0000-00000000000g", "%00"])
def test_malformed_ids_are_a_plain_404(bad: str, region: Any, client_for: Any) -> None:
    client = client_for("toegang")
    for base in ("/api/v1/gezinnen/", "/api/v1/gezinsplannen/"):
        assert client.get(f"{base}{bad}/").status_code == 404, base


def test_a_system_reads_plans_but_does_not_write_them(region: Any) -> None:
    plan = _family_with_plan("Gezin Systeem", BSNS[2], for_login="aanbieder")
    org = Organisatie.objects.get(uuid=actor("aanbieder").organisatie_id)
    _row, key = issue_key(organisatie=org, systeem="Cliëntdossier (test)", by=None)
    system = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = system.patch(
        f"/api/v1/gezinsplannen/{plan.uuid}/", {"situatie": "x"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.versie == 1


def test_api_edit_returns_plain_language_tips_and_still_saves(region: Any, client_for: Any) -> None:
    plan = _family_with_plan("Gezin Taal", BSNS[3], for_login=None)
    response = client_for("toegang").patch(
        f"/api/v1/gezinsplannen/{plan.uuid}/",
        {"situatie": "Er is sprake van multiproblematiek in het gezin."},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{plan.versie}"',
    )
    assert response.status_code == 200
    assert any("multiproblematiek" in tip["fragment"].lower() for tip in response.json()["taaltips"])


def test_agreeing_on_behalf_of_a_malformed_member_is_no_error(region: Any, client_for: Any) -> None:
    import random

    from jeugdketen.core.bsn import fictitious_bsn

    plan = _family_with_plan("Gezin Namens", fictitious_bsn(random.Random(5)), for_login=None)
    response = client_for("toegang").post(
        f"/gezinnen/{plan.gezin.uuid}/plan/instemmen/", {"versie": "1", "namens": "-" * 36}
    )
    assert response.status_code in (200, 302)


def test_lists_of_families_and_plans_are_logged_as_searches(region: Any, client_for: Any) -> None:
    from jeugdketen.core.models import Actie, Toegangslogregel

    _family_with_plan("Gezin Lijst", BSNS[0], for_login=None)
    client = client_for("toegang")
    searches = Toegangslogregel.objects.filter(gebruiker__username="toegang", actie=Actie.SEARCH)
    before = searches.count()
    for url in ("/api/v1/gezinnen/", "/api/v1/gezinsplannen/", "/gezinnen/"):
        assert client.get(url).status_code == 200, url
    assert searches.count() == before + 3


def test_beyond_the_cap_lists_count_no_further_and_next_still_reaches_every_plan(
    region: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The capped count (core.paginering): an access team with more plans than the cap gets
    "more than N" on the list page and `count_exact: false` in the API, its COUNT stops one row
    past the cap, and following `next` still gives every plan once. A school sees none of them."""
    from jeugdketen.core import paginering
    from jeugdketen.core.paginering import Paginering
    from jeugdketen.gezinsplan import views

    _grow(5)
    monkeypatch.setattr(paginering, "TELLEN_TOT", 2)
    monkeypatch.setattr(Paginering, "page_size", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client = client_for("toegang")
    url: str | None = "/api/v1/gezinsplannen/"
    gezien: list[str] = []
    antwoorden = []
    while url:
        with CaptureQueriesContext(connection) as ctx:
            antwoord = client.get(url).json()
        antwoorden.append((antwoord["count"], antwoord["count_exact"]))
        gezien += [p["uuid"] for p in antwoord["results"]]
        url = antwoord["next"]
        if len(antwoorden) == 1:
            tellingen = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
            assert len(tellingen) == 1 and "LIMIT 3" in tellingen[0], tellingen
    assert antwoorden == [(2, False), (4, False), (5, True)]  # page 3 knows the end
    assert len(gezien) == len(set(gezien)) == 5
    pagina = client.get("/gezinnen/").content.decode()
    assert "Pagina 1 van meer dan 1" in pagina, pagina
    assert client.get("/gezinnen/?pagina=3").context["page"].paginator.meer_dan is None
    school = client_for("school").get("/api/v1/gezinsplannen/").json()
    assert (school["count"], school["count_exact"], school["results"]) == (0, True, [])
