"""The law's rules as pure functions and services: age and 11-test boundaries (hypothesis),
matches, removal reasons, archive terms with a controlled clock, informing, logbook, key rotation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdketen.core.access import Geweigerd
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.kalender import einde_termijn
from jeugdketen.core.models import Actie, OutboxBericht, Toegangslogregel, Uitkomst
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from jeugdketen.verwijsindex import logevents, pseudoniem
from jeugdketen.verwijsindex.logevents import Segment
from jeugdketen.verwijsindex.models import (
    ArchiefSignaal,
    Bewaarrun,
    Informeren,
    Jongere,
    Match,
    MatchStatus,
    Melding,
    MeldingStatus,
    Verwijderreden,
)
from jeugdketen.verwijsindex.services import (
    Identificatie,
    bewaartermijnen_uitvoeren,
    contact_vastleggen,
    informeren_vastleggen,
    melding_verwijderen,
    overlijden_vastleggen,
    regie_toewijzen,
    sleutel_roteren,
)
from jeugdketen.verwijsindex.termijnen import termijnen
from tests.conftest import actor
from tests.organisaties.factories import GebruikerFactory, MedewerkerFactory
from tests.verwijsindex.factories import RegistratieFactory, functioneel_beheer_elders, new_bsn, organisatie, toegang

AMS = ZoneInfo("Europe/Amsterdam")


# --- Age (art. 7.1.1.1) and terms (art. 7.1.4.5) -------------------------------------------


@given(
    geboren=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    gemeld=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
def test_age_boundary_and_removal_date(geboren: date, gemeld: date) -> None:
    if geboren > gemeld or einde_termijn(geboren, jaren=23) <= gemeld:
        with pytest.raises(ValidationError):
            termijnen(geboortedatum=geboren, gemeld_op=gemeld)
        return
    t = termijnen(geboortedatum=geboren, gemeld_op=gemeld)
    # the earlier of two years and the 23rd birthday, never later than either
    assert t.verwijderdatum == min(einde_termijn(gemeld, jaren=2), einde_termijn(geboren, jaren=23))
    assert t.uiterste_datum <= einde_termijn(geboren, jaren=23)
    assert t.verwijderdatum <= t.uiterste_datum


def test_age_boundary_exact_days() -> None:
    today = date(2025, 6, 15)
    termijnen(geboortedatum=date(2002, 6, 16), gemeld_op=today)  # 22 years and 364 days: allowed
    with pytest.raises(ValidationError, match="23 jaar of ouder"):
        termijnen(geboortedatum=date(2002, 6, 15), gemeld_op=today)  # 23 today: refused
    with pytest.raises(ValidationError, match="toekomst"):
        termijnen(geboortedatum=date(2025, 6, 16), gemeld_op=today)


def test_a_leap_day_youth_leaves_the_index_on_28_february() -> None:
    """The 23rd birthday is a storage limit here (core.kalender.einde_termijn): a youth born on
    29 February is removed on 28 February, and cannot be registered on that day any more."""
    geboren = date(2000, 2, 29)
    t = termijnen(geboortedatum=geboren, gemeld_op=date(2023, 2, 27))
    assert (t.verwijderdatum, t.automatische_reden) == (date(2023, 2, 28), Verwijderreden.LEEFTIJD_23)
    with pytest.raises(ValidationError, match="23 jaar of ouder"):
        termijnen(geboortedatum=geboren, gemeld_op=date(2023, 2, 28))
    # two years from a leap day end on 28 February too
    assert termijnen(geboortedatum=date(2010, 5, 1), gemeld_op=date(2024, 2, 29)).verwijderdatum == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("geboren", "groep"),
    [
        (date(2013, 6, 16), Informeren.OUDERS),  # 11
        (date(2013, 6, 15), Informeren.JONGERE_EN_OUDERS),  # 12 today
        (date(2009, 6, 16), Informeren.JONGERE_EN_OUDERS),  # 15
        (date(2009, 6, 15), Informeren.JONGERE),  # 16 today
    ],
)
def test_informing_age_bands(geboren: date, groep: str) -> None:
    """Art. 7.1.5.1: under 12 parents, 12–15 youth and parents, 16+ the youth."""
    assert termijnen(geboortedatum=geboren, gemeld_op=date(2025, 6, 15)).informeren == groep


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_11_test(bsn: str) -> None:
    total = sum(int(d) * w for d, w in zip(bsn, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    if total % 11 == 0 and bsn != "000000000" and int(bsn) > 0:
        ok = True
        try:
            validate_bsn(bsn)
        except ValidationError:
            ok = False
        assert ok or bsn.startswith("00")
    else:
        with pytest.raises(ValidationError):
            validate_bsn(bsn)


@settings(max_examples=30)
@given(st.text(alphabet="0123456789 .-", max_size=12))
def test_bad_bsn_gives_dutch_message(raw: str) -> None:
    try:
        validate_bsn(raw)
    except ValidationError as exc:
        assert "BSN" in " ".join(exc.messages)


def test_pseudonym_is_keyed_and_reveals_nothing(settings: Any) -> None:
    bsn = "999990019"
    settings.PSEUDONYM_KEY = "a" * 40
    a = pseudoniem.for_bsn(bsn)
    settings.PSEUDONYM_KEY = "b" * 40
    assert pseudoniem.for_bsn(bsn) != a
    assert bsn not in a and len(a) == 64
    vsn = pseudoniem.for_vsn(achternaam="Él Amrani", geboortedatum=date(2010, 1, 2), geslacht="v")
    assert vsn == pseudoniem.for_vsn(achternaam="el-amrani", geboortedatum=date(2010, 1, 2), geslacht="v")


# --- Registration, match, signals (art. 7.1.2.3, 7.1.4.3) ----------------------------------


def signals() -> list[tuple[str, str]]:
    return sorted(
        OutboxBericht.objects.filter(soort="verwijsindex_match", kanaal="in_app").values_list(
            "ontvanger__username", "titel"
        )
    )


def verwijderen(username: str, melding: Melding, reden: str) -> bool:
    """Remove a registration as its organisation's page does: fetch (the removal's log entry), then the service."""
    weg = toegang(username, melding, segment=logevents.verwijderd(reden), actie=Actie.DELETE)
    return melding_verwijderen(actor=actor(username), toegang=weg, reden=reden)


def test_registration_stores_no_bsn_and_no_birth_date(region: Any) -> None:
    bsn = new_bsn()
    reg = RegistratieFactory(door="toegang", bsn=bsn, geboortedatum=date(2012, 5, 1))
    values = [str(v) for v in Melding.objects.filter(pk=reg.melding.pk).values().first().values()]
    values += [str(v) for v in Jongere.objects.values().first().values()]
    assert not any(bsn in v for v in values)
    assert not any("2012-05-01" in v for v in values)
    assert reg.melding.kenmerk_hint == "******" + bsn[-3:]


def test_match_create_join_and_end(region: Any) -> None:
    bsn = new_bsn()
    assert RegistratieFactory(door="toegang", bsn=bsn).match is None
    assert signals() == []
    second = RegistratieFactory(door="school", bsn=bsn)
    match = second.match
    assert match is not None
    assert [u for u, _t in signals()] == ["school", "toegang"]  # each told once, nobody else
    third = RegistratieFactory(door="huisarts", bsn=bsn)
    assert third.match == match  # a later registration joins the match
    assert Match.objects.count() == 1
    # one signal per event per person: the newcomer gets one message naming both others, each of
    # them one about the newcomer (joining with two others once gave the newcomer two identical ones)
    assert [u for u, _t in signals()] == ["huisarts", "school", "school", "toegang", "toegang"]
    huisarts_titel = next(t for u, t in signals() if u == "huisarts")
    assert organisatie("Toegangsteam").naam in huisarts_titel and second.melding.organisatie.naam in huisarts_titel
    # the signal names organisations only, no personal data
    assert all(t.startswith("Er is een match in de verwijsindex met: ") for _u, t in signals())
    assert not any(bsn in t for _u, t in signals())
    # logbook: who received a signal (art. 7.1.2.3 f) — as told, never as a read of the registration
    told = Toegangslogregel.objects.filter(segment=Segment.MATCHSIGNAAL)
    assert told.count() == 5 and set(told.values_list("actie", flat=True)) == {Actie.INFORM}
    assert sorted(told.values_list("gebruiker__username", flat=True)) == [u for u, _t in signals()]
    assert not Toegangslogregel.objects.filter(actie=Actie.READ, client_id=told[0].client_id).exists()
    # same organisation again: idempotent, nothing new
    assert RegistratieFactory(door="school", bsn=bsn).nieuw is False
    # coordination by the region's rules: the access team (care-giving) over the school and GP
    match.refresh_from_db()
    assert match.regie_organisatie is not None and match.regie_organisatie.soort == "toegang"
    # removals end the match when fewer than two organisations remain
    verwijderen("huisarts", third.melding, Verwijderreden.ONTERECHT)
    verwijderen("school", second.melding, Verwijderreden.ONTERECHT)
    match.refresh_from_db()
    assert match.status == MatchStatus.BEEINDIGD


def test_regie_by_agreement_and_contact(region: Any) -> None:
    bsn = new_bsn()
    RegistratieFactory(door="school", bsn=bsn)
    match = RegistratieFactory(door="gi", bsn=bsn).match
    assert match is not None and match.regie_organisatie.soort == "gi"
    with pytest.raises(ValidationError, match="zorgverlenende"):
        regie_toewijzen(
            actor=actor("gi"),
            toegang=toegang("gi", match, segment=Segment.MATCHREGIE),
            organisatie=Melding.objects.get(organisatie__soort="school").organisatie,
        )
    with pytest.raises(Geweigerd):  # only the coordinator records contact
        contact_vastleggen(actor=actor("school"), toegang=toegang("school", match, segment=Segment.CONTACT))
    contact_vastleggen(actor=actor("gi"), toegang=toegang("gi", match, segment=Segment.CONTACT))
    match.refresh_from_db()
    assert match.contact_vastgelegd_op is not None
    assert match.contact_vastgelegd_door == Gebruiker.objects.get(username="gi")
    with pytest.raises(Geweigerd):  # not in the match: the fetch itself refuses
        toegang("huisarts", match, segment=Segment.MATCHREGIE)


def test_only_meldingsbevoegd_of_connected_org_can_register(region: Any) -> None:
    with pytest.raises(Geweigerd):
        RegistratieFactory(door="crisisdienst")  # not meldingsbevoegd
    assert Toegangslogregel.objects.filter(
        uitkomst=Uitkomst.DENIED, segment=Segment.NIET_AANGESLOTEN
    ).exists() or _pending_denied(Segment.NIET_AANGESLOTEN)
    Organisatie.objects.filter(pk=organisatie("Toegangsteam").pk).update(aangesloten_verwijsindex=False)
    with pytest.raises(Geweigerd):
        RegistratieFactory(door="toegang")


def _pending_denied(segment: str) -> bool:
    """A denied attempt inside a test transaction on SQLite waits to be written (core.toegangslog)."""
    from jeugdketen.core.toegangslog import _pending_list

    return any(v["uitkomst"] == Uitkomst.DENIED and v["segment"] == segment for v in _pending_list())


def test_youth_without_bsn(region: Any) -> None:
    a = RegistratieFactory(door="toegang", bsn="", geboortedatum=date(2015, 2, 3), achternaam="Janssen", geslacht="v")
    b = RegistratieFactory(door="school", bsn="", geboortedatum=date(2015, 2, 3), achternaam="JANSSEN", geslacht="v")
    assert a.melding.jongere == b.melding.jongere and b.match is not None
    assert a.melding.jongere.zonder_bsn
    with pytest.raises(ValidationError):
        Identificatie(geboortedatum=date(2015, 2, 3)).sleutel()


# --- Removal and archive with a controlled clock (art. 7.1.4.5, 7.1.4.6) --------------------


def at(day: date) -> Any:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, 0, tzinfo=AMS), tick=False)


def test_unjustified_is_destroyed_not_archived(region: Any) -> None:
    reg = RegistratieFactory(door="toegang")
    assert verwijderen("toegang", reg.melding, Verwijderreden.ONTERECHT) is False
    assert not Melding.objects.exists()
    removed = Toegangslogregel.objects.filter(actie=Actie.DELETE, object_id=str(reg.melding.uuid))
    assert list(removed.values_list("segment", flat=True)) == ["verwijderd:onterecht"]  # once, with the reason


def test_a_removal_by_someone_else_a_moment_ago_is_refused(region: Any) -> None:
    reg = RegistratieFactory(door="toegang")
    weg = toegang("toegang", reg.melding, segment=logevents.verwijderd(Verwijderreden.ONTERECHT), actie=Actie.DELETE)
    verwijderen("toegang", reg.melding, Verwijderreden.ONTERECHT)
    with pytest.raises(Geweigerd):  # the fetched registration is gone by now
        melding_verwijderen(actor=actor("toegang"), toegang=weg, reden=Verwijderreden.ONTERECHT)


def test_risk_gone_archived_five_years_then_destroyed(region: Any) -> None:
    bsn = new_bsn()
    with at(date(2025, 1, 10)):
        reg = RegistratieFactory(door="toegang", bsn=bsn, geboortedatum=date(2010, 1, 1))
        assert verwijderen("toegang", reg.melding, Verwijderreden.RISICO_WEG)
    m = Melding.objects.get()
    assert m.status == MeldingStatus.GEARCHIVEERD and m.archief_tot == date(2030, 1, 10)
    with at(date(2030, 1, 9)):
        bewaartermijnen_uitvoeren()
        assert Melding.objects.exists()
    with at(date(2030, 1, 10)):
        run = bewaartermijnen_uitvoeren()
        assert run.vernietigd == 1 and not Melding.objects.exists() and not Jongere.objects.exists()


def test_two_year_term_archives_and_archive_never_past_23(region: Any) -> None:
    with at(date(2025, 3, 1)):
        reg = RegistratieFactory(door="toegang", geboortedatum=date(2005, 9, 1))  # 23 on 2028-09-01
    with at(date(2027, 2, 28)):
        assert bewaartermijnen_uitvoeren().verwijderd_termijn == 0
    with at(date(2027, 3, 1)):
        run = bewaartermijnen_uitvoeren()
        assert (run.verwijderd_termijn, run.gearchiveerd) == (1, 1)
        assert Melding.objects.get().archief_tot == date(2028, 9, 1)  # 23rd birthday, not 2032
        again = bewaartermijnen_uitvoeren()  # idempotent
        assert (again.verwijderd_termijn, again.gearchiveerd, again.vernietigd) == (0, 0, 0)
    # the retention job's removal is in the logbook once, as the system, with its reason
    job = Toegangslogregel.objects.filter(object_id=str(reg.melding.uuid), actie=Actie.DELETE)
    assert list(job.values_list("segment", "bronsysteem")) == [("verwijderd:termijn", "verwijsindex-bewaartermijnen")]
    with at(date(2028, 9, 1)):
        assert bewaartermijnen_uitvoeren().vernietigd == 1
    assert Bewaarrun.objects.count() == 4


def test_23rd_birthday_removes_without_archive(region: Any) -> None:
    with at(date(2025, 3, 1)):
        reg = RegistratieFactory(door="toegang", geboortedatum=date(2003, 6, 1))
        assert reg.melding.verwijderdatum == date(2026, 6, 1)
    with at(date(2026, 6, 1)):
        run = bewaartermijnen_uitvoeren()
    assert (run.verwijderd_23, run.gearchiveerd, run.vernietigd) == (1, 0, 1)
    assert not Melding.objects.exists()


def test_death_removes_everything_including_archive(region: Any) -> None:
    bsn = new_bsn()
    a = RegistratieFactory(door="toegang", bsn=bsn)
    verwijderen("toegang", a.melding, Verwijderreden.RISICO_WEG)
    RegistratieFactory(door="school", bsn=bsn)
    RegistratieFactory(door="gi", bsn=bsn)
    n = overlijden_vastleggen(actor=actor("functioneelbeheer"), identificatie=Identificatie(date(2012, 5, 1), bsn=bsn))
    assert n == 3 and not Melding.objects.exists()
    assert Match.objects.get().status == MatchStatus.BEEINDIGD and Match.objects.get().jongere is None
    assert Toegangslogregel.objects.filter(actie=Actie.DELETE, segment="verwijderd:overleden").count() == 3
    with pytest.raises(Geweigerd):
        overlijden_vastleggen(actor=actor("toegang"), identificatie=Identificatie(date(2012, 5, 1), bsn=bsn))


def test_archive_signals_once_only_to_a_new_registrant(region: Any) -> None:
    bsn = new_bsn()
    old = RegistratieFactory(door="toegang", bsn=bsn)
    verwijderen("toegang", old.melding, Verwijderreden.RISICO_WEG)
    first = RegistratieFactory(door="school", bsn=bsn)
    assert ArchiefSignaal.objects.filter(ontvanger=first.melding).count() == 1
    assert OutboxBericht.objects.filter(soort="verwijsindex_archief", ontvanger__username="school").exists()
    told = Toegangslogregel.objects.get(segment=Segment.ARCHIEFSIGNAAL)
    assert (told.actie, told.gebruiker.username, told.object_id) == (Actie.INFORM, "school", str(first.melding.uuid))
    second = RegistratieFactory(door="huisarts", bsn=bsn)
    assert not ArchiefSignaal.objects.filter(ontvanger=second.melding).exists()
    assert not OutboxBericht.objects.filter(soort="verwijsindex_archief", ontvanger__username="huisarts").exists()


def test_informing_recorded_or_reason(region: Any) -> None:
    reg = RegistratieFactory(door="toegang")

    def informeren(username: str, **velden: Any) -> Melding:
        return informeren_vastleggen(
            actor=actor(username), toegang=toegang(username, reg.melding, segment=Segment.INFORMEREN), **velden
        )

    with pytest.raises(ValidationError):
        informeren("toegang", geinformeerd_op=None, reden="")
    assert informeren("toegang", geinformeerd_op=None, reden="nog_niet_bereikt").nog_te_informeren
    assert not informeren("toegang", geinformeerd_op=date.today()).nog_te_informeren
    with pytest.raises(ValidationError):
        informeren("toegang", geinformeerd_op=date.today() + timedelta(days=1))
    with pytest.raises(Geweigerd):  # another organisation's registration: the fetch refuses
        informeren("school", geinformeerd_op=date.today())


# --- Key rotation ---------------------------------------------------------------------------


def test_key_rotation_keeps_registrations_matches_and_archive(region: Any, settings: Any) -> None:
    settings.PSEUDONYM_KEY = "oud" * 12
    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = []
    bsn, archived_bsn = new_bsn(), new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    match = RegistratieFactory(door="school", bsn=bsn).match
    old = RegistratieFactory(door="toegang", bsn=archived_bsn)
    verwijderen("toegang", old.melding, Verwijderreden.RISICO_WEG)
    before = set(Jongere.objects.values_list("sleutel", flat=True))
    assert sleutel_roteren(nieuwe_sleutel="nieuw" * 8) == 2
    assert set(Jongere.objects.values_list("sleutel", flat=True)).isdisjoint(before)
    # the app now runs with the new key and the old one in the chain
    settings.PSEUDONYM_KEY = "nieuw" * 8
    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = ["oud" * 12]
    assert RegistratieFactory(door="toegang", bsn=bsn).nieuw is False
    assert RegistratieFactory(door="gi", bsn=bsn).match == match
    assert RegistratieFactory(door="school", bsn=archived_bsn).melding.archief_signalen.count() == 1
    # a wrong configuration is refused instead of silently making new keys
    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = []
    with pytest.raises(ValidationError):
        sleutel_roteren(nieuwe_sleutel="derde" * 8)


def test_rotation_command_reads_key_from_environment(region: Any, monkeypatch: Any, settings: Any) -> None:
    from django.core.management import CommandError, call_command

    settings.VERWIJSINDEX_PSEUDONYM_KEY_CHAIN = []
    monkeypatch.delenv("JEUGDKETEN_PSEUDONYM_KEY_NEW", raising=False)
    with pytest.raises(CommandError):
        call_command("verwijsindex_sleutel_roteren")
    monkeypatch.setenv("JEUGDKETEN_PSEUDONYM_KEY_NEW", "kort")
    with pytest.raises(CommandError, match="te kort"):
        call_command("verwijsindex_sleutel_roteren")


def test_retention_command_and_task(region: Any) -> None:
    from django.core.management import call_command

    from jeugdketen.verwijsindex.tasks import bewaartermijnen

    call_command("verwijsindex_bewaartermijnen")
    assert bewaartermijnen.delay().get()["vernietigd"] == 0
    from jeugdketen.celery import app

    assert "verwijsindex-bewaartermijnen" in app.conf.beat_schedule


def test_melder_must_be_meldingsbevoegd(region: Any) -> None:
    from jeugdketen.verwijsindex.services import melding_registreren

    with pytest.raises(ValidationError, match="niet meldingsbevoegd"):
        melding_registreren(
            actor=actor("toegang"),
            identificatie=Identificatie(date(2012, 1, 1), bsn=new_bsn()),
            melder=Gebruiker.objects.get(username="school"),
        )


@pytest.mark.parametrize(
    "email",
    [
        "toegang@demo.jeugdketen.nl",  # the system's own organisation's meldingsbevoegde
        "TOEGANG@demo.jeugdketen.nl ",  # an address is one address, whatever its case
    ],
)
def test_the_melder_is_found_by_email_within_the_organisation(region: Any, email: str) -> None:
    from jeugdketen.verwijsindex.services import melder_vinden

    assert melder_vinden(actor=actor("toegang"), email=email) == Gebruiker.objects.get(username="toegang")


@pytest.mark.parametrize(
    "email",
    [
        "school@demo.jeugdketen.nl",  # meldingsbevoegd, but at another organisation
        "onbekend@demo.jeugdketen.nl",  # nobody
        "",
    ],
)
def test_anyone_else_is_an_unknown_melder_with_one_message(region: Any, email: str) -> None:
    from jeugdketen.verwijsindex.services import melder_vinden

    with pytest.raises(ValidationError) as exc:
        melder_vinden(actor=actor("toegang"), email=email)
    assert exc.value.message_dict == {
        "melder_email": ["Onbekende melder: dit is geen meldingsbevoegde professional van uw organisatie."]
    }


@pytest.mark.parametrize(("rol_actief", "login_actief"), [(False, True), (True, False)])
def test_a_withdrawn_or_blocked_melder_is_unknown(region: Any, rol_actief: bool, login_actief: bool) -> None:
    from jeugdketen.core.rollen import Rol
    from jeugdketen.verwijsindex.services import melder_vinden

    collega = MedewerkerFactory(
        organisatie=organisatie("Toegangsteam"),
        rol=Rol.MELDINGSBEVOEGD,
        actief=rol_actief,
        gebruiker=GebruikerFactory(is_active=login_actief),
    ).gebruiker
    with pytest.raises(ValidationError, match="Onbekende melder"):
        melder_vinden(actor=actor("toegang"), email=collega.email)


def test_another_regions_manager_cannot_remove_this_regions_registrations(region: Any) -> None:
    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    functioneel_beheer_elders("fb-elders")
    n = overlijden_vastleggen(actor=actor("fb-elders"), identificatie=Identificatie(date(2012, 5, 1), bsn=bsn))
    assert n == 0
    assert Melding.objects.count() == 2 and Match.objects.get().status == MatchStatus.ACTIEF


def test_usage_rows_of_past_months_roll_up_to_the_same_figures(region: Any) -> None:
    """Usage rows are append-only (one per registration and organisation); the retention job
    rolls past months up into one row per organisation and month, and the usage page shows the
    same figures before and after; the current month is left alone."""

    from jeugdketen.verwijsindex.models import Gebruiksteller
    from jeugdketen.verwijsindex.selectors import gebruik, meldingen_per_jaar
    from jeugdketen.verwijsindex.services import bewaartermijnen_uitvoeren

    bsn = new_bsn()
    RegistratieFactory(door="toegang", bsn=bsn)
    RegistratieFactory(door="school", bsn=bsn)
    RegistratieFactory(door="toegang")
    org = Gebruiksteller.objects.order_by("id").first().organisatie  # type: ignore[union-attr]
    Gebruiksteller.objects.bulk_create(
        [Gebruiksteller(organisatie=org, maand=date(2025, 3, 1), meldingen=1, matches=m) for m in (0, 1, 1)]
    )
    regio_id = org.regio_id
    voor = (gebruik(regio_id, sinds=date(2000, 1, 1)).per_maand, meldingen_per_jaar(regio_id))
    huidige = Gebruiksteller.objects.exclude(maand=date(2025, 3, 1)).count()
    assert huidige >= 4  # appended: one row per registration and organisation, the match's too
    bewaartermijnen_uitvoeren()
    assert Gebruiksteller.objects.filter(maand=date(2025, 3, 1)).count() == 1
    assert Gebruiksteller.objects.exclude(maand=date(2025, 3, 1)).count() == huidige
    assert (gebruik(regio_id, sinds=date(2000, 1, 1)).per_maand, meldingen_per_jaar(regio_id)) == voor
    rij = next(r for r in voor[0] if r["maand"] == date(2025, 3, 1))
    assert (rij["meldingen"], rij["matches"]) == (3, 2)
