"""Issue 13 point 7 for family members without an account: the evaluation invites them too, the
plan's regisseur hands each a one-time personal code (printed or read out), and the code page
works without login, on a phone, once, until it expires, shows only the first name, and answers a
wrong, used or expired code (or too many tries) with a friendly Dutch page, never a 500. The
answer stays suppressed in the aggregates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from jeugdketen.core.models import OutboxBericht, Toegangslogregel
from jeugdketen.ervaring import regels
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
    assert Client().get(reverse("ervaring:met_code", args=[codes[0]])).status_code == 404
    assert Client().get(reverse("ervaring:met_code", args=[nieuw[0]])).status_code == 200


@pytest.mark.parametrize("username", ["aanbieder", "beleid", "ouder", "crisisdienst"])
def test_someone_other_than_the_regisseur_gets_the_404(
    zonder_inlog: dict[str, Any], client_for: Any, username: str
) -> None:
    client = client_for(username)
    assert client.get(zonder_inlog["codes"]).status_code == 404
    assert client.post(zonder_inlog["codes"]).status_code == 404
    assert not Uitnodiging.objects.exclude(code_hash="").exists()


def test_the_code_page_works_without_login_once_and_shows_only_the_first_name(
    zonder_inlog: dict[str, Any], client_for: Any
) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    url = reverse("ervaring:met_code", args=[code])
    anoniem = Client()
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
    again = Client().get(url)
    assert again.status_code == 410 and "Deze code is al gebruikt" in again.content.decode()
    twice = Client().post(url, ALL_FOURS)
    assert twice.status_code == 410 and Antwoord.objects.count() == 1


def test_a_bad_answer_gets_the_dutch_message_and_keeps_the_code(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    url = reverse("ervaring:met_code", args=[code])
    leeg = Client().post(url, {"opmerking": "x" * 1001})
    assert leeg.status_code == 200
    assert "Kies bij minstens één vraag een cijfer." in leeg.content.decode() or "1000" in leeg.content.decode()
    assert Antwoord.objects.count() == 0 and Client().get(url).status_code == 200


def test_an_expired_code_and_a_wrong_one_get_a_friendly_page(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    url = reverse("ervaring:met_code", args=[code])
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=regels.CODE_GELDIG_DAGEN, hours=1)
    with time_machine.travel(later, tick=False):
        verlopen = Client().get(url)
        assert verlopen.status_code == 410 and "Deze code is verlopen" in verlopen.content.decode()
        assert Client().post(url, ALL_FOURS).status_code == 410
    for fout in ("AAAA-BBBB-CCCC-DDDD", "kort", "A" * 40, code[:-1] + ("B" if code[-1] != "B" else "C")):
        page = Client().get(reverse("ervaring:met_code", args=[fout]))
        assert page.status_code == 404 and "Deze code kennen we niet" in page.content.decode(), fout
    odd = Client().get("/ervaring/code/%3Cscript%3E%20%C3%A9/")  # any text is answered, escaped, never a 500
    assert odd.status_code == 404 and "<script>" not in odd.content.decode()
    assert Antwoord.objects.count() == 0


def test_typing_the_code_as_printed(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    form = reverse("ervaring:code_invoeren")
    assert Client().get(form).status_code == 200
    typed = Client().post(form, {"code": " " + code.lower().replace("-", " ") + " "})
    assert typed.status_code == 302 and typed["Location"] == reverse("ervaring:met_code", args=[code.replace("-", "")])
    wrong = Client().post(form, {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert wrong.status_code == 200 and "Deze code kennen we niet" in wrong.content.decode()


def test_too_many_tries_from_one_address_are_refused(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _i in range(regels.CODE_POGINGEN):
        assert client.get(reverse("ervaring:met_code", args=["AAAABBBBCCCCDDDD"])).status_code == 404
    blocked = client.get(reverse("ervaring:met_code", args=[code]))
    assert blocked.status_code == 429 and "te vaak" in blocked.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.10").get(reverse("ervaring:met_code", args=[code])).status_code == 200


def test_the_answer_stays_suppressed_in_the_aggregates(zonder_inlog: dict[str, Any], client_for: Any) -> None:
    from jeugdketen.monitor import berekening
    from jeugdketen.monitor import selectors as monitor

    code = _codes(client_for("toegang"), zonder_inlog["codes"])[0]
    Client().post(reverse("ervaring:met_code", args=[code]), {**ALL_FOURS, "opmerking": "Alleen ik."})
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
