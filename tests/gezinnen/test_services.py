"""Families, members, consent and the age rules; the family scope and the relation it carries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from jeugdketen.core import kalender
from jeugdketen.core.access import Geweigerd, fetch
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.gezinnen import regels, selectors, services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, ToestemmingSoort
from jeugdketen.organisaties.models import Gemeente
from tests.conftest import actor
from tests.gezinnen.factories import GezinslidFactory, JeugdigeFactory, NetwerklidFactory
from tests.gezinnen.helpers import (
    consent_for,
    denied_logged,
    link_citizen,
    make_family,
    organisation_of,
    years_ago,
)


def _create(by: str, *, mandaat: str = "") -> Gezin:
    """A family made through the service, as the 'new family' page makes it."""
    return services.gezin_aanmaken(
        by=actor(by),
        naam="Gezin Nieuw",
        gemeente=Gemeente.objects.get(cbs_code="GM0917"),
        leden=[
            services.LidInvoer(soort=LidSoort.OUDER, voornaam="Linda", achternaam="Nieuw", gezag=True),
            services.LidInvoer(
                soort=LidSoort.JEUGDIGE, voornaam="Kim", achternaam="Nieuw", bsn="111222333", geboortedatum=years_ago(9)
            ),
        ],
        doel="Gezinsplan opstellen en uitvoeren",
        einddatum=None if mandaat else kalender.vandaag() + dt.timedelta(days=90),
        mandaat_grondslag=mandaat,
    )


def test_creating_a_family_gives_the_creating_organisation_access_and_logs(region: Any) -> None:
    gezin = _create("toegang")
    assert selectors.gezinnen_visible_to(actor("toegang")).filter(pk=gezin.pk).exists()
    assert not selectors.gezinnen_visible_to(actor("school")).filter(pk=gezin.pk).exists()
    row = Toegangslogregel.objects.get(client_id=str(gezin.uuid), actie="create")
    assert row.grondslag == "toestemming: Gezinsplan opstellen en uitvoeren"
    assert row.gebruiker_naam == "Sanne Jacobs" and row.object_type == "gezin"
    assert gezin.toestemmingen.get().vastgelegd_door.username == "toegang"


def test_bad_members_get_dutch_messages_per_field(region: Any) -> None:
    leden = [
        services.LidInvoer(
            soort=LidSoort.JEUGDIGE, voornaam="A", achternaam="B", bsn="123456789", geboortedatum=years_ago(5)
        ),
        services.LidInvoer(
            soort=LidSoort.JEUGDIGE,
            voornaam="C",
            achternaam="D",
            bsn="111222333",
            geboortedatum=kalender.vandaag() + dt.timedelta(days=3),
        ),
        services.LidInvoer(
            soort=LidSoort.JEUGDIGE, voornaam="E", achternaam="F", bsn="111 222 333", geboortedatum=years_ago(7)
        ),
    ]
    with pytest.raises(ValidationError) as exc:
        services.validate_members(leden)
    errors = exc.value.message_dict
    assert "11-proef" in errors["0-bsn"][0]
    assert "toekomst" in errors["1-geboortedatum"][0]
    assert "al in het gezin" in errors["2-bsn"][0]


def test_only_gi_or_veilig_thuis_records_a_mandate(region: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        _create("toegang", mandaat="ots")
    assert "mandaat_grondslag" in exc.value.message_dict
    assert not Gezin.objects.exists()
    gezin = _create("gi", mandaat="ots")
    assert gezin.toestemmingen.get().soort == ToestemmingSoort.MANDAAT
    visible = selectors.gezinnen_visible_to(actor("gi")).filter(pk=gezin.pk).first()
    assert visible is not None and visible.toegang_soort == "mandaat"  # type: ignore[attr-defined]


def test_withdrawal_acts_on_the_next_lookup_and_end_date_counts(region: Any) -> None:
    gezin = make_family()
    toestemming = consent_for(gezin, "school")
    school = actor("school")
    assert selectors.gezinnen_visible_to(school).filter(pk=gezin.pk).exists()
    link_citizen(gezin, "ouder")
    services.toestemming_intrekken(toestemming=toestemming, by=actor("ouder"))
    assert not selectors.gezinnen_visible_to(school).filter(pk=gezin.pk).exists()
    consent_for(gezin, "school", days=0)
    assert selectors.gezinnen_visible_to(school).filter(pk=gezin.pk).exists()
    # the day after the end date the consent no longer counts
    later = selectors.active_consents(kalender.vandaag() + dt.timedelta(days=1))
    assert not later.filter(gezin=gezin, organisatie__naam__contains="De Bron").exists()


def test_age_rules_for_giving_consent(region: Any) -> None:
    school = organisation_of("school")
    eind = kalender.vandaag() + dt.timedelta(days=10)
    # youth 17: the parent cannot decide alone
    gezin = make_family(youth_age=17)
    link_citizen(gezin, "ouder")
    with pytest.raises(ValidationError) as exc:
        services.toestemming_geven(gezin=gezin, by=actor("ouder"), organisatie=school, doel="school", einddatum=eind)
    assert "16 jaar" in exc.value.message_dict["gegeven_door"][0]
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    t = services.toestemming_geven(gezin=gezin, by=actor("jongere"), organisatie=school, doel="school", einddatum=eind)
    assert selectors.is_consent_active(t)
    # youth 13: both must agree
    gezin2 = make_family(naam="Gezin Twee", youth_age=13)
    link_citizen(gezin2, "ouder")
    t2 = services.toestemming_geven(gezin=gezin2, by=actor("ouder"), organisatie=school, doel="school", einddatum=eind)
    assert not selectors.is_consent_active(t2) and t2.wacht_op == regels.JONGERE
    link_citizen(gezin2, "jongere", soort=LidSoort.JEUGDIGE)
    services.toestemming_bevestigen(toestemming=t2, by=actor("jongere"))
    t2.refresh_from_db()
    assert selectors.is_consent_active(t2)


def test_consent_for_one_person_accepts_only_staff_of_that_organisation(region: Any) -> None:
    """The username rule lives in the service: a name elsewhere and a name that does not exist
    get the same answer, so the form cannot be used to find out which usernames exist."""
    gezin = make_family()
    link_citizen(gezin, "ouder")
    school, eind = organisation_of("school"), kalender.vandaag() + dt.timedelta(days=10)
    answers = []
    for username in ("huisarts", "niemand-x", "ouder"):
        with pytest.raises(ValidationError) as exc:
            services.toestemming_geven(
                gezin=gezin, by=actor("ouder"), organisatie=school, doel="school", einddatum=eind, medewerker=username
            )
        answers.append(exc.value.message_dict["medewerker"])
    assert answers[0] == answers[1] == answers[2]
    assert "hoort niet bij een medewerker van deze organisatie" in answers[0][0]
    assert gezin.toestemmingen.filter(organisatie=school).count() == 0
    t = services.toestemming_geven(
        gezin=gezin, by=actor("ouder"), organisatie=school, doel="school", einddatum=eind, medewerker="school"
    )
    assert t.medewerker is not None and t.medewerker.username == "school"
    # the personal consent counts for that person only
    assert selectors.gezinnen_visible_to(actor("school")).filter(pk=gezin.pk).exists()


def test_youth_under_12_with_a_login_does_not_see_the_family(region: Any) -> None:
    gezin = make_family(youth_age=11)
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    assert not selectors.gezinnen_visible_to(actor("jongere")).exists()
    assert selectors.rol_in_gezin(actor("jongere"), gezin) is None
    Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE).update(geboortedatum=years_ago(12))
    assert selectors.gezinnen_visible_to(actor("jongere")).exists()
    rol = selectors.rol_in_gezin(actor("jongere"), gezin)
    assert rol is not None and rol.soort == selectors.JONGERE


def test_a_professional_without_access_is_denied_and_logged(region: Any) -> None:
    gezin = make_family()
    with pytest.raises(Geweigerd):
        services.gezinslid_toevoegen(
            gezin=gezin,
            by=actor("school"),
            lid=services.LidInvoer(soort=LidSoort.OUDER, voornaam="X", achternaam="Y"),
        )
    assert denied_logged(str(gezin.uuid))
    assert Gezinslid.objects.filter(gezin=gezin).count() == 2


def test_a_relation_for_another_family_is_refused(region: Any) -> None:
    """A service trusts the relation `fetch` returned only for the family it was fetched for."""
    own, other = make_family(), make_family(naam="Gezin Ander")
    rol = fetch(actor("toegang"), Gezin, uuid=own.uuid, segment="test").relatie
    with pytest.raises(Geweigerd):
        services.gezinslid_toevoegen(
            gezin=other,
            by=actor("toegang"),
            lid=services.LidInvoer(soort=LidSoort.OUDER, voornaam="X", achternaam="Y"),
            rol=rol,
        )
    assert denied_logged(str(other.uuid))


# --- The scope and the relation it carries -------------------------------------------------


def _family_with_everyone() -> Gezin:
    """A family where `ouder` is a parent, `jongere` a youth of 14, and a network member who sees the plan."""
    gezin = make_family(youth_age=14)
    link_citizen(gezin, "ouder")
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    return gezin


@pytest.mark.parametrize(
    ("who", "soort"),
    [
        ("toegang", selectors.PROFESSIONAL),
        ("ouder", selectors.OUDER),
        ("jongere", selectors.JONGERE),
        ("netwerk", selectors.NETWERK),
    ],
)
def test_fetch_returns_the_relation_in_one_query(
    region: Any, who: str, soort: str, django_assert_num_queries: Any
) -> None:
    gezin = _family_with_everyone()
    netwerk = NetwerklidFactory(gezin=gezin)
    by = actor(netwerk.gebruiker.username if who == "netwerk" else who)
    # the scoped query with the relation, then the log entry: one insert on the hash chain's head
    # this thread wrote last (the family's services above), which the insert itself locks and checks
    with django_assert_num_queries(2):
        toegang = fetch(by, Gezin, uuid=gezin.uuid, segment="test")
    rol = toegang.relatie
    assert isinstance(rol, selectors.GezinsRol) and rol.soort == soort and rol.gezin_id == gezin.pk
    if soort in (selectors.OUDER, selectors.JONGERE):
        assert rol.gezinslid is not None and rol.gezinslid.gebruiker_id == by.user_pk
        assert rol.gezinslid.get_deferred_fields() >= {"bsn"}  # the relation never carries the BSN
    if soort == selectors.NETWERK:
        assert rol.netwerklid is not None and rol.netwerklid.pk == netwerk.pk
    assert rol == selectors.rol_in_gezin(by, gezin)  # the same answer as the one-query selector
    entry = Toegangslogregel.objects.get(client_id=str(gezin.uuid), segment="test")
    assert entry.grondslag == rol.grondslag


def test_a_network_member_sees_the_family_only_while_the_plan_is_shared(region: Any) -> None:
    gezin = make_family()
    netwerk = NetwerklidFactory(gezin=gezin, ziet_plan=False)
    by = actor(netwerk.gebruiker.username)
    assert not selectors.gezinnen_visible_to(by).exists()
    assert selectors.rol_in_gezin(by, gezin) is None
    with pytest.raises(Geweigerd):
        fetch(by, Gezin, uuid=gezin.uuid, segment="gezin")
    assert denied_logged(str(gezin.uuid))
    netwerk.ziet_plan = True
    netwerk.save(update_fields=["ziet_plan"])
    assert fetch(by, Gezin, uuid=gezin.uuid, segment="gezin").relatie.soort == selectors.NETWERK
    netwerk.actief = False
    netwerk.save(update_fields=["actief"])
    assert not selectors.gezinnen_visible_to(by).exists()


def test_a_network_member_gets_no_birth_date_and_no_bsn_of_the_members(region: Any) -> None:
    gezin = _family_with_everyone()
    netwerk = NetwerklidFactory(gezin=gezin)
    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    shown = selectors.ledenoverzicht(selectors.rol_in_gezin(actor(netwerk.gebruiker.username), gezin), gezin)  # type: ignore[arg-type]
    assert [lid.naam for lid in shown] == ["Kim Test", "Linda Test"]
    assert all(lid.geboortedatum is None and lid.bsn_gemaskeerd == "" for lid in shown)
    assert not any(hasattr(lid, "bsn") for lid in shown)
    parent = selectors.ledenoverzicht(selectors.rol_in_gezin(actor("ouder"), gezin), gezin)  # type: ignore[arg-type]
    kim = next(lid for lid in parent if lid.naam == "Kim Test")
    assert kim.geboortedatum == youth.geboortedatum and kim.bsn_gemaskeerd == f"******{youth.bsn[-3:]}"
    assert kim.heeft_inlog


def test_the_relation_of_a_citizen_takes_no_query_per_member(region: Any, django_assert_num_queries: Any) -> None:
    gezin = _family_with_everyone()
    GezinslidFactory.create_batch(3, gezin=gezin, gezag=False)
    JeugdigeFactory.create_batch(3, gezin=gezin)
    NetwerklidFactory.create_batch(3, gezin=gezin)
    ouder = actor("ouder")
    with django_assert_num_queries(1):
        rol = selectors.rol_in_gezin(ouder, gezin)
    assert rol is not None and rol.soort == selectors.OUDER


def test_invitation_code_is_one_time(region: Any) -> None:
    gezin = make_family()
    link_citizen(gezin, "ouder")
    lid, code = services.netwerklid_uitnodigen(gezin=gezin, by=actor("ouder"), naam="Oma Janssen", relatie="familie")
    user = services.uitnodiging_accepteren(code=code, username="oma-janssen", password="een-lang-wachtwoord-42")
    assert user.is_active and user.is_burger
    assert selectors.gezinnen_visible_to(actor("oma-janssen")).filter(pk=gezin.pk).exists()
    with pytest.raises(ValidationError):
        services.uitnodiging_accepteren(code=code, username="oma2", password="een-lang-wachtwoord-42")


# --- B4: the age rules against a small reference implementation --------------------------------


def _reference_age(born: dt.date, on: dt.date) -> int:
    age = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        age -= 1
    return age


@given(
    born=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    delta=st.integers(min_value=-3, max_value=3),
    years=st.sampled_from([12, 16, 18]),
)
def test_age_rules_around_birthdays(born: dt.date, delta: int, years: int) -> None:
    try:
        birthday = born.replace(year=born.year + years)
    except ValueError:  # 29 February → 1 March in a non-leap year
        birthday = dt.date(born.year + years, 3, 1)
    on = birthday + dt.timedelta(days=delta)
    age = kalender.leeftijd(born, on)
    assert age == _reference_age(born, on)
    assert (age >= years) == (on >= birthday)
    assert (born <= kalender.uiterlijk_geboren(years, on)) == (age >= years)
    expected = {regels.OUDERS} if age < 12 else {regels.OUDERS, regels.JONGERE} if age < 16 else {regels.JONGERE}
    assert regels.beslissers(born, on) == expected
