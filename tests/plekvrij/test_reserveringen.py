"""Reservations: a place held for a few hours, answered by the provider, free again by itself when
the time is up — in every search at once, before the job has run. Only what the provider needs
is stored, every read and change is logged, and both sides hear of it through the outbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.core.access import Geweigerd
from jeugdketen.core.models import OutboxBericht, Toegangslogregel
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.plekvrij import selectors, services
from jeugdketen.plekvrij.models import Bron, Plek, Plekstand, Reservering, ReserveringStatus, Soort
from tests.conftest import actor
from tests.gezinnen.helpers import denied_logged

from .factories import ANDER_AANBIEDER, LocatieFactory, PlekFactory, organisatie

T0 = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC)


def _plek(**kwargs: Any) -> Plek:
    kwargs.setdefault("bijgewerkt_door", Gebruiker.objects.get(username="aanbieder"))
    return PlekFactory(soort=Soort.CRISISPLEK, gecontracteerd=2, bezet=1, leeftijd_van=0, leeftijd_tot=17, **kwargs)


def _reserveer(plek: Plek, by: str = "crisisdienst", uren: int = 2, **kwargs: Any) -> Reservering:
    values = {"initialen": "D.J.", "leeftijd": 14, "contact_telefoon": "045-5800001", **kwargs}
    return services.reservering_maken(plek=plek, by=actor(by), uren=uren, **values)


def _vrij_in_zoeken(plek: Plek) -> int:
    found = selectors.zoeken(actor("toegang"), selectors.Zoekvraag(soort=plek.soort, ook_vol=True))
    return int(found.get(pk=plek.pk).vrij_nu)  # type: ignore[attr-defined]


def test_a_reservation_holds_the_place_and_tells_the_provider(leeg: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    plek.refresh_from_db()
    assert (plek.gereserveerd, plek.vrij, _vrij_in_zoeken(plek)) == (1, 0, 0)
    assert r.status == ReserveringStatus.AANGEVRAAGD
    assert r.organisatie.naam == "Integrale Crisisdienst Jeugd Zuid-Limburg"
    bericht = OutboxBericht.objects.get(soort="plekvrij_reservering", kanaal="in_app")
    assert bericht.ontvanger.username == "aanbieder"  # the person who keeps this place current
    assert "D.J." not in bericht.titel and bericht.link == f"/plekvrij/reserveringen/{r.uuid}/"
    entry = Toegangslogregel.objects.get(object_type="plekvrij_reservering", actie="create")
    assert entry.object_id == str(r.uuid) and entry.organisatie == "Integrale Crisisdienst Jeugd Zuid-Limburg"


def test_an_expired_hold_is_free_at_once_and_the_job_releases_it_once(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = _plek()
        r = _reserveer(plek, uren=2)
        clock.shift(dt.timedelta(hours=2) - dt.timedelta(seconds=1))
        assert _vrij_in_zoeken(plek) == 0
        clock.shift(dt.timedelta(seconds=1))
        # The job has not run: the row still says "waiting", and yet every search counts it free.
        assert Reservering.objects.get(pk=r.pk).status == ReserveringStatus.AANGEVRAAGD
        assert _vrij_in_zoeken(plek) == 1
        assert selectors.verlopen_te_laat(Reservering.objects.get(pk=r.pk))

        assert services.reserveringen_laten_verlopen() == 1
        assert services.reserveringen_laten_verlopen() == 0  # idempotent
    r.refresh_from_db()
    plek.refresh_from_db()
    assert r.status == ReserveringStatus.VERLOPEN and r.afgehandeld_op == T0 + dt.timedelta(hours=2)
    assert (plek.gereserveerd, plek.vrij, plek.versie) == (0, 1, 2)  # release bumps no version
    assert Plekstand.objects.filter(plek=plek, bron=Bron.VERLOPEN).count() == 1
    assert OutboxBericht.objects.filter(
        soort="plekvrij_reservering_verlopen", ontvanger__username="crisisdienst"
    ).exists()
    assert Toegangslogregel.objects.filter(object_id=str(r.uuid), segment="verlopen", rol="systeem").count() == 1


def test_a_new_reservation_releases_expired_holds_first(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = _plek()
        oud = _reserveer(plek, uren=2)
        clock.shift(dt.timedelta(hours=3))
        nieuw = _reserveer(plek, by="toegang")  # the only place, held by an expired hold
    oud.refresh_from_db()
    plek.refresh_from_db()
    assert oud.status == ReserveringStatus.VERLOPEN
    assert nieuw.status == ReserveringStatus.AANGEVRAAGD and plek.gereserveerd == 1


def test_declining_frees_the_place_and_tells_the_requester(leeg: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    services.reservering_beantwoorden(reservering=r, by=actor("aanbieder"), bevestigen=False, antwoord="Groep is vol.")
    r.refresh_from_db()
    plek.refresh_from_db()
    assert r.status == ReserveringStatus.AFGEWEZEN and r.antwoord == "Groep is vol."
    assert (plek.gereserveerd, plek.vrij) == (0, 1)
    assert OutboxBericht.objects.filter(soort="plekvrij_afgewezen", ontvanger__username="crisisdienst").exists()


def test_confirming_keeps_the_hold_and_placing_turns_it_into_an_occupied_place(leeg: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    services.reservering_beantwoorden(reservering=r, by=actor("aanbieder"), bevestigen=True)
    plek.refresh_from_db()
    assert (plek.gereserveerd, plek.bezet, plek.vrij) == (1, 1, 0)
    services.reservering_plaatsen(reservering=r, by=actor("aanbieder"))
    r.refresh_from_db()
    plek.refresh_from_db()
    assert r.status == ReserveringStatus.GEPLAATST and r.afgehandeld_op is not None
    assert (plek.gereserveerd, plek.bezet, plek.vrij) == (0, 2, 0)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.reservering_intrekken(reservering=r, by=actor("crisisdienst"))


def test_the_requester_withdraws_and_the_place_is_free_again(leeg: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    services.reservering_intrekken(reservering=r, by=actor("crisisdienst"))
    plek.refresh_from_db()
    assert plek.vrij == 1
    assert OutboxBericht.objects.filter(soort="plekvrij_ingetrokken", ontvanger__username="aanbieder").exists()


def test_an_expired_reservation_can_no_longer_be_confirmed(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = _plek()
        r = _reserveer(plek, uren=2)
        clock.shift(dt.timedelta(hours=2, minutes=1))
        with pytest.raises(ValidationError, match="verlopen"):
            services.reservering_beantwoorden(reservering=r, by=actor("aanbieder"), bevestigen=True)


def test_only_the_two_sides_may_change_a_reservation(leeg: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    with pytest.raises(Geweigerd):  # the requester cannot confirm its own request
        services.reservering_beantwoorden(reservering=r, by=actor("crisisdienst"), bevestigen=True)
    with pytest.raises(Geweigerd):  # another organisation that reserves cannot withdraw it
        services.reservering_intrekken(reservering=r, by=actor("toegang"))
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)), leeftijd_tot=23)
    elders = _reserveer(ander, by="toegang")
    with pytest.raises(Geweigerd):  # a provider answers only for its own places
        services.reservering_beantwoorden(reservering=elders, by=actor("aanbieder"), bevestigen=False)
    assert denied_logged(str(elders.uuid))
    elders.refresh_from_db()
    assert elders.status == ReserveringStatus.AANGEVRAAGD


def test_only_access_teams_crisis_service_and_gi_reserve(leeg: Any) -> None:
    plek = _plek()
    for username in ("aanbieder", "school", "beleid", "ouder"):
        with pytest.raises(Geweigerd):
            _reserveer(plek, by=username)
    assert _reserveer(plek, by="gi").organisatie.naam == "Jeugdbescherming Limburg"


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("initialen", "Daan Janssen", "voorletters"),
        ("initialen", "", "voorletters"),
        ("leeftijd", 30, "0 tot en met 23"),
        ("leeftijd", 19, "0 tot en met 17 jaar"),  # outside the place's age range
        ("contact_telefoon", " ", "telefoonnummer"),
        ("uren", 100, "1 tot en met 72"),
    ],
)
def test_a_bad_request_gets_a_clear_dutch_message(leeg: Any, veld: str, waarde: Any, melding: str) -> None:
    plek = _plek()
    kwargs = {"initialen": "D.J.", "leeftijd": 14, "contact_telefoon": "045", "uren": 4, veld: waarde}
    with pytest.raises(ValidationError, match=melding):
        services.reservering_maken(plek=plek, by=actor("crisisdienst"), **kwargs)
    assert not Reservering.objects.filter(plek=plek).exists()


def test_a_full_place_cannot_be_reserved(leeg: Any) -> None:
    plek = _plek()
    _reserveer(plek)
    with pytest.raises(ValidationError, match="net niet meer vrij"):
        _reserveer(plek, by="toegang")


def test_a_reservation_holds_only_what_the_provider_needs() -> None:
    """No name, no BSN, no birth date, no address, no link to a family or a plan."""
    velden = {f.name for f in Reservering._meta.get_fields()}
    persoonlijk = {"initialen", "leeftijd", "toelichting"}
    assert persoonlijk <= velden
    assert not {"naam", "bsn", "geboortedatum", "adres", "gezin", "jeugdige", "plan"} & velden


def test_details_are_erased_30_days_after_the_end(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = _plek()
        r = _reserveer(plek, toelichting="Heeft medicatie bij zich.")
        services.reservering_beantwoorden(reservering=r, by=actor("aanbieder"), bevestigen=False)
        clock.shift(dt.timedelta(days=29))
        assert services.reserveringen_opschonen() == 0
        clock.shift(dt.timedelta(days=2))
        assert services.reserveringen_opschonen() == 1
    r.refresh_from_db()
    assert (r.initialen, r.toelichting, r.leeftijd) == ("", "", 14)  # the age stays for the figures


def test_the_reservation_page_logs_one_read_and_refuses_others(leeg: Any, client_for: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    url = f"/plekvrij/reserveringen/{r.uuid}/"
    aanbieder = client_for("aanbieder")
    before = Toegangslogregel.objects.count()
    response = aanbieder.get(url)
    assert response.status_code == 200
    assert "D.J." in response.content.decode() and "Bevestigen" in response.content.decode()
    assert Toegangslogregel.objects.count() == before + 1
    assert Toegangslogregel.objects.latest("id").actie == "read"
    for username in ("toegang", "gi", "school"):  # a reserver of another organisation, a non-searcher
        assert client_for(username).get(url).status_code == 404
    assert Toegangslogregel.objects.filter(object_id=str(r.uuid), uitkomst="denied").count() == 3


def test_the_page_shows_an_expired_hold_as_expired_before_the_job(leeg: Any, client_for: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    Reservering.objects.filter(pk=r.pk).update(
        aangevraagd_op=timezone.now() - dt.timedelta(hours=5), verloopt_op=timezone.now() - dt.timedelta(hours=1)
    )
    html = client_for("crisisdienst").get(f"/plekvrij/reserveringen/{r.uuid}/").content.decode()
    assert "Verlopen: de plek is weer vrij." in html
    assert "Reservering intrekken" not in html


def test_buttons_on_the_reservation_page_change_it(leeg: Any, client_for: Any) -> None:
    plek = _plek()
    r = _reserveer(plek)
    aanbieder = client_for("aanbieder")
    response = aanbieder.post(f"/plekvrij/reserveringen/{r.uuid}/bevestigen/", {"antwoord": "Welkom"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.status, r.antwoord) == (ReserveringStatus.BEVESTIGD, "Welkom")
    assert aanbieder.post(f"/plekvrij/reserveringen/{r.uuid}/iets-anders/").status_code == 404
    assert client_for("toegang").post(f"/plekvrij/reserveringen/{r.uuid}/intrekken/").status_code == 404
    response = client_for("crisisdienst").post(f"/plekvrij/reserveringen/{r.uuid}/intrekken/", follow=True)
    assert "Ingetrokken" in response.content.decode()


def test_reserving_through_the_page(leeg: Any, client_for: Any) -> None:
    plek = _plek()
    crisis = client_for("crisisdienst")
    page = crisis.get(f"/plekvrij/plekken/{plek.uuid}/reserveren/")
    assert page.status_code == 200
    response = crisis.post(
        f"/plekvrij/plekken/{plek.uuid}/reserveren/",
        {"uren": "4", "initialen": "Jan Jansen", "leeftijd": "14", "contact_telefoon": "045-1"},
    )
    assert response.status_code == 200 and "Vul alleen de voorletters in" in response.content.decode()
    response = crisis.post(
        f"/plekvrij/plekken/{plek.uuid}/reserveren/",
        {"uren": "4", "initialen": "J.J.", "leeftijd": "14", "contact_telefoon": "045-1"},
        follow=True,
    )
    r = Reservering.objects.get(plek=plek)
    assert response.redirect_chain[-1][0] == f"/plekvrij/reserveringen/{r.uuid}/"
    assert "vastgehouden tot" in response.content.decode()
    assert client_for("aanbieder").get(f"/plekvrij/plekken/{plek.uuid}/reserveren/").status_code == 404


def test_the_search_reads_the_holds_once_not_per_place(leeg: Any) -> None:
    """Issue 16: the holds are one query before the search (few rows at any moment), each place
    takes its number from them; the search's own query no longer reads reservations per row
    (`met_stand`, also for a place's page and the provider's own places)."""
    gehouden, vrij = _plek(), _plek()
    _reserveer(gehouden)
    with CaptureQueriesContext(connection) as queries:
        found = {p.pk: p.vrij_nu for p in selectors.zoeken(actor("toegang"), selectors.Zoekvraag(ook_vol=True))}
    assert found[gehouden.pk] == 0 and found[vrij.pk] == 1
    reads = [q["sql"] for q in queries if "plekvrij_reservering" in q["sql"]]
    assert len(reads) == 1 and '"plekvrij_plek"' not in reads[0], reads
