"""core.forms.Weergave draws the common widgets in Python (issue 16: Django's template includes
per widget and per option were a seventh of plekvrij's search and of a trajectory's page). The
markup must be Django's own, byte for byte: the same elements, attributes, values, selection,
whitespace and escaping, for every kind of widget, empty and filled in."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates

from jeugdketen.core import forms as core_forms
from jeugdketen.core.forms import Weergave

KEUZES = [
    ("", "Geen voorkeur"),
    ("Regio", [("regio:1", 'Regio <Parkstad> & "Zuid"'), ("regio:2", "Zuid-Kennemerland")]),
    ("Gemeente", [("gemeente:1", "Heerlen"), ("gemeente:2", "'s-Hertogenbosch")]),
]
LOS = KEUZES[2][1]
LASTIG = 'Noor <b>"& co"</b> \'s-Hertogenbosch'


class KaleOpties(forms.RadioSelect):
    """Options drawn by input_option.html itself (one closing newline less than radio_option.html)."""

    option_template_name = "django/forms/widgets/input_option.html"


class Formulier(forms.Form):
    waar = forms.ChoiceField(choices=KEUZES, widget=forms.Select(attrs={"aria-describedby": "hulp-waar"}))
    welke = forms.MultipleChoiceField(choices=LOS, required=False)
    soort = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], disabled=True)
    ja_nee = forms.NullBooleanField()
    naam = forms.CharField(max_length=40, widget=forms.TextInput(attrs={"class": "x", "list": "suggesties"}))
    aantal = forms.IntegerField(widget=forms.NumberInput(attrs={"inputmode": "numeric", "required": False}))
    datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    mail = forms.EmailField()
    geheim = forms.CharField(widget=forms.PasswordInput(render_value=True))
    verborgen = forms.CharField(widget=forms.HiddenInput)
    akkoord = forms.BooleanField(required=False)
    bestand = forms.FileField(required=False, widget=forms.FileInput)
    tekst = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    vinkjes = forms.MultipleChoiceField(choices=KEUZES[1:], widget=forms.CheckboxSelectMultiple, required=False)
    platte_vinkjes = forms.MultipleChoiceField(
        choices=LOS, widget=forms.CheckboxSelectMultiple(attrs={"class": "lijst"}), required=False
    )
    keuze = forms.ChoiceField(choices=LOS, widget=forms.RadioSelect)
    kale_keuze = forms.ChoiceField(choices=LOS, widget=KaleOpties)


INGEVULD = {
    "waar": "gemeente:2",
    "welke": ["gemeente:1", "gemeente:2"],
    "soort": "b",
    "ja_nee": "true",
    "naam": LASTIG,
    "aantal": "0",
    "datum": "2026-12-03",
    "mail": "a&b@example.nl",
    "geheim": LASTIG,
    "verborgen": LASTIG,
    "akkoord": "on",
    "tekst": f"Regel 1\n{LASTIG}",
    "vinkjes": ["regio:1", "gemeente:2"],
    "platte_vinkjes": ["gemeente:1"],
    "keuze": "gemeente:2",
    "kale_keuze": "gemeente:1",
}


@pytest.mark.parametrize("data", [None, INGEVULD, {"aantal": "geen getal", "datum": "gisteren", "tekst": ""}])
@pytest.mark.parametrize("veld", list(Formulier.base_fields))
def test_a_widget_is_the_markup_django_draws(veld: str, data: Any) -> None:
    django = Formulier(data, renderer=DjangoTemplates())[veld].as_widget()
    ons = Formulier(data, renderer=Weergave())[veld].as_widget()
    assert ons == django


def test_every_kind_of_widget_of_the_form_is_drawn_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above is between Django's templates and our code, not Django with itself."""
    gebruikt: list[str] = []
    monkeypatch.setattr(DjangoTemplates, "render", lambda self, name, *a, **k: gebruikt.append(name) or "")
    formulier = Formulier(INGEVULD, renderer=Weergave())
    for veld in formulier:
        assert veld.as_widget() != "", veld.name
    assert gebruikt == []


def test_an_option_with_a_template_of_its_own_is_left_to_django() -> None:
    class EigenOptie(forms.RadioSelect):
        option_template_name = "django/forms/widgets/select_option.html"

    veld = forms.Form(renderer=Weergave())
    veld.fields["k"] = forms.ChoiceField(choices=LOS, widget=EigenOptie)
    assert '<option value="gemeente:1"' in veld["k"].as_widget()
    assert core_forms.render_multiple_input({"attrs": {}, "optgroups": [(None, [{"template_name": "x"}], 0)]}) is None


def test_labels_are_escaped_and_the_chosen_option_is_selected() -> None:
    html = Formulier({"waar": "regio:1"}, renderer=Weergave())["waar"].as_widget()
    assert "Regio &lt;Parkstad&gt; &amp; &quot;Zuid&quot;" in html
    assert '<option value="regio:1" selected>' in html
    assert '<optgroup label="Gemeente">' in html and 'aria-describedby="hulp-waar"' in html
    assert 'value="Noor &lt;b&gt;&quot;&amp; co&quot;&lt;/b&gt; &#x27;s-Hertogenbosch"' in (
        Formulier(INGEVULD, renderer=Weergave())["naam"].as_widget()
    )


def test_every_form_of_the_app_is_drawn_by_it() -> None:
    assert settings.FORM_RENDERER == "jeugdketen.core.forms.Weergave"
    assert isinstance(Formulier().renderer, Weergave)
