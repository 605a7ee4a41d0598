"""core.forms.Weergave draws <select> in Python (issue 16: Django's two template includes per
option made a list of 342 municipalities the slowest part of plekvrij's search). The markup must
be Django's own: the same elements, attributes, selection and escaping."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from jeugdketen.core.forms import Weergave

KEUZES = [
    ("", "Geen voorkeur"),
    ("Regio", [("regio:1", 'Regio <Parkstad> & "Zuid"'), ("regio:2", "Zuid-Kennemerland")]),
    ("Gemeente", [("gemeente:1", "Heerlen"), ("gemeente:2", "'s-Hertogenbosch")]),
]


class Formulier(forms.Form):
    waar = forms.ChoiceField(choices=KEUZES, widget=forms.Select(attrs={"aria-describedby": "hulp-waar"}))
    welke = forms.MultipleChoiceField(choices=KEUZES[2][1], required=False)
    soort = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], disabled=True)
    ja_nee = forms.NullBooleanField()


@pytest.mark.parametrize(
    "data",
    [None, {"waar": "gemeente:2", "welke": ["gemeente:1", "gemeente:2"], "soort": "b", "ja_nee": "true"}],
)
@pytest.mark.parametrize("veld", ["waar", "welke", "soort", "ja_nee"])
def test_a_select_is_the_markup_django_draws(veld: str, data: Any) -> None:
    django = Formulier(data, renderer=DjangoTemplates())[veld].as_widget()
    ons = Formulier(data, renderer=Weergave())[veld].as_widget()
    assert "<select" in ons and "<option" in ons
    assert parse_html(ons) == parse_html(django), (ons, django)


def test_labels_are_escaped_and_the_chosen_option_is_selected() -> None:
    html = Formulier({"waar": "regio:1"}, renderer=Weergave())["waar"].as_widget()
    assert "Regio &lt;Parkstad&gt; &amp; &quot;Zuid&quot;" in html
    assert '<option value="regio:1" selected>' in html
    assert '<optgroup label="Gemeente">' in html and 'aria-describedby="hulp-waar"' in html


def test_every_form_of_the_app_is_drawn_by_it() -> None:
    assert settings.FORM_RENDERER == "jeugdketen.core.forms.Weergave"
    assert isinstance(Formulier().renderer, Weergave)
