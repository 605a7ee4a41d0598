"""The monitor's pages on the demo region: policy staff see figures and never a person; someone
who must not see the module gets the 404; the open data is public; the yearly report is a tagged
Dutch PDF; every plotted value is in the chart's table; query counts stay constant."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jeugdketen.monitor.indicatoren import INDICATOREN

pytestmark = pytest.mark.django_db


def beleid_paginas(regio: Any) -> list[str]:
    paginas = [
        reverse("monitor:overzicht"),
        reverse("monitor:overzicht_csv"),
        reverse("monitor:bevolking"),
        reverse("monitor:basiswaarden"),
    ]
    for i in INDICATOREN:
        paginas += [
            reverse("monitor:indicator", args=[i.code]),
            reverse("monitor:indicator_csv", args=[i.code]),
            reverse("monitor:api-indicator-detail", args=[i.code]) + "?kwartalen=true",
        ]
    return [*paginas, reverse("monitor:api-indicator-list")]


def open_paginas(regio: Any) -> list[str]:
    paginas = [reverse("monitor:open")]
    for i in INDICATOREN:
        paginas += [
            reverse("monitor:open_csv", args=[regio.uuid, i.code]),
            reverse("monitor:open_json", args=[regio.uuid, i.code]),
        ]
    return paginas


def personen() -> list[str]:
    """Every demo person's name, BSN and birth date (in the ways a page could write one)."""
    from jeugdketen.gezinnen.models import Gezinslid
    from jeugdketen.personen.models import Jeugdige

    sporen: set[str] = set()
    for voornaam, achternaam, bsn, geboren in Gezinslid.objects.values_list(
        "voornaam", "achternaam", "bsn", "geboortedatum"
    ):
        sporen.add(f"{voornaam} {achternaam}")
        if bsn:
            sporen.add(bsn)
        if geboren:
            sporen |= {
                geboren.isoformat(),
                geboren.strftime("%d-%m-%Y"),
                f"{geboren.day}-{geboren.month}-{geboren.year}",
            }
    for voornamen, achternaam, bsn, geboren in Jeugdige.objects.values_list(
        "voornamen", "achternaam", "bsn", "geboortedatum"
    ):
        sporen |= {f"{voornamen} {achternaam}", bsn, geboren.isoformat(), geboren.strftime("%d-%m-%Y")}
    return sorted(s for s in sporen if len(s.strip()) > 3)


def test_policy_staff_see_every_page_and_no_person(demo: Any, als: Any) -> None:
    client = als("beleid")
    sporen = personen()
    assert len(sporen) > 20  # the demo has families, youths, trajectories
    pdf = client.get(reverse("monitor:jaarrapport", args=[2025]))
    assert pdf.status_code == 200
    teksten = [_pdf_tekst(pdf.content)]
    for url in beleid_paginas(demo) + open_paginas(demo):
        response = client.get(url)
        assert response.status_code == 200, url
        teksten.append(response.content.decode())
    alles = "\n".join(teksten)
    gevonden = [s for s in sporen if s in alles]
    assert gevonden == []


@pytest.mark.parametrize("username", ["toegang", "aanbieder", "ouder", "jongere"])
def test_someone_else_gets_the_404_on_every_policy_page(demo: Any, als: Any, username: str) -> None:
    client = als(username)
    for url in [*beleid_paginas(demo), reverse("monitor:jaarrapport", args=[2025])]:
        assert client.get(url).status_code == 404, (username, url)
    assert client.post(reverse("monitor:herberekenen")).status_code == 404


def test_anonymous_gets_the_open_data_but_not_the_module(demo: Any) -> None:
    client = Client()
    for url in open_paginas(demo):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("monitor:overzicht")).status_code in (302, 404)
    data = json.loads(client.get(reverse("monitor:open_json", args=[demo.uuid, "jeugdhulp_pct"])).content)
    assert data["indicator"] == "jeugdhulp_pct" and data["definitie"]["noemer"] == "Inwoners van 0 tot 18 jaar"
    assert {r["gebied"] for r in data["cijfers"]} >= {"regio", "GM0917"}
    assert client.get("/open/monitor/00000000-0000-0000-0000-000000000000/jeugdhulp_pct.json").status_code == 404
    assert client.get(reverse("monitor:open_json", args=[demo.uuid, "bestaat_niet"])).status_code == 404


