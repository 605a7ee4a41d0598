"""Pages for professionals and functional management: scoping (404), query counts, CSV upload."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from jeugdketen.core.models import Toegangslogregel, Uitkomst
from jeugdketen.verwijsindex.models import Match, Melding
from tests.verwijsindex.factories import RegistratieFactory, new_bsn


def test_register_through_the_form(client_for: Any) -> None:
    c = client_for("toegang")
    bsn = new_bsn()
    r = c.post("/verwijsindex/melden/", {"bsn": bsn, "geboortedatum": "2012-05-01"})
    assert r.status_code == 302
    melding = Melding.objects.get()
    assert r["Location"] == f"/verwijsindex/meldingen/{melding.uuid}/"
    page = c.get(r["Location"])
    assert page.status_code == 200 and bsn not in page.content.decode()


def test_bad_input_gets_a_dutch_message(client_for: Any) -> None:
    c = client_for("toegang")
    for data, text in [
        ({"bsn": "123456789", "geboortedatum": "2012-05-01"}, "11-proef"),
        ({"bsn": new_bsn(), "geboortedatum": "1990-01-01"}, "23 jaar of ouder"),
        ({"bsn": new_bsn(), "geboortedatum": "gisteren"}, "Vul een datum in"),
        ({"geboortedatum": "2012-05-01"}, "Vul het BSN in"),
        ({"bsn": new_bsn(), "geboortedatum": "2012-05-01", "reden": "zorgen over thuis"}, None),
    ]:
        r = c.post("/verwijsindex/melden/", data)
        if text:
            assert r.status_code == 200 and text in r.content.decode()
    # the unknown 'reden' field was ignored: nothing anywhere holds it
    assert "zorgen" not in str(list(Melding.objects.values()))


def test_professional_outside_the_match_sees_nothing(client_for: Any) -> None:
    bsn = new_bsn()
    a = RegistratieFactory(door="toegang", bsn=bsn)
    b = RegistratieFactory(door="school", bsn=bsn)
    match = b.match
    assert match is not None
    ok = client_for("school").get(f"/verwijsindex/matches/{match.uuid}/")
    assert ok.status_code == 200 and "Toegangsteam Jeugd Heerlen" in ok.content.decode()
    for user in ("huisarts", "gi", "crisisdienst", "functioneelbeheer", "beleid"):
        c = client_for(user)
        assert c.get(f"/verwijsindex/matches/{match.uuid}/").status_code == 404
        assert c.get(f"/verwijsindex/meldingen/{a.melding.uuid}/").status_code == 404
        assert c.post(f"/verwijsindex/meldingen/{a.melding.uuid}/weghalen/", {"reden": "onterecht"}).status_code == 404
    assert Melding.objects.count() == 2
    assert Toegangslogregel.objects.filter(uitkomst=Uitkomst.DENIED, object_id=str(match.uuid)).exists()


def test_search_own_registration_only(client_for: Any) -> None:
    bsn = new_bsn()
    reg = RegistratieFactory(door="toegang", bsn=bsn)
    assert client_for("toegang").post("/verwijsindex/zoeken/", {"bsn": bsn, "geboortedatum": "2012-05-01"})[
        "Location"
    ] == (f"/verwijsindex/meldingen/{reg.melding.uuid}/")
    assert (
        client_for("school").post("/verwijsindex/zoeken/", {"bsn": bsn, "geboortedatum": "2012-05-01"}).status_code
        == 404
    )


def test_coordination_and_contact_through_pages(client_for: Any) -> None:
    bsn = new_bsn()
    RegistratieFactory(door="school", bsn=bsn)
    match = RegistratieFactory(door="toegang", bsn=bsn).match
    assert match is not None
    assert client_for("school").post(f"/verwijsindex/matches/{match.uuid}/contact/").status_code == 404
    c = client_for("toegang")
    assert c.post(f"/verwijsindex/matches/{match.uuid}/contact/").status_code == 302
    match.refresh_from_db()
    assert match.contact_vastgelegd_op is not None


def test_remove_and_inform_through_pages(client_for: Any) -> None:
    reg = RegistratieFactory(door="toegang", bsn=new_bsn())
    c = client_for("toegang")
    assert "Nog doen" in c.get("/verwijsindex/?te_informeren=1").content.decode()
    c.post(f"/verwijsindex/meldingen/{reg.melding.uuid}/informeren/", {"geinformeerd_op": date.today().isoformat()})
    assert "Geen meldingen" in c.get("/verwijsindex/?te_informeren=1").content.decode()
    c.post(f"/verwijsindex/meldingen/{reg.melding.uuid}/weghalen/", {"reden": "zomaar"})
    assert Melding.objects.exists()
    c.post(f"/verwijsindex/meldingen/{reg.melding.uuid}/weghalen/", {"reden": "onterecht"})
    assert not Melding.objects.exists()


def test_list_pages_have_constant_query_counts(client_for: Any, django_assert_max_num_queries: Any) -> None:
    c = client_for("toegang")
    fb = client_for("functioneelbeheer")
    for _ in range(2):
        bsn = new_bsn()
        RegistratieFactory(door="toegang", bsn=bsn)
        RegistratieFactory(door="school", bsn=bsn)

    def count(client: Any, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = [(c, "/verwijsindex/"), (c, "/verwijsindex/matches/"), (fb, "/verwijsindex/beheer/regie/?alles=1")]
    before = [count(cl, u) for cl, u in urls]
    for _ in range(5):
        bsn = new_bsn()
        RegistratieFactory(door="toegang", bsn=bsn)
        RegistratieFactory(door="school", bsn=bsn)
    assert [count(cl, u) for cl, u in urls] == before
    with django_assert_max_num_queries(before[0]):
        c.get("/verwijsindex/")


CSV_OK = "bsn;geboortedatum;achternaam;geslacht\n{a};2012-05-01;;\n{b};01-02-2010;;\n"


def test_csv_mixed_rows_and_idempotent_reupload(client_for: Any) -> None:
    c = client_for("toegang")
    a, b = new_bsn(), new_bsn()
    text = (
        "bsn;geboortedatum;achternaam;geslacht\n"
        f"{a};2012-05-01;;\n"
        "123456789;2012-05-01;;\n"
        f"{b};01-02-2010;;\n"
        f"{new_bsn()};1990-01-01;;\n"
        ";2015-02-03;Janssen;v\n"
        f"{new_bsn()};morgen;;\n"
    )

    def upload() -> str:
        f = SimpleUploadedFile("meldingen.csv", text.encode(), content_type="text/csv")
        r = c.post("/verwijsindex/bestand/", {"bestand": f})
        assert r.status_code == 200
        return r.content.decode()

    html = upload()
    assert Melding.objects.count() == 3
    errors = re.findall(r'<td class="utrecht-table__cell">(\d+)</td><td class="utrecht-table__cell">([^<]+)', html)
    lines = {int(n): msg for n, msg in errors if "11-proef" in msg or "23 jaar" in msg or "geen datum" in msg}
    assert set(lines) == {3, 5, 7}
    upload()
    assert Melding.objects.count() == 3  # the same file twice registers nothing twice
    assert "was al gemeld" in upload()


def test_csv_rejects_unknown_columns(client_for: Any) -> None:
    f = SimpleUploadedFile("x.csv", b"bsn;geboortedatum;reden_zorg\n1;2;3\n", content_type="text/csv")
    r = client_for("toegang").post("/verwijsindex/bestand/", {"bestand": f})
    assert "Onbekende kolom" in r.content.decode() and not Melding.objects.exists()


def test_csv_upload_leaves_the_csv_module_as_it_was(client_for: Any) -> None:
    """A file the sniffer cannot read falls back to a guessed delimiter without changing csv.excel."""
    import csv

    f = SimpleUploadedFile("x.csv", b"bsn;geboortedatum\n1;2;3,4\n5\n", content_type="text/csv")
    client_for("toegang").post("/verwijsindex/bestand/", {"bestand": f})
    assert csv.excel.delimiter == ","


def test_functional_management_pages(client_for: Any) -> None:
    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    fb = client_for("functioneelbeheer")
    for url in [
        "/verwijsindex/beheer/",
        "/verwijsindex/beheer/regie/?alles=1",
        "/verwijsindex/beheer/regels/",
        "/verwijsindex/beheer/gebruik/",
        "/verwijsindex/beheer/logboek/",
        "/verwijsindex/beheer/overlijden/",
    ]:
        r = fb.get(url)
        assert r.status_code == 200, url
        assert bsn not in r.content.decode()
    gebruik = fb.get("/verwijsindex/beheer/gebruik/").content.decode()
    assert "Basisschool De Bron" in gebruik and "Veilig Thuis Zuid-Limburg" in gebruik  # never registered
    log = fb.post("/verwijsindex/beheer/logboek/", {"bsn": bsn}).content.decode()
    assert "matchsignaal" in log and bsn not in log
    # a professional cannot reach any of it
    assert client_for("toegang").get("/verwijsindex/beheer/gebruik/").status_code == 404


def test_another_regions_functional_manager_sees_no_logbook_here(client_for: Any) -> None:
    from django.test import Client

    from jeugdketen.core.rollen import Rol
    from jeugdketen.organisaties.models import Gebruiker, Medewerker, Organisatie, OrganisatieSoort, Regio
    from tests.conftest import login

    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    elders = Regio.objects.create(naam="Zuid-Kennemerland")
    org = Organisatie.objects.create(regio=elders, naam="Beheer Kennemerland", soort=OrganisatieSoort.REGIO_BEHEER)
    user = Gebruiker.objects.create_user(username="fb-elders", password="een-lang-wachtwoord-42")
    Medewerker.objects.create(gebruiker=user, organisatie=org, rol=Rol.FUNCTIONEEL_BEHEER)
    other = login(Client(), "fb-elders", password="een-lang-wachtwoord-42")
    log = other.post("/verwijsindex/beheer/logboek/", {"bsn": bsn}).content.decode()
    assert "Sanne Jacobs" not in log  # nobody from Parkstad in another region's logbook
    own = client_for("functioneelbeheer").post("/verwijsindex/beheer/logboek/", {"bsn": bsn}).content.decode()
    assert "Sanne Jacobs" in own


def test_functional_management_connects_and_designates(client_for: Any) -> None:
    from jeugdketen.core.rollen import Rol
    from jeugdketen.organisaties.models import Gebruiker, Medewerker, Organisatie

    fb = client_for("functioneelbeheer")
    org = Organisatie.objects.get(naam__startswith="Integrale Crisisdienst")
    user = Gebruiker.objects.get(username="crisisdienst")
    assert not Medewerker.objects.filter(gebruiker=user, rol=Rol.MELDINGSBEVOEGD).exists()
    url = f"/verwijsindex/beheer/organisaties/{org.uuid}/"
    fb.post(url, {"actie": "bevoegd", "gebruiker": str(user.uuid)})
    assert Medewerker.objects.filter(gebruiker=user, rol=Rol.MELDINGSBEVOEGD, actief=True).exists()
    r = fb.post(url, {"actie": "sleutel_uitgeven", "systeem": "Crisis-EPD"})
    assert "jk_" in r.content.decode()
    beleid = Organisatie.objects.get(soort="gemeente_beleid")
    r = fb.post(f"/verwijsindex/beheer/organisaties/{beleid.uuid}/", {"actie": "aansluiten"}, follow=True)
    assert "mag niet aansluiten" in r.content.decode()


def test_regie_escalation_and_assignment(client_for: Any) -> None:
    import time_machine

    bsn = new_bsn()
    with time_machine.travel("2025-01-01 10:00 +0100", tick=False):
        RegistratieFactory(door="school", bsn=bsn)
        match = RegistratieFactory(door="huisarts", bsn=bsn).match
    assert match is not None
    Match.objects.filter(pk=match.pk).update(regie_organisatie=None, regie_sinds=None)
    fb = client_for("functioneelbeheer")
    html = fb.get("/verwijsindex/beheer/regie/").content.decode()
    assert "Huisartsenpraktijk Schaesberg" in html
    org = Melding.objects.get(organisatie__soort="huisartsenpraktijk").organisatie
    fb.post(f"/verwijsindex/beheer/regie/{match.uuid}/", {"organisatie": str(org.uuid)})
    match.refresh_from_db()
    assert match.regie_organisatie == org and not match.regie_door_afspraak


def test_the_log_manager_sees_who_was_told_as_told_never_as_looked(client_for: Any) -> None:
    """A match signal is its own action in the access log (informed), not a read by the one told."""
    from jeugdketen.core.models import Actie
    from jeugdketen.verwijsindex import logevents

    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    second = RegistratieFactory(door="school", bsn=bsn)
    client = logevents.client_id(second.melding.jongere)
    rows = Toegangslogregel.objects.filter(client_id=client, segment="matchsignaal")
    assert {(r.gebruiker.username, r.actie) for r in rows} == {("toegang", Actie.INFORM), ("school", Actie.INFORM)}
    page = client_for("logbeheer").get("/toegangslog/", {"client": client}).content.decode()
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert cells.count("geïnformeerd") == 2 and "bekeken" not in cells


def test_csv_removes_only_the_own_registration_and_logs_it_once(client_for: Any) -> None:
    from jeugdketen.core.models import Actie

    own_bsn, their_bsn = new_bsn(), new_bsn()
    own = RegistratieFactory(door="toegang", bsn=own_bsn)
    theirs = RegistratieFactory(door="school", bsn=their_bsn)
    rij = "{bsn};2012-05-01;verwijderen;onterecht\n"
    text = "bsn;geboortedatum;actie;reden\n" + rij.format(bsn=own_bsn) + rij.format(bsn=their_bsn)
    f = SimpleUploadedFile("weg.csv", text.encode(), content_type="text/csv")
    html = client_for("toegang").post("/verwijsindex/bestand/", {"bestand": f}).content.decode()
    assert "weggehaald" in html and "geen melding gevonden" in html
    assert not Melding.objects.filter(pk=own.melding.pk).exists()
    assert Melding.objects.filter(pk=theirs.melding.pk).exists()  # another organisation's: not found here
    removed = Toegangslogregel.objects.filter(object_id=str(own.melding.uuid), actie=Actie.DELETE)
    assert list(removed.values_list("segment", flat=True)) == ["verwijderd:onterecht"]


def test_only_the_regions_own_management_assigns_coordination(client_for: Any) -> None:
    from django.test import Client

    from tests.conftest import login
    from tests.gezinnen.helpers import denied_logged
    from tests.organisaties.factories import PASSWORD
    from tests.verwijsindex.factories import functioneel_beheer_elders

    bsn = new_bsn()
    RegistratieFactory(door="school", bsn=bsn)
    match = RegistratieFactory(door="huisarts", bsn=bsn).match
    assert match is not None
    Match.objects.filter(pk=match.pk).update(regie_organisatie=None, regie_sinds=None)
    gp = Melding.objects.get(organisatie__soort="huisartsenpraktijk").organisatie
    functioneel_beheer_elders()
    other = login(Client(), "fb-elders", password=PASSWORD)
    url = f"/verwijsindex/beheer/regie/{match.uuid}/"
    assert other.post(url, {"organisatie": str(gp.uuid)}).status_code == 404
    assert denied_logged(str(match.uuid))
    match.refresh_from_db()
    assert match.regie_organisatie is None
    # the own region's management may, and the change is one entry under the coordination basis
    assert client_for("functioneelbeheer").post(url, {"organisatie": str(gp.uuid)}).status_code == 302
    match.refresh_from_db()
    assert match.regie_organisatie == gp
    entry = Toegangslogregel.objects.get(object_id=str(match.uuid), segment="matchregie", uitkomst=Uitkomst.SUCCESS)
    assert entry.grondslag == "Jeugdwet 7.1.3.2 matchregie" and entry.gebruiker.username == "functioneelbeheer"
