"""Guard rail for issue 9 points 2a and 2d: every free-text field of the apps that hold free text
has a length limit in model, form and API; every typed date has its plausible window.

Walks the models, the forms (forms.py) and the input serializers (api.py) of these apps and
lists every field without a limit, so a field added later without one fails here. agenda,
ervaring and monitor are left out (their own guard rail)."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from rest_framework import serializers

from jeugdketen.core.api import StrictSerializer
from jeugdketen.core.kalender import Aannemelijk
from jeugdketen.core.lengtes import ZICHTBAAR_VANAF, LengteFormulier

APPS = [
    "gezinnen",
    "gezinsplan",
    "toekomstplan",
    "verwijsindex",
    "organisaties",
    "personen",
    "jeugdhulp",
    "crisis",
    "plekvrij",
]


def _module(app: str, name: str) -> Any:
    try:
        return importlib.import_module(f"jeugdketen.{app}.{name}")
    except ModuleNotFoundError:
        return None


def _classes(module: Any, base: type) -> list[type]:
    if module is None:
        return []
    return [
        c
        for _n, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, base) and c.__module__ == module.__name__
    ]


# Written by the system, never typed: the reason a received iJw message was refused and the
# generated return message (their input, the uploaded message, is bounded by the upload size).
SYSTEEMTEKST = {"Ontvangst.reden", "Ontvangst.retourbericht"}


def test_every_text_field_of_a_model_has_a_limit_and_a_database_check() -> None:
    zonder = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            checks = {c.name for c in model._meta.constraints if isinstance(c, models.CheckConstraint)}
            for field in model._meta.concrete_fields:
                if isinstance(field, models.TextField):
                    naam = f"{model._meta.app_label}_{model.__name__.lower()}_{field.name}_lengte"
                    if f"{model.__name__}.{field.name}" in SYSTEEMTEKST:
                        continue
                    if field.max_length is None or naam not in checks:
                        zonder.append(f"{model.__name__}.{field.name}")
    assert not zonder, f"TextFields without max_length and a length CHECK (core.lengtes.lengte_check): {zonder}"


def _formulieren() -> list[type[forms.BaseForm]]:
    return [
        c
        for app in APPS
        for c in _classes(_module(app, "forms"), forms.BaseForm)
        if not issubclass(c, AuthenticationForm)
    ]


def test_every_free_text_field_of_a_form_has_a_limit_that_the_form_shows() -> None:
    zonder, niet_getoond = [], []
    for form in _formulieren():
        if not issubclass(form, LengteFormulier):
            niet_getoond.append(form.__name__)
        for naam, field in form.base_fields.items():
            tekst = isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField)
            if tekst and field.max_length is None and not isinstance(field.widget, forms.PasswordInput):
                zonder.append(f"{form.__module__}.{form.__name__}.{naam}")
    assert not zonder, f"form CharFields without max_length: {zonder}"
    assert not niet_getoond, f"forms that do not show their limits (core.lengtes.LengteFormulier): {niet_getoond}"


def test_every_date_field_of_a_form_has_a_plausible_window() -> None:
    zonder = [
        f"{form.__module__}.{form.__name__}.{naam}"
        for form in _formulieren()
        for naam, field in form.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not any(isinstance(v, Aannemelijk) for v in field.validators)
    ]
    assert not zonder, f"form date fields without core.kalender.Aannemelijk: {zonder}"


def _invoer() -> list[type[serializers.Serializer[Any]]]:
    return [
        c
        for app in APPS
        for c in _classes(_module(app, "api"), serializers.Serializer)
        if issubclass(c, StrictSerializer) or c.__name__.endswith(("In", "Invoer"))
    ]


def _velden(serializer: serializers.Serializer[Any]) -> list[tuple[str, Any]]:
    uit = []
    for naam, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.ListField):
            uit.append((f"{naam}[]", field.child))
        elif isinstance(field, serializers.Serializer):
            uit.extend((f"{naam}.{n}", f) for n, f in _velden(field))
        elif isinstance(field, serializers.ListSerializer):
            uit.extend((f"{naam}[].{n}", f) for n, f in _velden(field.child))
        else:
            uit.append((naam, field))
    return uit


def test_every_text_and_date_field_of_an_input_serializer_is_bounded() -> None:
    assert len(_invoer()) >= 8  # the walk finds the input serializers at all
    zonder_lengte, zonder_venster = [], []
    for cls in _invoer():
        for naam, field in _velden(cls()):
            wie = f"{cls.__module__}.{cls.__name__}.{naam}"
            if isinstance(field, serializers.CharField) and field.max_length is None:
                zonder_lengte.append(wie)
            if isinstance(field, serializers.DateField | serializers.DateTimeField) and not any(
                isinstance(v, Aannemelijk) for v in field.validators
            ):
                zonder_venster.append(wie)
    assert not zonder_lengte, f"serializer CharFields without max_length: {zonder_lengte}"
    assert not zonder_venster, f"serializer date fields without core.kalender.Aannemelijk: {zonder_venster}"


@pytest.mark.parametrize("lang", [6000])
def test_a_form_shows_the_limit_and_refuses_more(lang: int) -> None:
    from jeugdketen.gezinsplan.forms import BijeenkomstForm

    form = BijeenkomstForm()
    html = str(form["besluiten"])
    n = form.fields["besluiten"].max_length
    assert n is not None and n >= ZICHTBAAR_VANAF
    assert f'maxlength="{n}"' in html
    assert f"Maximaal {n} tekens." in str(form["besluiten"].help_text)
    te_lang = BijeenkomstForm(data={"datum": "2026-01-05", "aanwezigen": "x", "besluiten": "x" * lang})
    assert not te_lang.is_valid()
    assert "besluiten" in te_lang.errors


def test_the_database_refuses_an_oversized_text_that_bypasses_the_forms(db: Any) -> None:
    from django.db import IntegrityError, transaction

    from jeugdketen.core.lengtes import TEKST
    from jeugdketen.toekomstplan.models import Onderwerp

    Onderwerp.objects.create(sleutel="past", naam="Past", uitleg="x" * TEKST)
    with pytest.raises(IntegrityError), transaction.atomic():
        Onderwerp.objects.create(sleutel="te-lang", naam="Te lang", uitleg="x" * (TEKST + 1))