def test_the_open_csv_holds_the_definition_then_the_same_figures_as_the_json(demo: Any) -> None:
    import csv

    from jeugdketen.monitor.selectors import CSV_KOLOMMEN

    client = Client()
    data = json.loads(client.get(reverse("monitor:open_json", args=[demo.uuid, "jeugdhulp_pct"])).content)
    response = client.get(reverse("monitor:open_csv", args=[demo.uuid, "jeugdhulp_pct"]))
    assert response["Content-Disposition"] == 'attachment; filename="jeugdhulp_pct.csv"'
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeffindicator;jeugdhulp_pct;")
    regels = list(csv.reader(io.StringIO(tekst.removeprefix("\ufeff")), delimiter=";"))
    assert regels[1] == ["teller", data["definitie"]["teller"]]
    kolommen = regels.index(CSV_KOLOMMEN)
    assert regels[kolommen - 1] == []  # a blank line between the definition and the table
    assert regels[kolommen + 1 :] == [[str(r[k]) for k in CSV_KOLOMMEN] for r in data["cijfers"]]


def _pdf_tekst(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_the_yearly_report_is_a_tagged_dutch_pdf_with_headings(demo: Any, als: Any) -> None:
    from pypdf import PdfReader

    response = als("beleid").get(reverse("monitor:jaarrapport", args=[2025]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])  # a pypdf BooleanObject
    assert "/StructTreeRoot" in root
    tekst = _pdf_tekst(response.content)
    assert "Jaarrapport jeugd" in tekst and "Jeugdigen met jeugdhulp (BBV-indicator)" in tekst
    # Headings are tagged as such (H1, H2, H3 in the structure tree).
    assert {"/H1", "/H2", "/H3"} <= _structuur(root["/StructTreeRoot"])


def _structuur(node: Any, gezien: set[str] | None = None, diepte: int = 0) -> set[str]:
    """The structure types (/S) in a PDF structure tree."""
    gezien = set() if gezien is None else gezien
    node = node.get_object()
    if diepte > 60:
        return gezien
    if isinstance(node, dict):
        if "/S" in node:
            gezien.add(str(node["/S"]))
        kinderen = node.get("/K")
        if kinderen is not None:
            for kind in kinderen if isinstance(kinderen, list) else [kinderen]:
                if hasattr(kind, "get_object") and isinstance(kind.get_object(), (dict, list)):
                    _structuur(kind, gezien, diepte + 1)
    elif isinstance(node, list):
        for kind in node:
            _structuur(kind, gezien, diepte + 1)
    return gezien


def test_the_report_carries_a_registered_section(demo: Any, als: Any) -> None:
    from jeugdketen.monitor import uitbreidingen

    def sectie(regio: Any, jaar: int) -> str:
        return f"<h2>Agenda {jaar}</h2><p>Proefsectie van {regio.naam}</p>"

    uitbreidingen.register_rapport_sectie(sectie, order=1)
    try:
        tekst = _pdf_tekst(als("beleid").get(reverse("monitor:jaarrapport", args=[2024])).content)
    finally:
        uitbreidingen._SECTIES[:] = [(o, f) for o, f in uitbreidingen._SECTIES if f is not sectie]
    assert "Agenda 2024" in tekst and "Proefsectie van" in tekst


def test_every_plotted_value_is_in_the_charts_table(demo: Any, als: Any) -> None:
    client = als("beleid")
    geplot = 0
    for i in INDICATOREN:
        html = client.get(reverse("monitor:indicator", args=[i.code])).content.decode()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg and "aria-labelledby" in svg
        tabel = html[html.index("data-grafiektabel") : html.index("</table>", html.index("data-grafiektabel"))]
        rijen = {
            re.sub(r"<[^>]+>", "", m.group(1)).strip(): re.findall(r"<td[^>]*>([^<]*)</td>", m.group(2))
            for m in re.finditer(
                r'<th class="utrecht-table__header-cell" scope="row">(.*?)</th>(.*?)</tr>', tabel, re.S
            )
        }
        jaren = re.findall(r'scope="col">(\d{4})</th>', tabel)
        for reeks, label, tekst in re.findall(r'data-reeks="([^"]+)" data-label="(\d{4})" data-waarde="([^"]+)"', svg):
            assert rijen[reeks][jaren.index(label)] == tekst, (i.code, reeks, label)
            geplot += 1
    assert geplot > 0  # the small demo hides most municipal counts; tests/monitor/test_indicatoren.py plots many


def test_choosing_municipalities_to_compare(demo: Any, als: Any) -> None:
    client = als("beleid")
    url = reverse("monitor:indicator", args=["jeugdhulp_pct"])
    alle = client.get(url).content.decode()
    twee = client.get(url + "?gemeente=GM0917&gemeente=GM0928").content.decode()
    rij = '<th class="utrecht-table__header-cell" scope="row">{}</th>'
    assert rij.format("Brunssum") in alle
    assert rij.format("Brunssum") not in twee
    assert rij.format("Heerlen") in twee and rij.format("Kerkrade") in twee and rij.format("Parkstad") in twee
    assert client.get(url + "?gemeente=GM9999").status_code == 200  # an unknown choice: a message, not a 500
    csv = client.get(reverse("monitor:indicator_csv", args=["jeugdhulp_pct"]) + "?gemeente=GM0917").content.decode()
    assert "Heerlen" in csv and "Brunssum" not in csv


def test_query_counts_stay_the_same_with_more_facts(demo: Any, als: Any, django_assert_max_num_queries: Any) -> None:
    from jeugdketen.monitor import berekening
    from jeugdketen.monitor.models import Feit
    from tests.jeugdhulp import factories as f

    client = als("beleid")
    urls = [
        reverse("monitor:overzicht"),
        reverse("monitor:indicator", args=["crisis_binnen_norm"]),
        reverse("monitor:open_json", args=[demo.uuid, "pleegzorg_aandeel"]),
    ]
    for url in urls:
        client.get(url)
    voor = Feit.objects.count()
    for n in range(6):
        f.GemeenteFactory(regio=demo, naam=f"Extra {n}", cbs_code=f"GM{7000 + n}")
    berekening.bereken(demo)
    assert Feit.objects.count() > voor
    for url in urls:
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_refreshing_on_demand_is_logged_with_who_asked(demo: Any, als: Any) -> None:
    from jeugdketen.monitor.models import Aanleiding, Berekening

    client = als("beleid")
    assert client.get(reverse("monitor:herberekenen")).status_code == 405
    response = client.post(reverse("monitor:herberekenen"))
    assert response.status_code == 302
    laatste = Berekening.objects.order_by("-klaar_op").first()
    assert laatste is not None and laatste.aanleiding == Aanleiding.OP_VERZOEK and laatste.door.username == "beleid"


def test_a_provider_sees_only_its_own_figures(demo: Any, als: Any) -> None:
    from jeugdketen.monitor.models import AANBIEDER, Feit
    from jeugdketen.organisaties.models import Organisatie

    eigen = Organisatie.objects.get(naam="Jeugdhulp Parkstad")
    html = als("aanbieder").get(reverse("monitor:aanbieder")).content.decode()
    assert "Cijfers van Jeugdhulp Parkstad" in html
    anderen = Feit.objects.filter(gebied__startswith=AANBIEDER).exclude(gebied=AANBIEDER + str(eigen.uuid))
    for naam in set(anderen.values_list("gebied_naam", flat=True)):
        assert naam not in html
    assert als("beleid").get(reverse("monitor:aanbieder")).status_code == 404
    assert als("toegang").get(reverse("monitor:aanbieder")).status_code == 404


def test_a_providers_figures_as_csv_hold_what_its_page_shows_and_only_its_own(demo: Any, als: Any) -> None:
    from jeugdketen.monitor import selectors
    from jeugdketen.monitor.models import AANBIEDER, Feit
    from jeugdketen.organisaties.models import Organisatie

    eigen = Organisatie.objects.get(naam="Jeugdhulp Parkstad")
    response = als("aanbieder").get(reverse("monitor:aanbieder_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    regels = [r.split(";") for r in response.content.decode("utf-8-sig").splitlines()]
    assert regels[0] == ["indicator", "naam", "jaar", "teller", "noemer", "waarde"]
    metingen = selectors.aanbieder_cijfers(eigen)
    assert metingen, "the demo gives the provider figures"
    assert regels[1:] == [
        [m.gebied, m.gebied_naam, str(m.jaar), m.teller.tekst, m.noemer.tekst, m.waarde.tekst] for m in metingen
    ]
    html = als("aanbieder").get(reverse("monitor:aanbieder")).content.decode()
    assert reverse("monitor:aanbieder_csv") in html
    for m in metingen:  # every cell of the CSV is on the page
        assert m.teller.tekst.replace("<", "&lt;") in html
    # one line per own fact; other providers' facts exist and are not in it
    eigen_feiten = Feit.objects.filter(gebied=AANBIEDER + str(eigen.uuid)).count()
    assert len(regels) - 1 == eigen_feiten < Feit.objects.filter(gebied__startswith=AANBIEDER).count()
    for username in ("beleid", "toegang", "ouder"):
        assert als(username).get(reverse("monitor:aanbieder_csv")).status_code == 404


def test_the_yearly_report_holds_the_agenda_and_the_agenda_shows_the_monitors_figure(demo: Any, als: Any) -> None:
    """The wiring in monitor/koppeling.py: the Parkstad agenda of seed 000 is a section of the
    report (its activities and that year's status table), and an agenda goal that names an
    indicator shows the monitor's (suppressed) figure instead of "nog geen cijfer"."""
    from jeugdketen.agenda import uitbreidingen as agenda_uitbreidingen
    from jeugdketen.agenda.models import Activiteit
    from jeugdketen.monitor import selectors

    tekst = " ".join(_pdf_tekst(als("beleid").get(reverse("monitor:jaarrapport", args=[2020])).content).split())
    activiteit = Activiteit.objects.filter(thema__agenda__regio=demo).exclude(indicator="").first()
    assert activiteit is not None
    assert "Beoogd resultaat" in tekst and "Status 2020" in tekst
    assert " ".join(activiteit.thema.titel.split())[:30] in tekst
    verwacht = selectors.cijfer_bij_doel(activiteit.indicator, gemeente_code=None, regio=demo, jaar=2020)
    assert agenda_uitbreidingen.cijfer(activiteit.indicator, gemeente_code=None, regio=demo, jaar=2020) == verwacht


def test_family_experience_reaches_the_monitor_as_the_share_of_4_and_5(demo: Any) -> None:
    from jeugdketen.ervaring import selectors as ervaring_selectors
    from jeugdketen.ervaring.models import Antwoord
    from jeugdketen.monitor import koppeling
    from jeugdketen.organisaties.models import Gemeente

    gemeente = Gemeente.objects.filter(regio=demo).order_by("cbs_code").first()
    assert gemeente is not None
    Antwoord.objects.filter(jaar=2019).delete()
    Antwoord.objects.create(gemeente=gemeente, jaar=2019, luister=5, eerlijk=4, oordeel=2)  # 2 of 3 high
    Antwoord.objects.create(gemeente=gemeente, jaar=2019, luister=1, mogelijkheden=4)  # 1 of 2 high
    rijen = {(r["gebied"], r["jaar"]): (r["teller"], r["noemer"]) for r in koppeling.ervaring(demo, [2019])}
    assert rijen[(gemeente.cbs_code, 2019)] == (3, 5)
    assert rijen[("regio", 2019)] == (3, 5)
    assert ervaring_selectors.hoge_scores(regio=demo, jaren=[2018]) == []


def test_the_population_table_pages_and_its_csv_goes_back_in_unchanged(demo: Any, als: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jeugdketen.core.paginering import PER_PAGINA
    from jeugdketen.monitor.models import Bevolking

    client = als("beleid")
    totaal = Bevolking.objects.count()
    assert totaal > PER_PAGINA, "the demo ships more population rows than one page"
    eerste = client.get(reverse("monitor:bevolking"))
    assert len(eerste.context["bevolking"]) == PER_PAGINA and eerste.context["page"].paginator.count == totaal
    laatste = client.get(reverse("monitor:bevolking"), {"pagina": eerste.context["page"].paginator.num_pages})
    assert laatste.context["bevolking"][-1] == Bevolking.objects.order_by("jaar", "-gemeente__naam", "-leeftijd")[0]
    assert reverse("monitor:bevolking_csv") in eerste.content.decode()
    response = client.get(reverse("monitor:bevolking_csv"))
    regels = response.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "gemeente;jaar;leeftijd;aantal;bron" and len(regels) == totaal + 1  # every row, not a page
    voor = sorted(Bevolking.objects.values_list("gemeente__cbs_code", "jaar", "leeftijd", "aantal", "bron"))
    upload = SimpleUploadedFile("bevolking.csv", response.content, content_type="text/csv")
    html = client.post(reverse("monitor:bevolking"), {"bestand": upload}).content.decode()
    assert f"{totaal} regels ingelezen, 0 regels niet" in html
    assert sorted(Bevolking.objects.values_list("gemeente__cbs_code", "jaar", "leeftijd", "aantal", "bron")) == voor
    for username in ("toegang", "aanbieder", "ouder"):
        assert als(username).get(reverse("monitor:bevolking_csv")).status_code == 404


def test_the_entered_baselines_as_csv(demo: Any, als: Any) -> None:
    from django.db import transaction

    from jeugdketen.monitor.models import Basiswaarde
    from tests.monitor.factories import BasiswaardeFactory

    with transaction.atomic():  # the module shares the demo: leave it as it was
        BasiswaardeFactory(regio=demo, waarde=24.5, teller=49, noemer=200, bron="=Jaarverslag 2018")
        BasiswaardeFactory(regio=demo, gebied="GM0917", indicator="thuiszitters", waarde=3, bron="Leerplicht")
        client = als("beleid")
        assert reverse("monitor:basiswaarden_csv") in client.get(reverse("monitor:basiswaarden")).content.decode()
        regels = client.get(reverse("monitor:basiswaarden_csv")).content.decode("utf-8-sig").splitlines()
        assert regels[0] == "indicator;gebied;waarde;teller;noemer;bron"
        assert len(regels) == Basiswaarde.objects.filter(regio=demo).count() + 1
        assert "thuiszitters;GM0917;3.0;;;Leerplicht" in regels
        assert "verwijsindex_gebruik;regio;24.5;49.0;200.0;'=Jaarverslag 2018" in regels  # typed text stays text
        for username in ("toegang", "aanbieder"):
            assert als(username).get(reverse("monitor:basiswaarden_csv")).status_code == 404
        transaction.set_rollback(True)
