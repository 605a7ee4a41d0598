"""Issue 13 point 7 for family members without an account: the evaluation invites them too, the
plan's regisseur hands each a one-time personal code (printed or read out), and the code page
works without login, on a phone, once, until it expires, shows only the first name, and answers a
wrong, used or expired code (or too many tries) with a friendly Dutch page, never a 500. The
code is typed into a form and never travels in an address: the server keeps the checked code's
hash in the visitor's session and shows the questions at one fixed address. The answer stays
suppressed in the aggregates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jeugdketen.core.models import OutboxBericht, Toegangslogregel
from jeugdketen.ervaring import regels, selectors
from jeugdketen.ervaring.models import Antwoord, Uitnodiging
from jeugdketen.ervaring.regels import VELDEN
from tests.ervaring.factories import AntwoordFactory
from tests.gezinsplan.factories import nieuwe_versie
from tests.toekomstplan.factories import born_for_age, family_in_care

ALL_FOURS = dict.fromkeys(VELDEN, "4")


def _evaluate(gezin: Any, client: Client) -> None:
    versie = nieuwe_versie(gezin.plan, doelen=1)
    response = client.post(
        reverse("gezinsplan:score", kwargs={"gezin": gezin.uuid}), {"doel": versie.doelen.get().sleutel, "score": 7}
    )
    assert response.status_code == 302


@pytest.fixture
def zonder_inlog(region: Any, client_for: Any) -> dict[str, Any]:
    """A family in care without any account (a parent and a youth of 14), evaluated by `toegang`."""
    gezin, youth, parent = family_in_care(geboortedatum=born_for_age(14))
    _evaluate(gezin, client_for("toegang"))
    return {
        "gezin": gezin,
        "youth": youth,
        "parent": parent,
        "codes": reverse("ervaring:codes", args=[gezin.plan.uuid]),
    }


def _codes(client: Client, url: str) -> list[str]:
    page = client.post(url)
    assert page.status_code == 200
    return re.findall(r'class="jk-code">([A-Z0-9-]+)<', page.content.decode())


FORM = "/ervaring/code/"
ANTWOORD = "/ervaring/code/antwoord/"


def _open(code: str, client: Client | None = None) -> Client:
    """Type the code on the form (as a member would): the questions open at the fixed address."""
    client = client or Client()
    typed = client.post(reverse("ervaring:code_invoeren"), {"code": code})
    assert typed.status_code == 302 and typed["Location"] == reverse("ervaring:code_antwoord") == ANTWOORD
    return client


def _no_code_in(code: str, *responses: Any) -> None:
    """Neither the code (as printed or as stored) nor its hash is in an address the browser is
    sent to, or in a page (the form's own echo of a mistyped code aside, which is no address)."""
    plain = code.replace("-", "")
    for response in responses:
        where = " ".join(
            [
                response.request["PATH_INFO"],
                response.request.get("QUERY_STRING", ""),
                response.get("Location", ""),
                response.content.decode(),
            ]
        )
        for spoor in (code, plain, plain.lower(), selectors.code_hash(plain)):
            assert spoor not in where, (response.request["PATH_INFO"], spoor)


def test_the_evaluation_invites_members_without_an_account_and_tells_the_regisseur(
    zonder_inlog: dict[str, Any],
) -> None:
    uitnodigingen = Uitnodiging.objects.filter(gezinslid__gezin=zonder_inlog["gezin"])
    assert {u.gezinslid_id for u in uitnodigingen} == {zonder_inlog["parent"].pk, zonder_inlog["youth"].pk}
    assert all(u.gebruiker_id is None and u.code_hash == "" for u in uitnodigingen)
    berichten = list(OutboxBericht.objects.filter(soort="ervaring_codes"))
    assert berichten and {(b.ontvanger.username, b.link) for b in berichten} == {("toegang", zonder_inlog["codes"])}
    assert all(zonder_inlog["parent"].achternaam not in b.titel for b in berichten)


def test_the_regisseur_makes_one_code_each_shown_once(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    client = client_for("toegang")
    page = client.get(zonder_inlog["codes"]).content.decode()
    assert "Ouder" in page and zonder_inlog["youth"].voornaam in page
    codes = _codes(client, zonder_inlog["codes"])
    assert len(codes) == 2 and all(re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", c) for c in codes)
    stored = set(Uitnodiging.objects.values_list("code_hash", flat=True))
    assert not stored & {c.replace("-", "") for c in codes}  # only hashes are kept
    assert not any(c in client.get(zonder_inlog["codes"]).content.decode() for c in codes)  # shown once
    # A new code replaces the old one.
    nieuw = _codes(client, zonder_inlog["codes"])
    old = Client().post(FORM, {"code": codes[0]})
    assert old.status_code == 200 and "Deze code kennen we niet" in old.content.decode()
    assert _open(nieuw[0]).get(ANTWOORD).status_code == 200


def test_the_regisseur_prints_the_letters_as_a_pdf_one_per_page(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    """For members without an account the code goes on paper: the PDF holds one letter per
    member (first name, the form's address, the code, until when), tagged and in Dutch, made in
    the same answer as the codes (only hashes are kept, so it cannot be made later)."""
    import io

    from pypdf import PdfReader

    client = client_for("toegang")
    response = client.post(zonder_inlog["codes"], {"als": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="persoonlijke-codes.pdf"'
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "nl" and bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    brieven = [page.extract_text() or "" for page in reader.pages]
    leden = {zonder_inlog["parent"].voornaam, zonder_inlog["youth"].voornaam}
    assert len(brieven) == len(leden) == 2
    codes = []
    for brief in brieven:
        (voornaam,) = [v for v in leden if f"Voor {v}: hoe ging het?" in brief]
        assert "http://testserver/ervaring/code/" in brief and "werkt één keer, tot" in brief
        assert zonder_inlog["parent"].achternaam not in brief and "1 / 2" not in brief  # each a letter of its own
        codes += re.findall(r"(?:[A-Z2-9]{4}-){3}[A-Z2-9]{4}", brief)
    assert len(set(codes)) == 2
    assert not any(c in client.get(zonder_inlog["codes"]).content.decode() for c in codes)  # not shown again
    assert _open(codes[0]).post(ANTWOORD, ALL_FOURS).status_code == 200  # the printed code works
    assert Antwoord.objects.count() == 1


@pytest.mark.parametrize("username", ["aanbieder", "beleid", "ouder", "crisisdienst"])
def test_someone_other_than_the_regisseur_gets_the_404(
    zonder_inlog: dict[str, Any], client_for: Any, username: str
) -> None:
    client = client_for(username)
    assert client.get(zonder_inlog["codes"]).status_code == 404
    assert client.post(zonder_inlog["codes"]).status_code == 404
    assert client.post(zonder_inlog["codes"], {"als": "pdf"}).status_code == 404
    assert not Uitnodiging.objects.exclude(code_hash="").exists()


def test_the_code_page_works_without_login_once_and_shows_only_the_first_name(
    zonder_inlog: dict[str, Any], client_for: Any
) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    url = ANTWOORD
    anoniem = Client()
    typed = anoniem.post(FORM, {"code": code})
    page = anoniem.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    lid = Uitnodiging.objects.exclude(code_hash="").order_by("gezinslid__voornaam").first().gezinslid  # type: ignore[union-attr]
    assert f"Hoe ging het, {lid.voornaam}?" in body
    for spoor in (
        lid.achternaam,
        zonder_inlog["gezin"].naam,
        lid.bsn or "BSN-none",
        str(zonder_inlog["youth"].geboortedatum),
    ):
        assert spoor not in body
    assert body.count("<legend") == 6 and 'name="viewport"' in body
    # The opening is in the family's access log.
    assert Toegangslogregel.objects.filter(
        client_id=str(zonder_inlog["gezin"].uuid), segment="code zonder inlog"
    ).exists()
    done = anoniem.post(url, {**ALL_FOURS, "opmerking": "Goed geholpen."})
    assert done.status_code == 200 and "Dank u wel!" in done.content.decode()
    assert Antwoord.objects.get().opmerking == "Goed geholpen."
    _no_code_in(code, typed, page, done)
    # Back or refresh in the same browser: the code was used, a second answer is not taken.
    assert "ervaring_code_hash" not in anoniem.session
    again = anoniem.get(url)
    assert again.status_code == 410 and "Deze code is al gebruikt" in again.content.decode()
    twice = anoniem.post(url, ALL_FOURS)
    assert twice.status_code == 410 and Antwoord.objects.count() == 1
    # Typing the code again, in this browser or another: used.
    for client in (anoniem, Client()):
        retyped = client.post(FORM, {"code": code})
        assert retyped.status_code == 410 and "Deze code is al gebruikt" in retyped.content.decode()
    _no_code_in(code, again, twice)
    assert Antwoord.objects.count() == 1


def test_a_bad_answer_gets_the_dutch_message_and_keeps_the_code(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    client = _open(code)
    leeg = client.post(ANTWOORD, {"opmerking": "x" * 1001})
    assert leeg.status_code == 200
    assert "Kies bij minstens één vraag een cijfer." in leeg.content.decode() or "1000" in leeg.content.decode()
    assert Antwoord.objects.count() == 0 and client.get(ANTWOORD).status_code == 200
    assert client.post(ANTWOORD, ALL_FOURS).status_code == 200 and Antwoord.objects.count() == 1


def test_an_expired_code_and_a_wrong_one_get_a_friendly_page(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=regels.CODE_GELDIG_DAGEN, hours=1)
    with time_machine.travel(later, tick=False):
        getypt = Client().post(FORM, {"code": code})
        assert getypt.status_code == 410 and "Deze code is verlopen" in getypt.content.decode()
        assert "ervaring_code_hash" not in getypt.client.session  # type: ignore[attr-defined]
    # Expiring while the questions are open (the session itself lives 15 idle minutes).
    geopend, tweede = _open(code), _open(code)
    Uitnodiging.objects.exclude(code_hash="").update(code_verloopt_op=dt.datetime.now(tz=dt.UTC))
    verlopen = geopend.get(ANTWOORD)
    assert verlopen.status_code == 410 and "Deze code is verlopen" in verlopen.content.decode()
    assert tweede.post(ANTWOORD, ALL_FOURS).status_code == 410
    for fout in ("AAAA-BBBB-CCCC-DDDD", "kort", "A" * 40, code[:-1] + ("B" if code[-1] != "B" else "C")):
        page = Client().post(FORM, {"code": fout})
        assert page.status_code == 200 and "Deze code kennen we niet" in page.content.decode(), fout
        assert "ervaring_code_hash" not in page.client.session  # type: ignore[attr-defined]
    odd = Client().post(FORM, {"code": "<script> é"})  # any text is answered, escaped, never a 500
    assert odd.status_code == 200 and "<script>" not in odd.content.decode()
    assert Antwoord.objects.count() == 0


def test_a_code_in_the_address_is_a_404_that_reads_nothing(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    """The code pages take no code in their address: an address with one (typed into the bar, an
    old link) is the friendly 404 for everyone, never the questions, and never a redirect that
    would carry it on (the login's ?next=)."""
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    for path in (
        f"/ervaring/code/{code}/",
        f"/ervaring/code/{code.replace('-', '')}/",
        f"/ervaring/code/{code}",
        f"/ervaring/code/antwoord/{code}/",
        "/ervaring/code/%3Cscript%3E%20%C3%A9/",
        "/ervaring/code/" + "A" * 200 + "/",
    ):
        for client in (Client(), client_for("ouder")):
            page = client.get(path)
            assert page.status_code == 404 and not page.has_header("Location"), path
            body = page.content.decode()
            assert "Deze pagina bestaat niet" in body and "<script>" not in body and "Hoe ging het," not in body
            assert client.post(path, ALL_FOURS).status_code in (403, 404)  # no CSRF token, or the 404
    assert Antwoord.objects.count() == 0
    assert not Toegangslogregel.objects.filter(segment="code zonder inlog").exists()


def test_a_checked_code_is_this_browsers_only(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    """The checked code lives in the session of the browser that typed it, under a new session
    key: another browser (or a session id planted before, session fixation) gets the form."""
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    eigen = Client()
    eigen.get(FORM)
    eigen.session.save()  # an anonymous session exists before the code is typed
    voor = eigen.session.session_key
    _open(code, eigen)
    assert eigen.session.session_key != voor
    assert eigen.session["ervaring_code_hash"] == selectors.code_hash(code)  # the hash, never the code
    assert code.replace("-", "") not in str(dict(eigen.session.items()))
    vreemd = Client()
    for response in (vreemd.get(ANTWOORD), vreemd.post(ANTWOORD, ALL_FOURS)):
        assert response.status_code == 302 and response["Location"] == FORM
    # The session id from before the code was typed is no longer a session with the code.
    vastgezet = Client()
    vastgezet.cookies[settings.SESSION_COOKIE_NAME] = voor or ""
    assert vastgezet.post(ANTWOORD, ALL_FOURS).status_code == 302
    assert Antwoord.objects.count() == 0
    assert eigen.post(ANTWOORD, ALL_FOURS).status_code == 200 and Antwoord.objects.count() == 1


def test_a_code_replaced_after_it_was_checked_stops_working(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    regisseur = client_for("toegang")
    client = _open(_codes(regisseur, zonder_inlog["codes"])[0])
    _codes(regisseur, zonder_inlog["codes"])  # the regisseur hands out new letters
    page = client.post(ANTWOORD, ALL_FOURS)
    assert page.status_code == 404 and "Deze code kennen we niet" in page.content.decode()
    assert Antwoord.objects.count() == 0


def test_typing_the_code_as_printed(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    form = reverse("ervaring:code_invoeren")
    assert Client().get(form).status_code == 200
    client = Client()
    typed = client.post(form, {"code": " " + code.lower().replace("-", " ") + " "})
    assert typed.status_code == 302 and typed["Location"] == ANTWOORD
    assert client.get(ANTWOORD).status_code == 200
    wrong = Client().post(form, {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert wrong.status_code == 200 and "Deze code kennen we niet" in wrong.content.decode()


def test_too_many_tries_from_one_address_are_refused(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _i in range(regels.CODE_POGINGEN):
        assert client.post(FORM, {"code": "AAAABBBBCCCCDDDD"}).status_code == 200
    blocked = client.post(FORM, {"code": code})
    assert blocked.status_code == 429 and "te vaak" in blocked.content.decode()
    assert "ervaring_code_hash" not in client.session
    elders = _open(code, Client(REMOTE_ADDR="203.0.113.10"))
    # The questions' page counts too (each opening and each answer is a try from that address).
    for _i in range(regels.CODE_POGINGEN - 1):  # the form's post was the first
        assert elders.get(ANTWOORD).status_code == 200
    assert elders.get(ANTWOORD).status_code == 429
    assert Antwoord.objects.count() == 0


def test_the_answer_stays_suppressed_in_the_aggregates(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    from jeugdketen.monitor import berekening
    from jeugdketen.monitor import selectors as monitor

    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    assert _open(code).post(ANTWOORD, {**ALL_FOURS, "opmerking": "Alleen ik."}).status_code == 200
    gemeente = zonder_inlog["gezin"].gemeente
    AntwoordFactory.create_batch(3, gemeente=gemeente)  # 4 answers in all: below the threshold
    berekening.bereken(gemeente.regio)
    t = monitor.tabel(gemeente.regio, "ervaring")
    assert t is not None
    m = t.meting(gemeente.cbs_code, dt.date.today().year)
    assert m is not None and m.teller.getal is None and m.waarde.getal is None
    page = client_for("beleid").get(reverse("ervaring:cijfers")).content.decode()
    assert "Alleen ik." not in page


def test_an_invitation_without_an_account_is_no_ones_page(region: Any, client_for: Any) -> None:
    """Without a login the invitation has no owner: its uuid page is the 404 for everyone."""
    from tests.ervaring.factories import UitnodigingFactory

    u = UitnodigingFactory()
    assert u.gebruiker_id is None
    url = reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})
    for username in ("ouder", "toegang", "beleid"):
        assert client_for(username).get(url).status_code == 404
        assert client_for(username).post(url, ALL_FOURS).status_code == 404
    assert Antwoord.objects.count() == 0


def test_two_browsers_that_checked_one_code_answer_once(
    zonder_inlog: dict[str, Any], client_for: Any, monkeypatch: Any
) -> None:
    """Two browsers typed the same code; the first answer counts. The second is refused even when
    it passes the page's check in the same instant (the race: the service's conditional update)."""
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    eerste, tweede = _open(code), _open(code)
    assert eerste.post(ANTWOORD, ALL_FOURS).status_code == 200
    assert tweede.post(ANTWOORD, ALL_FOURS).status_code == 410
    monkeypatch.setattr(selectors, "code_reden", lambda _u: None)  # as if both checked before either saved
    derde = _open(code)
    race = derde.post(ANTWOORD, ALL_FOURS)
    assert race.status_code == 410 and "Deze code is al gebruikt" in race.content.decode()
    assert "ervaring_code_hash" not in derde.session and Antwoord.objects.count() == 1
