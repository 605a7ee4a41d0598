"""Forms of jeugdhulp: parse and label, in plain Dutch; the rules themselves are in services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core import kalender
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.forms import AREA, DATE, SELECT, TEXT
from jeugdketen.core.lengtes import LengteFormulier

from .codes import Eenheid, Frequentie, MaatregelSoort, Productcategorie, RedenBeeindiging, ThuiszitterSoort, Verwijzer
from .services import JeugdigeInvoer

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def datum(label: Any, doel: kalender.Doel, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A date field; year 1 or 9999 is a typing slip, refused by the plausible window of `doel`."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=DATE,
        validators=[kalender.Aannemelijk(doel)],
        error_messages={"required": _("Vul een datum in."), "invalid": _("Vul een datum in, bijvoorbeeld 2024-03-31.")},
    )


def keuze(label: Any, choices: Any, *, required: bool = True, help_text: Any = "") -> forms.ChoiceField:
    leeg = [("", _("— kies —"))]
    return forms.ChoiceField(
        label=label,
        choices=leeg + list(choices),
        required=required,
        help_text=help_text,
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies een waarde uit de lijst.")},
    )


class JeugdigeForm(LengteFormulier):
    """Who it is about: the youth's BSN and birth date identify the one person record."""

    bsn = forms.CharField(
        label=_("BSN van de jeugdige"),
        max_length=20,
        help_text=_("9 cijfers."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Vul het BSN in.")},
    )
    geboortedatum = datum(_("Geboortedatum"), kalender.Doel.GEBOORTEDATUM_JEUGDIGE)
    voornamen = forms.CharField(label=_("Voornaam"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    achternaam = forms.CharField(
        label=_("Achternaam"),
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": _("Vul de achternaam in.")},
    )

    def clean_bsn(self) -> str:
        return validate_bsn(self.cleaned_data["bsn"])

    def jeugdige(self) -> JeugdigeInvoer:
        d = self.cleaned_data
        return JeugdigeInvoer(
            bsn=d["bsn"], geboortedatum=d["geboortedatum"], achternaam=d["achternaam"], voornamen=d["voornamen"]
        )


class BeschikkingForm(JeugdigeForm):
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Verantwoordelijke gemeente"),
        queryset=None,
        help_text=_("De gemeente waar de jeugdige woont."),
        widget=forms.Select(attrs=SELECT),
        empty_label=_("— kies —"),
    )
    besluitdatum = datum(_("Datum van het besluit"), kalender.Doel.GEBEURD)
    toelichting = forms.CharField(
        label=_("Waarom deze hulp"),
        max_length=2000,
        help_text=_("In gewone woorden, voor de brief aan het gezin. Schrijf kort en zonder vaktaal."),
        widget=forms.Textarea(attrs={**AREA, "rows": 4}),
        error_messages={"required": _("Schrijf waarom het gezin deze hulp krijgt.")},
    )
    aanbieder: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Aanbieder"), queryset=None, widget=forms.Select(attrs=SELECT), empty_label=_("— kies —")
    )
    productcategorie = keuze(_("Soort hulp (productcategorie)"), Productcategorie.choices)
    productcode = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Uit de productenlijst van de regio. Leeg laten mag."),
        widget=forms.TextInput(attrs=TEXT),
    )
    ingangsdatum = datum(_("Hulp vanaf"), kalender.Doel.LOOPTIJD)
    einddatum = datum(_("Hulp tot en met"), kalender.Doel.LOOPTIJD, required=False)
    volume = forms.IntegerField(
        label=_("Hoeveel"), required=False, min_value=1, max_value=99_999_999, widget=forms.NumberInput(attrs=TEXT)
    )
    eenheid = keuze(_("Eenheid"), Eenheid.choices, required=False)
    frequentie = keuze(_("Hoe vaak"), Frequentie.choices, required=False)
    verwijzer = keuze(_("Wie verwees"), Verwijzer.choices)
    aanmelddatum = datum(
        _("Aangemeld op"),
        kalender.Doel.GEBEURD,
        required=False,
        help_text=_("Wanneer het gezin om hulp vroeg. Hiermee meten we de wachttijd."),
    )

    def __init__(self, *args: Any, gemeenten: Any, aanbieders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["aanbieder"].queryset = aanbieders  # type: ignore[attr-defined]


class StartForm(LengteFormulier):
    begindatum = datum(_("De hulp is gestart op"), kalender.Doel.GEBEURD)
    intakedatum = datum(
        _("Intake op"), kalender.Doel.GEBEURD, required=False, help_text=_("Als de intake er nog niet bij staat.")
    )


class StopForm(LengteFormulier):
    begindatum = forms.ChoiceField(label=_("Welke periode van hulp"), widget=forms.Select(attrs=SELECT))
    einddatum = datum(_("De hulp is gestopt op"), kalender.Doel.GEBEURD)
    reden = keuze(_("Reden van stoppen"), RedenBeeindiging.choices)

    def __init__(self, *args: Any, starts: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["begindatum"].choices = [  # type: ignore[attr-defined]
            (d.isoformat(), _("gestart op %(d)s") % {"d": d.strftime("%d-%m-%Y")}) for d in starts
        ]

    def clean_begindatum(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["begindatum"])


class WachttijdForm(LengteFormulier):
    aanmelddatum = datum(_("Aangemeld op"), kalender.Doel.GEBEURD, required=False)
    intakedatum = datum(_("Intake op"), kalender.Doel.GEBEURD, required=False)


class UploadForm(LengteFormulier):
    bestand = forms.FileField(
        label=_("iJw-bericht (XML)"),
        help_text=_("Een JW301, JW305 of JW307 van release 3.2, hoogstens 25 MB."),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": ".xml,text/xml,application/xml"}),
        error_messages={"required": _("Kies een bestand.")},
    )


class CsvForm(LengteFormulier):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        widget=forms.ClearableFileInput(attrs={**TEXT, "accept": ".csv,text/csv"}),
        error_messages={"required": _("Kies een bestand.")},
    )


class MaatregelForm(JeugdigeForm):
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Verantwoordelijke gemeente"),
        queryset=None,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("— kies —"),
    )
    soort = keuze(_("Soort maatregel"), MaatregelSoort.choices)
    voorwaardelijk = forms.BooleanField(label=_("Voorwaardelijke machtiging"), required=False)
    uitspraakdatum = datum(_("Datum van de uitspraak"), kalender.Doel.GEBEURD)
    ingangsdatum = datum(_("Gaat in op"), kalender.Doel.LOOPTIJD)
    einddatum = datum(
        _("Loopt tot en met"),
        kalender.Doel.LOOPTIJD,
        required=False,
        help_text=_("Leeg bij voogdij: die loopt tot 18 jaar."),
    )

    def __init__(self, *args: Any, gemeenten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]


