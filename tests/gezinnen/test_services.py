"""Families, members, consent and the age rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from jeugdketen.core import kalender
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.gezinnen import regels, selectors, services
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, ToestemmingSoort
from jeugdketen.organisaties.models import Organisatie
from tests.conftest import actor
from tests.gezinnen.helpers import consent_for, denied_logged, link_citizen, make_family, years_ago


def test_creating_a_family_gives_the_creating_organisation_access_and_logs(region: Any) -> None:
    gezin = make_family()
    assert selectors.families_visible_to(actor("toegang")).filter(pk=gezin.pk).exists()
    assert not selectors.families_visible_to(actor("school")).filter(pk=gezin.pk).exists()
    row = Toegangslogregel.objects.get(client_id=str(gezin.uuid), actie="create")
    assert row.grondslag.startswith("toestemming:")


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
        make_family("toegang", mandaat="ots")
    assert "mandaat_grondslag" in exc.value.message_dict
    gezin = make_family("gi", mandaat="ots")
    assert gezin.toestemmingen.get().soort == ToestemmingSoort.MANDAAT
    assert selectors.families_visible_to(actor("gi")).filter(pk=gezin.pk).first().toegang_soort == "mandaat"


def test_withdrawal_acts_on_the_next_lookup_and_end_date_counts(region: Any) -> None:
    gezin = make_family()
    toestemming = consent_for(gezin, "school")
    school = actor("school")
    assert selectors.families_visible_to(school).filter(pk=gezin.pk).exists()
    link_citizen(gezin, "ouder")
    services.toestemming_intrekken(toestemming=toestemming, by=actor("ouder"))
    assert not selectors.families_visible_to(school).filter(pk=gezin.pk).exists()
    consent_for(gezin, "school", days=0)
    assert selectors.families_visible_to(school).filter(pk=gezin.pk).exists()
    # the day after the end date the consent no longer counts
    later = selectors.active_consents(kalender.vandaag() + dt.timedelta(days=1))
    assert not later.filter(gezin=gezin, organisatie__naam__contains="De Bron").exists()


def test_age_rules_for_giving_consent(region: Any) -> None:
    school = Organisatie.objects.get(uuid=actor("school").organisatie_id)
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
    gezin2 = make_family(naam="Gezin Twee", youth_age=13, bsn="123456782")
    link_citizen(gezin2, "ouder")
    t2 = services.toestemming_geven(gezin=gezin2, by=actor("ouder"), organisatie=school, doel="school", einddatum=eind)
    assert not selectors.is_consent_active(t2) and t2.wacht_op == regels.JONGERE
    link_citizen(gezin2, "jongere", soort=LidSoort.JEUGDIGE)
    services.toestemming_bevestigen(toestemming=t2, by=actor("jongere"))
    t2.refresh_from_db()
    assert selectors.is_consent_active(t2)


def test_youth_under_12_with_a_login_does_not_see_the_family(region: Any) -> None:
    gezin = make_family(youth_age=11)
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    assert not selectors.families_visible_to(actor("jongere")).exists()
    Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE).update(geboortedatum=years_ago(12))
    assert selectors.families_visible_to(actor("jongere")).exists()


def test_a_professional_without_access_is_denied_and_logged(region: Any) -> None:
    gezin = make_family()
    with pytest.raises(Http404):
        services.gezinslid_toevoegen(
            gezin=gezin,
            by=actor("school"),
            lid=services.LidInvoer(soort=LidSoort.OUDER, voornaam="X", achternaam="Y"),
        )
    assert denied_logged(str(gezin.uuid))


def test_invitation_code_is_one_time(region: Any) -> None:
    gezin = make_family()
    link_citizen(gezin, "ouder")
    lid, code = services.netwerklid_uitnodigen(gezin=gezin, by=actor("ouder"), naam="Oma Janssen", relatie="familie")
    user = services.uitnodiging_accepteren(code=code, username="oma-janssen", password="een-lang-wachtwoord-42")
    assert user.is_active and user.is_burger
    assert selectors.families_visible_to(actor("oma-janssen")).filter(pk=gezin.pk).exists()
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
