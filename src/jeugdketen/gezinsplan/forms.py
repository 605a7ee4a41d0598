"""Plan forms: every edit carries the version it was based on (basis_versie)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import AREA, DATE, SELECT, TEXT
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.lengtes import TEKST, LengteFormulier

from .models import AfspraakStatus, DoelStatus, Levensgebied, ReactieSoort


class PlanForm(LengteFormulier):
    basis_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    situatie = forms.CharField(
        label=_("Waar maken we ons zorgen over?"),
        required=False,
        max_length=TEKST,
        widget=forms.Textarea(attrs={**AREA, "rows": 5}),
        help_text=_("In de woorden van het gezin: waar liggen mensen wakker van?"),
    )
    krachten = forms.CharField(
        label=_("Wat gaat goed?"),
        required=False,
        max_length=TEKST,
        widget=forms.Textarea(attrs={**AREA, "rows": 5}),
        help_text=_("Wat kan het gezin zelf, en wie helpt al?"),
    )
    volgende_evaluatie = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)], label=_("Volgende evaluatie"), required=False, widget=DATE
    )
    toelichting = forms.CharField(
        label=_("Wat heeft u veranderd? (kort)"), required=False, max_length=300, widget=forms.TextInput(attrs=TEXT)
    )


class DoelForm(LengteFormulier):
    sleutel = forms.UUIDField(required=False, widget=forms.HiddenInput)
    levensgebied = forms.ChoiceField(
        label=_("Levensgebied"), choices=Levensgebied.choices, widget=forms.Select(attrs=SELECT)
    )
    voor_wie = forms.CharField(label=_("Voor wie"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT))
    resultaat = forms.CharField(
        label=_("Wat willen we bereiken?"), required=False, max_length=1000, widget=forms.Textarea(attrs=AREA)
    )
    streefdatum = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)], label=_("Wanneer?"), required=False, widget=DATE
    )
    status = forms.ChoiceField(label=_("Status"), choices=DoelStatus.choices, widget=forms.Select(attrs=SELECT))


class AfspraakForm(LengteFormulier):
    sleutel = forms.UUIDField(required=False, widget=forms.HiddenInput)
    wat = forms.CharField(
        label=_("Wat gaan we doen?"), required=False, max_length=1000, widget=forms.Textarea(attrs=AREA)
    )
    wie = forms.ChoiceField(label=_("Wie doet het?"), required=False, widget=forms.Select(attrs=SELECT))
    deadline = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)], label=_("Uiterlijk"), required=False, widget=DATE
    )
    status = forms.ChoiceField(label=_("Status"), choices=AfspraakStatus.choices, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, wie_keuzes: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wie = self.fields["wie"]
        assert isinstance(wie, forms.ChoiceField)
        wie.choices = [("", "—"), *(wie_keuzes or [])]


class VoorwaardeForm(LengteFormulier):
    sleutel = forms.UUIDField(required=False, widget=forms.HiddenInput)
    tekst = forms.CharField(
        label=_("Wat moet veranderen"), required=False, max_length=1000, widget=forms.Textarea(attrs=AREA)
    )


DoelFormSet = forms.formset_factory(DoelForm, extra=1, can_delete=True, max_num=40, absolute_max=40)
AfspraakFormSet = forms.formset_factory(AfspraakForm, extra=1, can_delete=True, max_num=60, absolute_max=60)
VoorwaardeFormSet = forms.formset_factory(VoorwaardeForm, extra=1, can_delete=True, max_num=20, absolute_max=20)


class ReactieForm(LengteFormulier):
    soort = forms.ChoiceField(
        label=_("Wat wilt u doen?"), choices=ReactieSoort.choices, widget=forms.Select(attrs=SELECT)
    )
    tekst = forms.CharField(label=_("Uw tekst"), max_length=5000, widget=forms.Textarea(attrs=AREA))


class RegieForm(LengteFormulier):
    naar = forms.ChoiceField(label=_("Nieuwe regisseur"), widget=forms.Select(attrs=SELECT))
    reden = forms.CharField(
        label=_("Waarom draagt u de regie over?"), max_length=2000, widget=forms.Textarea(attrs=AREA)
    )

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        naar = self.fields["naar"]
        assert isinstance(naar, forms.ChoiceField)
        naar.choices = keuzes


class BijeenkomstForm(LengteFormulier):
    datum = forms.DateField(validators=[Aannemelijk(Doel.GEBEURD)], label=_("Datum"), widget=DATE)
    aanwezigen = forms.CharField(label=_("Wie waren er?"), max_length=2000, widget=forms.Textarea(attrs=AREA))
    besluiten = forms.CharField(label=_("Wat is besloten?"), max_length=TEKST, widget=forms.Textarea(attrs=AREA))


class ScoreForm(LengteFormulier):
    doel = forms.UUIDField(widget=forms.HiddenInput)
    score = forms.IntegerField(
        label=_("Cijfer (1 tot en met 10)"),
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
