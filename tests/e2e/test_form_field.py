"""The shared form-field include (core/_form_field.html) that every app's forms use:
each kind of field is labelled, grouped and linked to its help text and errors, and passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from playwright.sync_api import Page, expect

from .helpers import axe

pytestmark = pytest.mark.e2e


class AllKindsForm(forms.Form):
    naam = forms.CharField(label="Naam", help_text="Zoals in het paspoort.")
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    soort = forms.ChoiceField(label="Soort", choices=[("a", "Eerste"), ("b", "Tweede")])
    onderwerpen = forms.MultipleChoiceField(
        label="Onderwerpen",
        choices=[("werk", "Werk"), ("wonen", "Wonen")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies er minstens één.",
    )
    keuze = forms.ChoiceField(label="Keuze", choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect)
    akkoord = forms.BooleanField(label="Ik ga akkoord", help_text="Verplicht.")


def _render(page: Page, form: forms.Form) -> None:
    fields = "".join(render_to_string("core/_form_field.html", {"field": field}) for field in form)
    page.set_content(
        f'<html lang="nl"><head><title>Test</title></head><body><main><form>{fields}</form></main></body></html>'
    )


def test_every_kind_of_field_is_labelled_and_passes_axe(page: Page) -> None:
    _render(page, AllKindsForm())
    axe(page)
    for label in ("Naam", "Toelichting", "Soort", "Werk", "Wonen", "Ja", "Nee", "Ik ga akkoord"):
        expect(page.get_by_label(label, exact=True)).to_have_count(1)
    expect(page.get_by_role("group", name="Onderwerpen")).to_be_visible()
    expect(page.get_by_role("group", name="Keuze")).to_be_visible()
    assert page.get_by_label("Naam").get_attribute("aria-describedby") == "id_naam_helptext"


def test_errors_are_linked_to_their_field_or_group(page: Page) -> None:
    form: Any = AllKindsForm(data={})
    assert not form.is_valid()
    _render(page, form)
    axe(page)
    naam = page.get_by_label("Naam")
    expect(naam).to_have_attribute("aria-invalid", "true")
    assert naam.get_attribute("aria-describedby") == "id_naam_helptext id_naam_error"
    akkoord = page.get_by_label("Ik ga akkoord")
    assert akkoord.get_attribute("aria-describedby") == "id_akkoord_helptext id_akkoord_error"
    group = page.get_by_role("group", name="Onderwerpen")
    assert group.get_attribute("aria-describedby") == "id_onderwerpen_helptext id_onderwerpen_error"
    expect(page.locator("#id_onderwerpen_error")).to_contain_text("Fout:")
