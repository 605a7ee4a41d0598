"""Issue 9 point 2a: a typed date is checked for plausibility, one rule per purpose
(core.kalender.Doel), with a clear Dutch message, in forms and in the API alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from jeugdketen.core import kalender
from jeugdketen.core.kalender import Doel
from jeugdketen.gezinnen.forms import LidForm
from jeugdketen.gezinsplan.forms import DoelForm, PlanForm
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Organisatie
from jeugdketen.verwijsindex.forms import IdentificatieForm
from tests.gezinnen.helpers import consent_for, make_family, make_plan

OP = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("doel", "goed", "fout"),
    [
        (
            Doel.GEBOORTEDATUM,
            [dt.date(1900, 1, 1), OP],
            [dt.date(1899, 12, 31), dt.date(1850, 5, 1), OP + dt.timedelta(1)],
        ),
        (Doel.GEBOORTEDATUM_JEUGDIGE, [dt.date(1996, 12, 1), OP], [dt.date(1996, 11, 30), dt.date(1850, 1, 1)]),
        (Doel.GEPLAND, [dt.date(2021, 12, 1), dt.date(2031, 12, 1)], [dt.date(1, 1, 1), dt.date(9999, 12, 31)]),
        (Doel.GEBEURD, [dt.date(2001, 12, 1), dt.date(2027, 12, 1)], [dt.date(2001, 11, 30), dt.date(9999, 12, 31)]),
        (Doel.LOOPTIJD, [dt.date(2001, 12, 1), dt.date(2046, 12, 1)], [dt.date(1, 1, 1), dt.date(2046, 12, 2)]),
        (Doel.RECENT, [dt.date(2025, 12, 1), dt.date(2027, 12, 1)], [dt.date(2025, 11, 30), dt.date(1, 1, 1)]),
    ],
)
def test_each_purpose_has_its_window(doel: Doel, goed: list[dt.date], fout: list[dt.date]) -> None:
    for datum in goed:
        kalender.aannemelijk(datum, doel, OP)
    for datum in fout:
        with pytest.raises(ValidationError):
            kalender.aannemelijk(datum, doel, OP)


def test_the_messages_are_dutch_and_name_the_window() -> None:
    with pytest.raises(ValidationError) as fout:
        kalender.aannemelijk(dt.date(1, 1, 1), Doel.GEPLAND, OP)
    assert fout.value.messages == ["Deze datum kan niet kloppen. Vul een datum in tussen 01-12-2021 en 01-12-2031."]
    with pytest.raises(ValidationError) as fout:
        kalender.aannemelijk(dt.date(1850, 1, 1), Doel.GEBOORTEDATUM, OP)
    assert fout.value.messages == ["Deze geboortedatum kan niet kloppen. Vul een datum in vanaf 01-01-1900."]
    with pytest.raises(ValidationError) as fout:
        kalender.aannemelijk(dt.date(1990, 1, 1), Doel.GEBOORTEDATUM_JEUGDIGE, OP)
    assert "past niet bij een jeugdige" in fout.value.messages[0]
    # A datetime at the very end of the calendar is a message too, not an OverflowError.
    with pytest.raises(ValidationError):
        kalender.aannemelijk(dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC), Doel.RECENT)


def test_an_evaluation_on_01_01_0001_is_refused_by_the_plan_form() -> None:
    form = PlanForm(data={"situatie": "x", "krachten": "y", "volgende_evaluatie": "0001-01-01"})
    assert not form.is_valid()
    assert "Deze datum kan niet kloppen" in form.errors["volgende_evaluatie"][0]


def test_a_goal_on_31_12_9999_is_refused_by_the_goal_form() -> None:
    form = DoelForm(
        data={
            "levensgebied": DoelForm.base_fields["levensgebied"].choices[0][0],
            "resultaat": "x",
            "streefdatum": "9999-12-31",
            "status": DoelForm.base_fields["status"].choices[0][0],
        }
    )
    assert not form.is_valid()
    assert "Deze datum kan niet kloppen" in form.errors["streefdatum"][0]


def test_a_youth_born_in_1850_is_refused_by_the_family_and_index_forms() -> None:
    lid = LidForm(
        data={
            "soort": "jeugdige",
            "voornaam": "A",
            "achternaam": "B",
            "bsn": "111222333",
            "geboortedatum": "1850-05-01",
        }
    )
    assert not lid.is_valid()
    assert lid.errors["geboortedatum"] == ["Deze geboortedatum kan niet kloppen. Vul een datum in vanaf 01-01-1900."]
    ouder_1950 = LidForm(data={"soort": "ouder", "voornaam": "A", "achternaam": "B", "geboortedatum": "1950-05-01"})
    assert ouder_1950.is_valid(), ouder_1950.errors
    jeugdige_1950 = LidForm(
        data={"soort": "jeugdige", "voornaam": "A", "achternaam": "B", "geboortedatum": "1950-05-01"}
    )
    assert not jeugdige_1950.is_valid()
    assert "past niet bij een jeugdige" in jeugdige_1950.errors["geboortedatum"][0]
    index = IdentificatieForm(data={"bsn": "111222333", "geboortedatum": "1850-05-01"})
    assert not index.is_valid()
    assert "Deze geboortedatum kan niet kloppen" in index.errors["geboortedatum"][0]


def test_an_evaluation_on_01_01_0001_is_a_dutch_400_from_the_plan_api(region: Any, client_for: Any) -> None:
    gezin = make_family()
    plan = make_plan(gezin)
    consent_for(gezin, "school")
    url = f"/api/v1/gezinsplannen/{plan.uuid}/"
    school = client_for("school")
    response = school.patch(
        url, {"volgende_evaluatie": "0001-01-01"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400
    assert "Deze datum kan niet kloppen" in response.json()["volgende_evaluatie"][0]
    plan.refresh_from_db()
    assert plan.versie == 1


def test_a_youth_born_in_1850_is_a_dutch_400_from_the_index_api(region: Any) -> None:
    _row, key = issue_key(organisatie=Organisatie.objects.get(naam__startswith="Toegangsteam"), systeem="T", by=None)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(
        "/api/v1/verwijsindex/meldingen/",
        {"bsn": "111222333", "geboortedatum": "1850-05-01", "melder_email": "toegang@demo.jeugdketen.nl"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Deze geboortedatum kan niet kloppen" in str(response.json())
