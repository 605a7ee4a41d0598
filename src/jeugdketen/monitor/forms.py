from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import SELECT, TEXT

from .indicatoren import INDICATOREN
from .models import REGIO


class VergelijkForm(forms.Form):
    """GET: which municipalities to compare (none chosen: all)."""

    gemeente = forms.MultipleChoiceField(
        label=_("Gemeenten om te vergelijken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies geen enkele gemeente om ze allemaal te zien. De regio staat er altijd bij."),
    )

    def __init__(self, *args: object, gemeenten: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["gemeente"].choices = gemeenten  # type: ignore[attr-defined]


class BevolkingForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand met CBS-bevolkingscijfers"),
        help_text=_("Kolommen: gemeente, jaar, leeftijd (0-11, 12-17 of 18-22), aantal en eventueel bron."),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": ".csv,text/csv"}),
        error_messages={"required": _("Kies een bestand.")},
    )


class BasiswaardeForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), widget=forms.Select(attrs=SELECT))
    gebied = forms.ChoiceField(label=_("Gebied"), widget=forms.Select(attrs=SELECT))
    waarde = forms.FloatField(label=_("Waarde in 2018"), widget=forms.NumberInput(attrs={**TEXT, "step": "any"}))
    teller = forms.FloatField(
        label=_("Teller (aantal mensen), als bekend"),
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "step": "any"}),
        help_text=_("Onder de drempel tonen we de waarde niet."),
    )
    noemer = forms.FloatField(
        label=_("Noemer, als bekend"), required=False, widget=forms.NumberInput(attrs={**TEXT, "step": "any"})
    )
    bron = forms.CharField(label=_("Bron"), max_length=300, widget=forms.TextInput(attrs=TEXT))

    def __init__(self, *args: object, gemeenten: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["indicator"].choices = [(i.code, str(i.naam)) for i in INDICATOREN]  # type: ignore[attr-defined]
        self.fields["gebied"].choices = [(REGIO, _("De hele regio")), *gemeenten]  # type: ignore[attr-defined]
