"""Access per role (issue 10, point 6): who sees which trajectory, measure, thuiszitter and
decision — and, for each, someone who must not (the refusal is logged and looks like a missing id)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jeugdketen.core.access import Actor, Geweigerd, fetch, visible
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.gezinnen import selectors as gezinnen_selectors
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid, Toestemming
from jeugdketen.jeugdhulp import selectors
from jeugdketen.jeugdhulp.models import Beschikking, Maatregel, Thuiszitter, Traject
from jeugdketen.organisaties.models import GebruikerSoort
from jeugdketen.personen import services as personen

from . import factories as f
from .conftest import Wereld


def sees(actor: Actor, obj: Any) -> bool:
    """Whether `fetch` hands the object out; either way the attempt is in the access log."""
    before = Toegangslogregel.objects.count()
    try:
        fetch(actor, type(obj), uuid=obj.uuid, segment="test")
    except Geweigerd:
        entry = Toegangslogregel.objects.order_by("-id").first()
        assert entry is not None and entry.uitkomst == "denied" and Toegangslogregel.objects.count() == before + 1
        return False
    entry = Toegangslogregel.objects.order_by("-id").first()
    assert entry is not None and entry.uitkomst == "success" and entry.client_id == str(obj.jeugdige.uuid)
    return True


@pytest.fixture
def zorg(wereld: Wereld) -> dict[str, Any]:
    jeugdige = f.JeugdigeFactory()
    f.WoonplaatsFactory(jeugdige=jeugdige, gemeente=wereld.heerlen)
    beschermd = f.JeugdigeFactory()
    return {
        "traject": f.TrajectFactory(jeugdige=jeugdige, gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie),
        "beschikking": Beschikking.objects.create(
            jeugdige=jeugdige,
            gemeente=wereld.heerlen,
            organisatie=wereld.toegang.organisatie,
            besluitdatum=dt.date(2024, 1, 1),
            toelichting="x",
        ),
        "maatregel": f.MaatregelFactory(
            jeugdige=beschermd, gemeente=wereld.kerkrade, gi=wereld.gi.organisatie, einddatum=dt.date(2099, 1, 1)
        ),
        "traject_beschermd": f.TrajectFactory(
            jeugdige=beschermd, gemeente=wereld.kerkrade, aanbieder=wereld.andere_aanbieder.organisatie
        ),
        "thuiszitter": f.ThuiszitterFactory(
            gemeente=wereld.kerkrade,
            school=wereld.school.organisatie,
            gemeld_door_organisatie=wereld.school.organisatie,
        ),
    }


def test_the_access_team_of_the_responsible_municipality_sees_its_youths_and_no_other(
    wereld: Wereld, zorg: dict[str, Any]
) -> None:
    assert sees(wereld.actor("toegang"), zorg["traject"])
    assert sees(wereld.actor("toegang"), zorg["beschikking"])
    assert not sees(wereld.actor("toegang_kerkrade"), zorg["traject"])
    assert not sees(wereld.actor("toegang_kerkrade"), zorg["beschikking"])


def test_after_a_move_the_new_municipality_sees_the_youths_care(wereld: Wereld, zorg: dict[str, Any]) -> None:
    traject: Traject = zorg["traject"]
    personen.woonplaats_vastleggen(jeugdige=traject.jeugdige, gemeente=wereld.kerkrade, vanaf=dt.date(2025, 1, 1))
    assert sees(wereld.actor("toegang_kerkrade"), traject)
    assert sees(wereld.actor("toegang"), traject)  # the assigning municipality keeps its own assignment


def test_a_provider_sees_only_its_own_assignments(wereld: Wereld, zorg: dict[str, Any]) -> None:
    assert sees(wereld.actor("aanbieder"), zorg["traject"])
    assert not sees(wereld.actor("andere_aanbieder"), zorg["traject"])
    assert not sees(wereld.actor("aanbieder"), zorg["traject_beschermd"])
    assert not sees(wereld.actor("aanbieder"), zorg["beschikking"])  # the letter is the family's and the team's


def test_a_gi_sees_its_measures_and_the_care_of_youths_under_them(wereld: Wereld, zorg: dict[str, Any]) -> None:
    gi = wereld.actor("gi")
    assert sees(gi, zorg["maatregel"])
    assert sees(gi, zorg["traject_beschermd"])
    assert not sees(gi, zorg["traject"])
    andere_gi = f.actor_van(f.medewerker("gi", regio=wereld.regio))
    assert not sees(andere_gi, zorg["maatregel"])
    assert not sees(wereld.actor("toegang"), zorg["maatregel"])


def test_a_measure_that_ended_no_longer_opens_the_youths_care_to_the_gi(wereld: Wereld, zorg: dict[str, Any]) -> None:
    Maatregel.objects.filter(pk=zorg["maatregel"].pk).update(beeindigd_op=dt.date(2024, 6, 1))
    assert not sees(wereld.actor("gi"), zorg["traject_beschermd"])
    assert sees(wereld.actor("gi"), zorg["maatregel"])  # its own file of the measure stays


def test_the_trajectory_scope_is_built_once_and_reads_the_measures_at_every_use(
    wereld: Wereld, zorg: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home's tiles ask for the scope four times: it is built once per actor (and day), its
    SQL runs at every use, so a measure that ends in the middle of a request is seen."""
    gebouwd: list[Actor] = []
    echte = selectors._trajecten_scope
    monkeypatch.setattr(selectors, "_trajecten_scope", lambda a: gebouwd.append(a) or echte(a))
    gi = wereld.actor("gi")
    assert list(selectors.trajecten_visible_to(gi)) == [zorg["traject_beschermd"]]
    Maatregel.objects.filter(pk=zorg["maatregel"].pk).update(beeindigd_op=dt.date(2024, 6, 1))
    assert list(selectors.trajecten_visible_to(gi)) == []
    assert gebouwd == [gi]
    volgende = wereld.actor("gi")  # the next request's actor builds its own
    selectors.trajecten_visible_to(volgende)
    assert gebouwd == [gi, volgende]