class VerlengForm(LengteFormulier):
    uitspraakdatum = datum(_("Datum van de uitspraak"), kalender.Doel.GEBEURD)
    tot = datum(_("Verlengd tot en met"), kalender.Doel.LOOPTIJD)


class BeeindigForm(LengteFormulier):
    op = datum(_("Beëindigd op"), kalender.Doel.GEBEURD)


class ThuiszitterForm(JeugdigeForm):
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Gemeente waar de jeugdige woont"),
        queryset=None,
        widget=forms.Select(attrs=SELECT),
        empty_label=_("— kies —"),
    )
    soort = keuze(_("Wat is er aan de hand"), ThuiszitterSoort.choices)
    school: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("School"),
        queryset=None,
        required=False,
        help_text=_("Leeg als de jeugdige niet op een school staat ingeschreven."),
        widget=forms.Select(attrs=SELECT),
        empty_label=_("— geen school —"),
    )
    sinds = datum(_("Thuis sinds"), kalender.Doel.GEBEURD)
    passend_aanbod_sinds = datum(_("Passend aanbod sinds"), kalender.Doel.GEBEURD, required=False)

    def __init__(self, *args: Any, gemeenten: Any, scholen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["school"].queryset = scholen  # type: ignore[attr-defined]


class ThuiszitterBijwerkenForm(LengteFormulier):
    passend_aanbod_sinds = datum(_("Passend aanbod sinds"), kalender.Doel.GEBEURD, required=False)
    afgesloten_op = datum(_("Weer naar school (of afgesloten) op"), kalender.Doel.GEBEURD, required=False)
