"""The monitor through the API (issue 13 point 3: suppression holds "on pages, in CSV, PDF and the
API"): policy staff and a policy organisation's system read the indicators and their figures per
municipality and year, suppressed exactly as on the pages; anyone else gets the 404, no or a
wrong key the 401; the number of queries does not grow with the number of facts. One indicator's
figures are paged like the API's other lists (`page`, `count`, `next`, `previous`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jeugdketen.monitor import selectors
from jeugdketen.monitor.indicatoren import INDICATOREN
from jeugdketen.monitor.models import REGIO, Feit
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Organisatie, OrganisatieSoort
from tests.monitor.factories import FeitFactory

pytestmark = pytest.mark.django_db

LIJST = "/api/v1/monitor/indicatoren/"


def detail(code: str) -> str:
    return reverse("monitor:api-indicator-detail", args=[code])


def alle_cijfers(client: Client, url: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every figure of an indicator: the pages followed by their `next` links."""
    data = client.get(url, params or {}).json()
    rijen, count = list(data["cijfers"]), data["count"]
    while data["next"]:
        data = client.get(data["next"]).json()
        assert data["count"] == count
        rijen += data["cijfers"]
    assert len(rijen) == count
    return rijen


def sleutel(demo: Any, soort: str) -> dict[str, str]:
    org = Organisatie.objects.filter(regio=demo, soort=soort).order_by("pk").first()
    assert org is not None
    _row, key = issue_key(organisatie=org, systeem="test", by=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_policy_staff_list_every_indicator_with_its_dutch_definition(demo: Any, als: Any) -> None:
    response = als("beleid").get(LIJST)
    assert response.status_code == 200
    data = response.json()
    assert [i["code"] for i in data] == [i.code for i in INDICATOREN]
    pleeg = next(i for i in data if i["code"] == "pleegzorg_aandeel")
    assert pleeg["noemer"] == "Jeugdigen met jeugdhulp met verblijf in het jaar"
    assert pleeg["doelen"][0]["tekst"].startswith("Stijging aandeel kinderen in pleeggezinnen")


def test_the_figures_are_the_pages_figures_suppression_included(demo: Any, als: Any) -> None:
    """Every indicator: each figure of the API is the one the page's table shows, and a hidden
    count or value has no number in the answer."""
    client = als("beleid")
    verborgen = 0
    for ind in INDICATOREN:
        response = client.get(detail(ind.code), {"kwartalen": "true"})
        assert response.status_code == 200, ind.code
        t = selectors.tabel(demo, ind.code)
        assert t is not None
        cijfers = alle_cijfers(client, detail(ind.code), {"kwartalen": "true"})
        assert len(cijfers) == len(t.metingen), ind.code
        for rij in cijfers:
            m = t.meting(rij["gebied"], rij["jaar"], rij["kwartaal"] or 0)
            assert m is not None
            assert (rij["teller"], rij["noemer"], rij["waarde"]) == (m.teller.tekst, m.noemer.tekst, m.waarde.tekst)
            assert (rij["verschil_2018"], rij["index_2018"]) == (m.verschil.tekst, m.index.tekst)
            if rij["onderdrukt"]:
                verborgen += 1
                assert rij["teller_getal"] is None and rij["waarde_getal"] is None, (ind.code, rij)
                assert rij["teller"] in ("< 10", "verborgen")
            if rij["waarde"] == "niet getoond":
                assert rij["waarde_getal"] is None
    assert verborgen > 0  # the demo region has small numbers: the check above was exercised


def test_a_small_count_and_the_one_that_would_give_it_away_are_hidden(demo: Any, als: Any) -> None:
    """Heerlen 3 and Kerkrade 25 of the region's 28: Heerlen is '< 10', and Kerkrade is hidden too
    (28 − 25 = 3); the region's 28 is shown. A year and municipalities can be chosen."""
    Feit.objects.filter(regio=demo, indicator="jeugdzorgplus").delete()
    for gebied, naam, teller in (("GM0917", "Heerlen", 3), ("GM0928", "Kerkrade", 25), (REGIO, "Parkstad", 28)):
        FeitFactory(regio=demo, indicator="jeugdzorgplus", gebied=gebied, gebied_naam=naam, teller=teller, noemer=None)
    data = als("beleid").get(detail("jeugdzorgplus"), {"jaar": 2024}).json()
    rijen = {r["gebied"]: r for r in data["cijfers"]}
    assert (rijen["GM0917"]["teller"], rijen["GM0917"]["onderdrukt"], rijen["GM0917"]["teller_getal"]) == (
        "< 10",
        "klein",
        None,
    )
    assert (rijen["GM0928"]["teller"], rijen["GM0928"]["onderdrukt"], rijen["GM0928"]["teller_getal"]) == (
        "verborgen",
        "afleidbaar",
        None,
    )
    assert (rijen[REGIO]["teller"], rijen[REGIO]["teller_getal"]) == ("28", 28)
    assert "3" not in {r["teller"] for r in rijen.values()} and "25" not in {r["teller"] for r in rijen.values()}
    alleen = als("beleid").get(detail("jeugdzorgplus") + "?gemeente=GM0928&jaar=2024").json()
    assert [r["gebied"] for r in alleen["cijfers"]] == [REGIO, "GM0928"]
    assert alleen["cijfers"][1]["teller"] == "verborgen"  # choosing one does not lift the suppression


def test_the_figures_come_in_pages_of_the_apis_size(demo: Any, als: Any) -> None:
    """7 municipalities and the region over the years: more rows than one page holds. Page 2
    goes on where page 1 stopped, with the 2018 baseline of its own areas; no page is the 404."""
    from rest_framework.settings import api_settings

    client = als("beleid")
    een = client.get(detail("jeugdhulp_pct")).json()
    t = selectors.tabel(demo, "jeugdhulp_pct")
    assert t is not None
    jaarcijfers = [m for m in t.metingen.values() if m.kwartaal == 0]
    assert een["count"] == len(jaarcijfers) > api_settings.PAGE_SIZE
    assert len(een["cijfers"]) == api_settings.PAGE_SIZE and een["previous"] is None
    assert een["next"].endswith(detail("jeugdhulp_pct") + "?page=2")
    assert een["naam"] and een["regio"] == demo.naam  # the definition on every page
    twee = client.get(detail("jeugdhulp_pct"), {"page": 2}).json()
    assert twee["count"] == een["count"] and twee["previous"] is not None
    assert len(twee["cijfers"]) == min(een["count"] - api_settings.PAGE_SIZE, api_settings.PAGE_SIZE)
    sleutels = [(r["gebied"], r["jaar"], r["kwartaal"]) for r in een["cijfers"] + twee["cijfers"]]
    assert len(set(sleutels)) == len(sleutels)  # no row twice
    assert sleutels[0][0] == REGIO  # the region first, then the municipalities by code
    assert {b["gebied"] for b in twee["basis"]} <= {r["gebied"] for r in twee["cijfers"]}
    assert client.get(detail("jeugdhulp_pct"), {"page": 99}).status_code == 404
    assert client.get(detail("jeugdhulp_pct"), {"page": "x"}).status_code == 404


def test_the_next_page_keeps_the_year_and_the_municipalities(demo: Any, als: Any, monkeypatch: Any) -> None:
    from rest_framework.pagination import PageNumberPagination

    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    client = als("beleid")
    params = {"jaar": 2024, "gemeente": ["GM0917", "GM0928"], "kwartalen": "true"}
    een = client.get(detail("crisis_binnen_norm"), params).json()
    assert een["count"] > 2 and len(een["cijfers"]) == 2
    assert "jaar=2024" in een["next"] and "gemeente=GM0917" in een["next"] and "gemeente=GM0928" in een["next"]
    rijen = alle_cijfers(client, detail("crisis_binnen_norm"), params)
    assert {r["gebied"] for r in rijen} == {REGIO, "GM0917", "GM0928"} and {r["jaar"] for r in rijen} == {2024}
    assert len({(r["gebied"], r["kwartaal"]) for r in rijen}) == een["count"]


def test_a_policy_organisations_system_reads_it_with_its_key(demo: Any) -> None:
    headers = sleutel(demo, OrganisatieSoort.GEMEENTE_BELEID)
    assert Client().get(LIJST, **headers).status_code == 200
    response = Client().get(detail("jeugdhulp_pct"), **headers)
    assert response.status_code == 200 and response.json()["regio"] == demo.naam


@pytest.mark.parametrize("username", ["toegang", "aanbieder", "ouder", "jongere", "functioneelbeheer"])
def test_someone_who_must_not_see_it_gets_the_404(demo: Any, als: Any, username: str) -> None:
    client = als(username)
    for url in (LIJST, detail("jeugdhulp_pct")):
        response = client.get(url)
        assert response.status_code == 404, (username, url)
        assert "jeugdhulp_pct" not in response.content.decode()


def test_another_organisations_key_gets_the_404_and_no_key_the_401(demo: Any) -> None:
    headers = sleutel(demo, OrganisatieSoort.TOEGANG)
    for url in (LIJST, detail("jeugdhulp_pct")):
        assert Client().get(url, **headers).status_code == 404
        assert Client().get(url).status_code in (401, 403)
        assert Client().get(url, HTTP_AUTHORIZATION="Bearer jk_" + "x" * 40).status_code == 401


def test_bad_input_is_a_dutch_400_and_an_unknown_indicator_the_404(demo: Any, als: Any) -> None:
    client = als("beleid")
    assert client.get(detail("bestaat_niet")).status_code == 404
    fout = client.get(detail("jeugdhulp_pct"), {"jaren": "2024"})
    assert fout.status_code == 400 and "bestaat niet" in fout.json()["jaren"][0]
    fout = client.get(detail("jeugdhulp_pct"), {"gemeente": "GM9999"})
    assert fout.status_code == 400 and "Onbekende gemeente" in fout.json()["gemeente"][0]
    fout = client.get(detail("jeugdhulp_pct"), {"gemeente": "Heerlen", "jaar": "1999"})
    assert fout.status_code == 400 and set(fout.json()) == {"gemeente", "jaar"}


def test_the_number_of_queries_does_not_grow_with_the_facts(
    demo: Any, als: Any, django_assert_max_num_queries: Any
) -> None:
    from jeugdketen.monitor import berekening
    from tests.jeugdhulp import factories as f

    client = als("beleid")
    urls = [
        LIJST,
        detail("crisis_binnen_norm") + "?kwartalen=true",
        detail("jeugdhulp_pct"),
        detail("jeugdhulp_pct") + "?page=2",
    ]
    for url in urls:
        client.get(url)
    voor = Feit.objects.count()
    for n in range(6):
        f.GemeenteFactory(regio=demo, naam=f"Extra {n}", cbs_code=f"GM{7100 + n}")
    berekening.bereken(demo)
    assert Feit.objects.count() > voor
    for url in urls:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_the_schema_describes_the_monitor_as_it_is(demo: Any) -> None:
    """Not the generic list text ("per pagina … in het toegangslog"): the list of indicators is
    not paginated and names no person; the figures say how a hidden cell looks, and are paged
    (`page`; `count`, `next`, `previous`)."""
    schema = Client().get("/api/v1/schema/?format=json").json()
    lijst = schema["paths"][LIJST]["get"]["description"]
    retrieve = schema["paths"][LIJST + "{code}/"]["get"]
    assert "toegangslog" not in lijst and "niet gepagineerd" in lijst
    assert "klein" in retrieve["description"] and "afleidbaar" in retrieve["description"]
    page = next(p for p in retrieve["parameters"] if p["name"] == "page")
    assert page["in"] == "query" and "count" in page["description"]
    velden = schema["components"]["schemas"]["IndicatorCijfersUit"]["properties"]
    assert {"count", "next", "previous", "cijfers"} <= set(velden)
    assert velden["next"].get("nullable") and "pagina" in velden["cijfers"]["description"]
