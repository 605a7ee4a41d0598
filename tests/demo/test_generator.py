"""The demo region: Parkstad with real CBS codes, every role, deterministic, scalable, idempotent."""

from __future__ import annotations

import random
from typing import Any

import pytest
from stdnum.nl import bsn

from jeugdketen.core.bsn import fictitious_bsn, validate_bsn
from jeugdketen.core.rollen import Rol
from jeugdketen.demo.generator import LOGINS, MUNICIPALITIES, build
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie, OrganisatieSoort


def test_parkstad_has_its_seven_municipalities_with_cbs_codes(region: Any) -> None:
    assert dict(Gemeente.objects.values_list("naam", "cbs_code")) == dict(MUNICIPALITIES)
    assert Gemeente.objects.get(naam="Heerlen").cbs_code == "GM0917"


def test_every_demo_login_exists_with_its_roles(region: Any) -> None:
    for login in LOGINS:
        user = Gebruiker.objects.get(username=login.username)
        roles = set(Medewerker.objects.filter(gebruiker=user).values_list("rol", flat=True))
        assert roles == set(login.roles), login.username
        assert user.is_burger == (login.organisation is None)
    assert Medewerker.objects.filter(rol=Rol.LOGBEHEER).exists()


def test_main_organisation_kinds_exist_and_policy_orgs_are_not_connected(region: Any) -> None:
    kinds = set(Organisatie.objects.values_list("soort", flat=True))
    for kind in [
        OrganisatieSoort.TOEGANG,
        OrganisatieSoort.GI,
        OrganisatieSoort.VEILIG_THUIS,
        OrganisatieSoort.CRISISDIENST,
        OrganisatieSoort.SCHOOL,
        OrganisatieSoort.HUISARTSENPRAKTIJK,
    ]:
        assert kind in kinds
    assert not Organisatie.objects.filter(
        soort=OrganisatieSoort.GEMEENTE_BELEID, aangesloten_verwijsindex=True
    ).exists()


@pytest.mark.django_db
def test_size_adds_data_in_bulk_and_no_organisations(django_assert_max_num_queries: Any) -> None:
    build(size=0)
    base = Organisatie.objects.count()
    build(size=1)
    one = Organisatie.objects.count() - base
    assert one >= len(MUNICIPALITIES) * 10
    assert set(Organisatie.objects.values_list("soort", flat=True)) == set(OrganisatieSoort.values)
    # A larger size adds families and registrations in a fixed number of statements, and no
    # organisations: they come per municipality (the volume is demo/schaal.py's, tests/demo/test_schaal.py).
    # Most of this bound is the monitor's fact computation at the end of every build: a fixed
    # number of aggregate queries per indicator, area and year, whatever the size.
    with django_assert_max_num_queries(1500):
        build(size=3)
    assert Organisatie.objects.count() - base == one


@pytest.mark.django_db
def test_building_twice_adds_nothing() -> None:
    build(size=1)
    counts = (Organisatie.objects.count(), Gebruiker.objects.count(), Medewerker.objects.count())
    build(size=1)
    assert (Organisatie.objects.count(), Gebruiker.objects.count(), Medewerker.objects.count()) == counts


def test_fictitious_bsns_pass_the_11_test_and_are_in_the_test_range() -> None:
    rng = random.Random(1)
    numbers = [fictitious_bsn(rng) for _ in range(500)]
    assert all(bsn.is_valid(n) and n.startswith("999") for n in numbers)
    assert numbers == [fictitious_bsn(random.Random(1)) for _ in range(1)] + numbers[1:]


def test_bsn_validation_messages_are_plain_dutch() -> None:
    from django.core.exceptions import ValidationError

    assert validate_bsn("999993653") == "999993653"
    with pytest.raises(ValidationError, match="11-proef"):
        validate_bsn("123456789")
    with pytest.raises(ValidationError, match="9 cijfers"):
        validate_bsn("12345")
