"""No content anywhere (art. 7.1.4.3, SECURITY B8): a whitelist of fields per model and form."""

from __future__ import annotations

from django.db import models

from jeugdketen.verwijsindex import forms
from jeugdketen.verwijsindex.api import MeldingInvoer, VerwijderInvoer
from jeugdketen.verwijsindex.models import Melding

MELDING_FIELDS = {
    "id", "uuid", "jongere", "organisatie", "melder", "melder_naam", "melder_telefoon", "melder_email",
    "coordinator_naam", "coordinator_telefoon", "coordinator_email", "aangemeld_op", "verwijderdatum",
    "automatische_reden", "uiterste_datum", "kenmerk_hint", "bron", "status", "verwijderd_op", "verwijderreden",
    "archief_tot", "archief_gesignaleerd", "informeren", "geinformeerd_op", "niet_geinformeerd_reden", "match",
}  # fmt: skip


def test_registration_field_whitelist() -> None:
    assert {f.name for f in Melding._meta.concrete_fields} == MELDING_FIELDS


def test_no_free_text_field_in_any_model() -> None:
    from django.apps import apps

    allowed_text = {
        "melder_naam",
        "melder_telefoon",
        "coordinator_naam",
        "coordinator_telefoon",
        "kenmerk_hint",
        "sleutel",
        "vingerafdruk",
    }
    for model in apps.get_app_config("verwijsindex").get_models():
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.TextField | models.FileField | models.BinaryField), field
            if isinstance(field, models.CharField) and not isinstance(field, models.EmailField) and not field.choices:
                assert field.name in allowed_text, f"{model.__name__}.{field.name} could hold content"


def test_forms_and_api_input_have_no_content_field() -> None:
    form_fields = (
        set(forms.IdentificatieForm().fields) | set(forms.VerwijderForm().fields) | set(forms.InformerenForm().fields)
    )
    assert form_fields == {"bsn", "geboortedatum", "achternaam", "geslacht", "reden", "geinformeerd_op"}
    assert forms.VerwijderForm().fields["reden"].choices == [
        ("onterecht", "De melding was onterecht"),
        ("risico_weg", "Het risico is weg"),
    ]  # type: ignore[attr-defined]
    assert set(MeldingInvoer().fields) == {"bsn", "geboortedatum", "achternaam", "geslacht", "melder_email"}
    assert set(VerwijderInvoer().fields) == {"reden"}
