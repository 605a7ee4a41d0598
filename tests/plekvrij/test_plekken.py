"""A provider keeps its places current in seconds: one tap per place on the home page or on
'Mijn plekken', a full form, a file for many places — and changes only its own places."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.core.models import Toegangslogregel
from jeugdketen.plekvrij import services
from jeugdketen.plekvrij.models import Bron, Locatie, Plek, Plekstand, Soort
from tests.conftest import actor

from .factories import ANDER_AANBIEDER, LocatieFactory, PlekFactory, organisatie


def _snel(client: Any, plek: Plek, vrij: int, *, versie: int | None = None, terug: str = "mijn") -> Any:
    data = {"vrij": vrij, "versie": plek.versie if versie is None else versie, "terug": terug}
    return client.post(f"/plekvrij/mijn-plekken/{plek.uuid}/snel/", data, follow=True)


def test_the_home_page_has_one_tap_per_place_and_a_tap_saves(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(soort=Soort.GEZINSHUIS, naam="Huis Zonneveld", gecontracteerd=4, bezet=3)
    client = client_for("aanbieder")
    home = client.get("/").content.decode()
    assert "Plekvrij: uw vrije plekken" in home
    assert f'action="/plekvrij/mijn-plekken/{plek.uuid}/snel/"' in home
    assert "1 vrij (klopt nog)" in home and "2 vrij" in home
    response = _snel(client, plek, 2, terug="home")
    assert response.redirect_chain[-1][0] == "/"
    assert "Opgeslagen: Huis Zonneveld heeft nu 2 vrij." in response.content.decode()
    plek.refresh_from_db()
    assert (plek.bezet, plek.vrij, plek.versie) == (2, 2, 2)
    stand = Plekstand.objects.filter(plek=plek).latest("id")
    assert (stand.bron, stand.door.username, stand.vrij) == (Bron.SNEL, "aanbieder", 2)


def test_tapping_the_current_number_says_it_is_still_right(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(gecontracteerd=3, bezet=2)
    vorige = plek.bijgewerkt_op
    _snel(client_for("aanbieder"), plek, 1)
    plek.refresh_from_db()
    assert plek.bezet == 2 and plek.bijgewerkt_op > vorige


def test_a_tap_on_an_outdated_page_is_refused_and_shows_the_new_numbers(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(gecontracteerd=3, bezet=1, leeftijd_tot=23)
    oud = plek.versie
    services.reservering_maken(
        plek=plek, by=actor("crisisdienst"), uren=4, initialen="A", leeftijd=12, contact_telefoon="045"
    )
    response = _snel(client_for("aanbieder"), plek, 2, versie=oud)
    assert "intussen gewijzigd" in response.content.decode() and "nu 1 vrij" in response.content.decode()
    plek.refresh_from_db()
    assert (plek.bezet, plek.gereserveerd) == (1, 1)


def test_more_free_than_usable_is_refused_with_a_message(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(gecontracteerd=3, bezet=1)
    response = _snel(client_for("aanbieder"), plek, 4)
    assert "van 0 tot en met 3" in response.content.decode()
    assert _snel(client_for("aanbieder"), plek, -1).status_code == 200  # a bad number: a message, no error
    plek.refresh_from_db()
    assert plek.bezet == 1


def test_a_provider_changes_only_its_own_places(leeg: Any, client_for: Any) -> None:
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)), bezet=1)
    client = client_for("aanbieder")
    assert client.post(f"/plekvrij/mijn-plekken/{ander.uuid}/snel/", {"vrij": 3, "versie": 1}).status_code == 404
    assert client.get(f"/plekvrij/mijn-plekken/{ander.uuid}/wijzigen/").status_code == 404
    assert client.get(f"/plekvrij/mijn-plekken/{ander.uuid}/geschiedenis/").status_code == 404
    ander.refresh_from_db()
    assert ander.bezet == 1
    assert Toegangslogregel.objects.filter(object_id=str(ander.uuid), uitkomst="denied").count() == 3


@pytest.mark.parametrize("username", ["toegang", "crisisdienst", "school", "beleid", "ouder"])
def test_who_is_no_provider_has_no_provider_pages(leeg: Any, client_for: Any, username: str) -> None:
    plek = PlekFactory()
    client = client_for(username)
    for url in (
        "/plekvrij/mijn-plekken/",
        f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/",
        "/plekvrij/mijn-plekken/bestand/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/plekvrij/mijn-plekken/{plek.uuid}/snel/", {"vrij": 0, "versie": 1}).status_code == 404


def test_the_full_form_changes_numbers_and_what_the_place_is(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(gecontracteerd=4, bezet=1)
    client = client_for("aanbieder")
    assert client.get(f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/").status_code == 200
    data = {
        "versie": plek.versie,
        "soort": Soort.GEZINSHUIS,
        "naam": "Huis Zonneveld",
        "leeftijd_van": 4,
        "leeftijd_tot": 12,
        "specialismen": ["trauma"],
        "gecontracteerd": 5,
        "buiten_gebruik": 1,
        "bezet": 2,
        "vrij_vanaf": "",
        "contact_naam": "Mieke",
        "contact_telefoon": "045-1",
        "toelichting": "",
    }
    response = client.post(f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/", data)
    assert response.status_code == 302
    plek.refresh_from_db()
    assert (plek.soort, plek.naam, plek.leeftijd_tot, plek.vrij) == (Soort.GEZINSHUIS, "Huis Zonneveld", 12, 2)
    assert list(plek.specialismen.values_list("sleutel", flat=True)) == ["trauma"]
    # The same form again, on the old version: refused, the newer numbers shown, nothing changed.
    data["bezet"] = 0
    response = client.post(f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/", data)
    assert response.status_code == 409 and "De stand van nu:" in response.content.decode()
    plek.refresh_from_db()
    assert plek.bezet == 2
    # Impossible numbers: a message at the field.
    data |= {"versie": plek.versie, "bezet": 9}
    response = client.post(f"/plekvrij/mijn-plekken/{plek.uuid}/wijzigen/", data)
    assert "hoogstens 4 plekken bezet" in response.content.decode()


def test_a_new_location_and_a_new_place(leeg: Any, client_for: Any) -> None:
    client = client_for("aanbieder")
    Locatie.objects.filter(organisatie__naam="Jeugdhulp Parkstad").update(actief=False)
    assert client.get("/plekvrij/mijn-plekken/nieuwe-plek/").status_code == 302  # first a location
    from .factories import gemeente

    response = client.post(
        "/plekvrij/mijn-plekken/nieuwe-locatie/", {"naam": "Villa Vaals", "gemeente": str(gemeente("GM0965").uuid)}
    )
    assert response.status_code == 302
    locatie = Locatie.objects.get(naam="Villa Vaals")
    assert locatie.organisatie.naam == "Jeugdhulp Parkstad"
    response = client.post(
        "/plekvrij/mijn-plekken/nieuwe-plek/",
        {
            "locatie": str(locatie.uuid),
            "soort": Soort.LOGEREN,
            "leeftijd_van": 4,
            "leeftijd_tot": 17,
            "gecontracteerd": 3,
            "buiten_gebruik": 0,
            "bezet": 1,
        },
    )
    assert response.status_code == 302
    plek = Plek.objects.get(locatie=locatie)
    assert (plek.soort, plek.vrij) == (Soort.LOGEREN, 2)
    assert plek.standen.count() == 1


def test_history_keeps_every_change(leeg: Any, client_for: Any) -> None:
    plek = PlekFactory(gecontracteerd=4, bezet=0)
    client = client_for("aanbieder")
    for vrij in (3, 2, 4):
        plek.refresh_from_db()
        _snel(client, plek, vrij)
    assert list(plek.standen.order_by("id").values_list("vrij", flat=True)) == [3, 2, 4]
    html = client.get(f"/plekvrij/mijn-plekken/{plek.uuid}/geschiedenis/").content.decode()
    assert html.count("met één tik") == 3


def test_the_provider_pages_need_the_same_queries_for_3_or_30_places(leeg: Any, client_for: Any) -> None:
    client = client_for("aanbieder")

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        PlekFactory()
    small = (count("/"), count("/plekvrij/mijn-plekken/"))
    for _ in range(27):
        PlekFactory()
    assert (count("/"), count("/plekvrij/mijn-plekken/")) == small


def test_csv_download_change_upload(leeg: Any, client_for: Any) -> None:
    een = PlekFactory(gecontracteerd=4, bezet=1)
    twee = PlekFactory(gecontracteerd=2, bezet=0)
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)))
    client = client_for("aanbieder")
    download = client.get("/plekvrij/mijn-plekken/bestand/?download=csv")
    assert download["Content-Type"].startswith("text/csv")
    tekst = download.content.decode("utf-8-sig")
    assert str(een.uuid) in tekst and str(ander.uuid) not in tekst
    regels = [
        "plek;plekken;niet_inzetbaar;bezet;vrij_vanaf",
        f"{een.uuid};4;0;3;",
        f"{twee.uuid};2;0;5;",  # more occupied than places
        f"{ander.uuid};9;0;0;",  # not ours
        "niet-een-plek;1;0;0;",
        f"{een.uuid};4;0;twee;",
        f"{twee.uuid};2;0;2;31-12-9999",  # a free place in year 9999: a typing slip
        "",
    ]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plekken.csv", "\n".join(regels).encode(), content_type="text/csv")
    html = client.post("/plekvrij/mijn-plekken/bestand/", {"bestand": upload}).content.decode()
    assert "1 regel opgeslagen, 5 regels niet" in html
    assert "Regel 7:" in html and "Deze datum kan niet kloppen" in html
    assert "Regel 3:" in html and "hoogstens 2 plekken bezet" in html
    assert "Regel 4:" in html and "Regel 5:" in html and "niet van uw organisatie" in html
    assert "Regel 6:" in html and "heel getal" in html
    een.refresh_from_db()
    twee.refresh_from_db()
    ander.refresh_from_db()
    assert (een.bezet, twee.bezet, ander.gecontracteerd) == (3, 0, 4)
    assert Plekstand.objects.filter(plek=een, bron=Bron.CSV).count() == 1
    # The same file again: the rows are absolute states, so nothing changes twice.
    upload = SimpleUploadedFile("plekken.csv", "\n".join(regels).encode(), content_type="text/csv")
    html = client.post("/plekvrij/mijn-plekken/bestand/", {"bestand": upload}).content.decode()
    assert "Regel 3:" in html and "Regel 6:" in html
    een.refresh_from_db()
    twee.refresh_from_db()
    assert (een.bezet, een.gecontracteerd, twee.bezet) == (3, 4, 0)


def test_a_file_that_is_no_csv_of_places_gets_one_clear_message(leeg: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("aanbieder")
    for inhoud, melding in [
        (b"naam;leeftijd\nJan;12\n", "in elk geval &#x27;plek&#x27;"),
        (b"plek;bsn\nx;123\n", "Onbekende kolom: bsn"),
        (b"\xff\xfe\x00\x00\x81", "geen tekstbestand"),
    ]:
        upload = SimpleUploadedFile("x.csv", inhoud)
        response = client.post("/plekvrij/mijn-plekken/bestand/", {"bestand": upload})
        assert response.status_code == 200
        assert melding in response.content.decode(), inhoud


def test_my_places_page_on_instead_of_stopping_at_a_fixed_number(leeg: Any, client_for: Any) -> None:
    from jeugdketen.plekvrij.views import PLEKKEN_PER_PAGINA

    for _ in range(PLEKKEN_PER_PAGINA + 2):
        PlekFactory()
    client = client_for("aanbieder")
    eerste = client.get("/plekvrij/mijn-plekken/").content.decode()
    tweede = client.get("/plekvrij/mijn-plekken/", {"pagina": "2"}).content.decode()
    assert eerste.count('/snel/"') == PLEKKEN_PER_PAGINA and "pagina=2" in eerste
    assert tweede.count('/snel/"') == 2
    # Another provider's places are on no page of this one.
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)))
    assert str(ander.uuid) not in eerste + client.get("/plekvrij/mijn-plekken/", {"pagina": "2"}).content.decode()


def test_my_places_second_page_needs_the_same_queries_as_the_first(leeg: Any, client_for: Any) -> None:
    from jeugdketen.plekvrij.views import PLEKKEN_PER_PAGINA

    client = client_for("aanbieder")

    def count(pagina: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/plekvrij/mijn-plekken/", {"pagina": pagina}).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(PLEKKEN_PER_PAGINA + 3):
        PlekFactory()
    small = count("2")
    for _ in range(PLEKKEN_PER_PAGINA):
        PlekFactory()
    assert count("2") == small and count("3") == small


def test_a_place_name_that_looks_like_a_formula_downloads_as_text_and_the_file_goes_back_in(
    leeg: Any, client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    plek = PlekFactory(naam='=HYPERLINK("http://x.example","klik")', gecontracteerd=3, bezet=1)
    client = client_for("aanbieder")
    tekst = client.get("/plekvrij/mijn-plekken/bestand/?download=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in tekst  # a spreadsheet shows it, it does not run it
    # the provider changes only the number of occupied places and uploads the file it got
    regels = [r.replace(";3;0;1;", ";3;0;2;") for r in tekst.splitlines()]
    upload = SimpleUploadedFile("plekken.csv", "\n".join(regels).encode(), content_type="text/csv")
    html = client.post("/plekvrij/mijn-plekken/bestand/", {"bestand": upload}).content.decode()
    assert "1 regel opgeslagen" in html
    plek.refresh_from_db()
    assert (plek.naam, plek.bezet) == ('=HYPERLINK("http://x.example","klik")', 2)
