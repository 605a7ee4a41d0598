"""A choice field's label comes from a dict built once per field (core.keuzes, issue 16), with
exactly what Django's own `get_<field>_display` gives, in the request's language."""

from __future__ import annotations

from functools import partialmethod
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation

from jeugdketen.core import keuzes
from jeugdketen.jeugdhulp.models import Hulpvorm, Productcategorie, Traject
from jeugdketen.plekvrij.models import Plek, Soort


def _choice_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    return [
        (m, f)
        for m in apps.get_models()
        if m.__module__.startswith("jeugdketen.")
        for f in m._meta.concrete_fields
        if f.choices
    ]


def test_every_choice_field_of_our_models_reads_its_label_from_the_dict() -> None:
    velden = _choice_fields()
    assert len(velden) > 40
    for model, field in velden:
        methode = model.__dict__[f"get_{field.name}_display"]
        assert isinstance(methode, partialmethod) and methode.func is keuzes.display, (model, field.name)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_the_label_is_djangos_in_the_language_of_the_moment(taal: str) -> None:
    """Every value of every choice field, and one that is not a choice (Django gives the value)."""
    with translation.override(taal):
        for model, field in _choice_fields():
            for waarde in [*(w for w, _l in field.flatchoices), "geen-keuze"]:
                obj = model()
                setattr(obj, field.attname, waarde)
                assert keuzes.display(obj, field=field) == models.Model._get_FIELD_display(obj, field), (model, waarde)


def test_the_same_object_speaks_the_language_of_each_request() -> None:
    plek = Plek(soort=Soort.CRISISPLEK)
    with translation.override("nl"):
        assert plek.get_soort_display() == "Crisisplek"
    with translation.override("en"):
        engels = models.Model._get_FIELD_display(plek, Plek._meta.get_field("soort"))
        assert plek.get_soort_display() == engels
    traject = Traject(hulpvorm=Hulpvorm.choices[0][0], productcategorie=Productcategorie.choices[0][0])
    assert traject.get_hulpvorm_display() == str(Hulpvorm.choices[0][1])


@isolate_apps("jeugdketen.core")
def test_a_models_own_display_method_and_run_time_choices_are_left_alone() -> None:
    class Eigen(models.Model):
        soort = models.CharField(max_length=2, choices=[("a", "A")])
        later = models.CharField(max_length=2, choices=lambda: [("b", "B")])
        gewoon = models.CharField(max_length=2, choices=[("c", "C")])

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.soort

        def get_soort_display(self) -> str:
            return "eigen"

    assert keuzes.install([Eigen]) == 1
    obj = Eigen(soort="a", later="b", gewoon="c")
    assert (obj.get_soort_display(), obj.get_later_display(), obj.get_gewoon_display()) == ("eigen", "B", "C")
    assert Eigen.__dict__["get_gewoon_display"].func is keuzes.display
    assert Eigen.__dict__["get_later_display"].func is not keuzes.display
