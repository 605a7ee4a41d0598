"""The family match in the verwijsindex (Jeugdwet 7.1.2.3, Besluit 7.1.4.3 lid 2): youths with a
parent in common according to the BRP. Created, joined by a third sibling, ended by removals;
only registrants are told, only that it concerns another youth, with the others' contact details;
the index asks the BRP itself and keeps only keyed pseudonyms (key rotation included)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jeugdketen.core.models import Actie, OutboxBericht, Toegangslogregel
from jeugdketen.gezinnen.models import Gezin
from jeugdketen.verwijsindex import logevents, pseudoniem
from jeugdketen.verwijsindex.models import Gezinsmatch, Jongere, MatchStatus, Melding, Ouderpseudoniem
from jeugdketen.verwijsindex.services import melding_verwijderen, sleutel_roteren
from tests.conftest import actor
from tests.verwijsindex.factories import RegistratieFactory, toegang

from .conftest import ALLE, EVA, LARS, NOOR, ROEL, SEM, TOM, gezin_met

pytestmark = pytest.mark.django_db


def geboren(persoon: Any, bsn: str) -> date:
    return date.fromisoformat(persoon(bsn)["geboorte"]["datum"]["datum"])


def melden(door: str, bsn: str, persoon: Any) -> Any:
    return RegistratieFactory(door=door, bsn=bsn, geboortedatum=geboren(persoon, bsn))


def signalen(username: str) -> int:
    return OutboxBericht.objects.filter(
        soort="verwijsindex_gezinsmatch", kanaal="in_app", ontvanger__username=username
    ).count()


def weghalen(username: str, melding: Melding) -> None:
    reden = "onterecht"
    weg = toegang(username, melding, segment=logevents.verwijderd(reden), actie=Actie.DELETE)
    melding_verwijderen(actor=actor(username), toegang=weg, reden=reden)


def test_family_match_created_joined_and_ended(region: Any, brp: Any, persoon: Any, client_for: Any) -> None:
    sem = melden("school", SEM, persoon)
    assert Gezinsmatch.objects.count() == 0  # one youth of the family: no family match yet
    noor = melden("toegang", NOOR, persoon)
    gm = Gezinsmatch.objects.get()
    assert gm.status == MatchStatus.ACTIEF
    assert set(gm.jongeren.all()) == {sem.melding.jongere, noor.melding.jongere}
    assert (signalen("school"), signalen("toegang")) == (1, 1)
    assert sem.match is None and noor.match is None  # different youths: no plain match

    # the page says only that it is another youth of the family, with the other's contact details
    page = client_for("school").get(f"/verwijsindex/gezinsmatches/{gm.uuid}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "andere jongere uit hetzelfde gezin" in text
    assert "Toegangsteam Jeugd Heerlen" in text and noor.melding.melder_naam in text
    assert noor.melding.kenmerk_hint not in text  # nothing that points at the other youth
    for bsn in ALLE:
        assert bsn not in text
    assert "Vaessen" not in text and "Noor" not in text

    # joined: a half-brother (one parent in common) registered by a third organisation
    lars = melden("huisarts", LARS, persoon)
    gm.refresh_from_db()
    assert gm.jongeren.count() == 3 and Gezinsmatch.objects.count() == 1
    assert (signalen("school"), signalen("toegang"), signalen("huisarts")) == (2, 2, 2)
    assert "Huisartsenpraktijk" in client_for("toegang").get(f"/verwijsindex/gezinsmatches/{gm.uuid}/").content.decode()

    # ended: removals until fewer than two youths have a current registration
    weghalen("huisarts", lars.melding)
    gm.refresh_from_db()
    assert gm.status == MatchStatus.ACTIEF and gm.jongeren.count() == 2
    weghalen("toegang", noor.melding)
    gm.refresh_from_db()
    assert gm.status == MatchStatus.BEEINDIGD and gm.beeindigd_op is not None and gm.jongeren.count() == 0
    assert client_for("school").get(f"/verwijsindex/gezinsmatches/{gm.uuid}/").status_code == 404
    # the removed youths' parents are no longer kept
    assert not Ouderpseudoniem.objects.exclude(jongere=sem.melding.jongere).exists()


def test_who_must_not_see_a_family_match(region: Any, brp: Any, persoon: Any, client_for: Any) -> None:
    melden("school", SEM, persoon)
    melden("toegang", NOOR, persoon)
    gm = Gezinsmatch.objects.get()
    url = f"/verwijsindex/gezinsmatches/{gm.uuid}/"
    # a meldingsbevoegde professional without a registration in it, and functional management
    for username in ("gi", "functioneelbeheer"):
        assert client_for(username).get(url).status_code == 404
        assert signalen(username) == 0
    # the professional's attempt is logged as denied (management is stopped by the page's policy)
    assert Toegangslogregel.objects.filter(
        object_type="verwijsindex_gezinsmatch", uitkomst="denied", gebruiker_naam__isnull=False
    ).exists()
    # the same organisation registering a second sibling is told of the other organisation's
    # registration again (for its new registration), never of its own registration of the first
    melden("school", LARS, persoon)
    assert signalen("school") == 2 and signalen("toegang") == 2


def test_no_family_data_reaches_the_index_tables(region: Any, brp: Any, persoon: Any) -> None:
    gezin = gezin_met("Gezin Vaessen", "GM0899", ("ouder", EVA, "Eva", "Vaessen"), ("jeugdige", SEM, "Sem", "Vaessen"))
    melden("school", SEM, persoon)
    melden("toegang", NOOR, persoon)
    melden("huisarts", LARS, persoon)
    assert Gezinsmatch.objects.filter(status=MatchStatus.ACTIEF).count() == 1
    verboden = [*ALLE, "Vaessen", "Kleijnen", "Eva", "Sem", "Noor", "Lars", str(gezin.uuid), "Brunssum"]
    tables = [t for t in connection.introspection.table_names() if t.startswith("verwijsindex_")]
    assert "verwijsindex_ouderpseudoniem" in tables and "verwijsindex_gezinsmatch" in tables
    with connection.cursor() as cursor:
        for table in tables:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            assert not {"bsn", "naam", "gezin_id", "voornaam", "achternaam"} & set(columns), table
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                cells = " ".join(str(v) for v in row)
                for word in verboden:
                    assert word not in cells, f"{word} found in {table}"
    # the parents are keyed pseudonyms, different from any youth key
    sleutels = set(Ouderpseudoniem.objects.values_list("sleutel", flat=True))
    assert sleutels == {pseudoniem.for_ouder(b) for b in (EVA, TOM, ROEL)}
    assert sleutels.isdisjoint(Jongere.objects.values_list("sleutel", flat=True))
    assert Gezin.objects.filter(pk=gezin.pk).exists()


def test_key_rotation_re_keys_the_parent_pseudonyms(region: Any, brp: Any, persoon: Any, settings: Any) -> None:
    settings.PSEUDONYM_KEY = "oud" * 12
    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = []
    melden("school", SEM, persoon)
    melden("toegang", NOOR, persoon)
    before = set(Ouderpseudoniem.objects.values_list("sleutel", flat=True))
    sleutel_roteren(nieuwe_sleutel="nieuw" * 8)
    after = set(Ouderpseudoniem.objects.values_list("sleutel", flat=True))
    assert after.isdisjoint(before) and len(after) == len(before)
    settings.PSEUDONYM_KEY = "nieuw" * 8
    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = ["oud" * 12]
    assert after == {pseudoniem.for_ouder(EVA), pseudoniem.for_ouder(TOM)}
    # a sibling registered after the rotation still joins the same family match
    melden("huisarts", LARS, persoon)
    gm = Gezinsmatch.objects.get()
    assert gm.jongeren.count() == 3 and gm.status == MatchStatus.ACTIEF


def test_brp_unreachable_registration_goes_ahead_without_family_match(
    region: Any, brp_onbereikbaar: str, persoon: Any
) -> None:
    sem = melden("school", SEM, persoon)
    noor = melden("toegang", NOOR, persoon)
    assert sem.nieuw and noor.nieuw
    assert not Gezinsmatch.objects.exists() and not Ouderpseudoniem.objects.exists()


def test_the_index_asks_the_brp_itself_with_its_own_purpose(region: Any, brp: Any, persoon: Any) -> None:
    reg = melden("school", SEM, persoon)
    row = Toegangslogregel.objects.filter(object_type="brp_bevraging").get()
    assert row.segment == "verwijsindex_familiematch"
    assert row.client_id == logevents.client_id(reg.melding.jongere)


def test_a_deceased_youth_cannot_be_registered(region: Any, brp: Any, persoon: Any) -> None:
    from .conftest import LOTTE

    with pytest.raises(ValidationError, match="overleden"):
        melden("school", LOTTE, persoon)
    assert not Melding.objects.exists()


def test_the_demo_has_a_family_match_with_the_standin(brp: Any) -> None:
    from jeugdketen.demo.generator import build

    build(size=1)
    gm = Gezinsmatch.objects.get(status=MatchStatus.ACTIEF)
    assert gm.jongeren.count() == 2
    assert signalen("school") >= 1 and signalen("toegang") >= 1