def test_school_and_leerplicht_see_the_thuiszitters_they_reported(wereld: Wereld, zorg: dict[str, Any]) -> None:
    assert sees(wereld.actor("school"), zorg["thuiszitter"])
    assert not sees(wereld.actor("leerplicht"), zorg["thuiszitter"])
    door_leerplicht = f.ThuiszitterFactory(
        school=None, soort="absoluut", gemeente=wereld.kerkrade, gemeld_door_organisatie=wereld.leerplicht.organisatie
    )
    assert sees(wereld.actor("leerplicht"), door_leerplicht)
    assert not sees(wereld.actor("school"), door_leerplicht)
    assert not sees(wereld.actor("toegang_kerkrade"), zorg["thuiszitter"])


def test_policy_staff_see_no_person_at_all(wereld: Wereld, zorg: dict[str, Any]) -> None:
    beleid = f.actor_van(wereld.beleid)
    for model in (Traject, Beschikking, Maatregel, Thuiszitter):
        assert not visible(beleid, model).exists()
    for obj in zorg.values():
        assert not sees(beleid, obj)


def _gezin_met(wereld: Wereld, jeugdige: Any, *, ouder_gezag: bool = True) -> tuple[Gezin, Any, Any, Any]:
    gezin = Gezin.objects.create(naam="Gezin Test", gemeente=wereld.heerlen)
    ouder = f.GebruikerFactory(soort=GebruikerSoort.BURGER)
    kind = f.GebruikerFactory(soort=GebruikerSoort.BURGER)
    buur = f.GebruikerFactory(soort=GebruikerSoort.BURGER)
    Gezinslid.objects.create(
        gezin=gezin, soort=LidSoort.OUDER, voornaam="O", achternaam="T", gezag=ouder_gezag, gebruiker=ouder
    )
    Gezinslid.objects.create(
        gezin=gezin,
        soort=LidSoort.JEUGDIGE,
        voornaam="K",
        achternaam="T",
        bsn=jeugdige.bsn,
        geboortedatum=jeugdige.geboortedatum,
        gebruiker=kind,
        persoon=jeugdige,
    )
    Netwerklid.objects.create(gezin=gezin, naam="Buur", relatie="buur", gebruiker=buur)
    return gezin, f.actor_van(ouder), f.actor_van(kind), f.actor_van(buur)


def test_a_parent_with_authority_sees_the_help_of_a_child_under_16_and_the_child_from_12(
    wereld: Wereld, zorg: dict[str, Any]
) -> None:
    traject: Traject = zorg["traject"]
    Traject.objects.filter(pk=traject.pk).update(jeugdige=traject.jeugdige)
    traject.jeugdige.geboortedatum = dt.date.today().replace(year=dt.date.today().year - 13)
    traject.jeugdige.save()
    _gezin, ouder, kind, buur = _gezin_met(wereld, traject.jeugdige)
    assert sees(ouder, traject) and sees(ouder, zorg["beschikking"])
    assert sees(kind, traject) and sees(kind, zorg["beschikking"])
    assert not sees(buur, traject) and not sees(buur, zorg["beschikking"])


def test_from_16_the_youth_sees_it_and_the_parents_no_longer(wereld: Wereld, zorg: dict[str, Any]) -> None:
    traject: Traject = zorg["traject"]
    traject.jeugdige.geboortedatum = dt.date.today().replace(year=dt.date.today().year - 17)
    traject.jeugdige.save()
    _gezin, ouder, kind, _buur = _gezin_met(wereld, traject.jeugdige)
    assert sees(kind, traject)
    assert not sees(ouder, traject)


def _hulp(actor: Any, gezin: Any) -> list[Any]:
    """The family plan's help in place, with the relation the plan page's fetch would find."""
    return selectors.koppelingen_voor_gezinsplan(actor, gezin, gezinnen_selectors.rol_in_gezin(actor, gezin))


def test_the_family_plan_shows_the_help_in_place_within_the_familys_consent(
    wereld: Wereld, zorg: dict[str, Any]
) -> None:
    traject: Traject = zorg["traject"]
    traject.jeugdige.geboortedatum = dt.date.today().replace(year=dt.date.today().year - 10)
    traject.jeugdige.save()
    Traject.objects.filter(pk=traject.pk).update(begindatum=dt.date(2024, 1, 2))
    gezin, ouder, _kind, buur = _gezin_met(wereld, traject.jeugdige)
    huisarts = f.medewerker("huisartsenpraktijk", gemeente=wereld.heerlen)
    assert _hulp(f.actor_van(huisarts), gezin) == []  # no consent: nothing
    Toestemming.objects.create(
        gezin=gezin,
        soort="toestemming",
        organisatie=huisarts.organisatie,
        doel="zorg",
        ingangsdatum=dt.date(2020, 1, 1),
        einddatum=dt.date(2099, 1, 1),
        actief_sinds=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        vastgelegd_door=huisarts.gebruiker,
    )
    (hulp,) = _hulp(f.actor_van(huisarts), gezin)
    assert "Ambulante hulp" in hulp.titel and wereld.aanbieder.organisatie.naam in hulp.toelichting
    assert len(_hulp(ouder, gezin)) == 1
    assert _hulp(buur, gezin) == []  # the network does not see the care
    assert Toegangslogregel.objects.filter(object_type="hulp_in_gezin", client_id=str(gezin.uuid)).count() == 2
