"""Forms: parse and give a clear Dutch message; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jeugdketen.core import kalender
from jeugdketen.core.forms import AREA, DATE, SELECT, TEXT
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.lengtes import LengteFormulier
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Gemeente, Regio

from . import selectors, services
from .models import MAX_LEEFTIJD, Categorie, Soort, Toegankelijkheid

TELEFOON = forms.TextInput(attrs={**TEXT, "autocomplete": "tel", "inputmode": "tel"})
NUMBER = {**TEXT, "class": TEXT["class"] + " jk-getal", "inputmode": "numeric"}
KIES = {"required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden uit de lijst.")}
LEEFTIJD_FOUT = {
    "invalid": _("Vul een leeftijd in jaren in, bijvoorbeeld 12."),
    "min_value": _("Vul een leeftijd van 0 tot en met 23 jaar in."),
    "max_value": _("Vul een leeftijd van 0 tot en met 23 jaar in."),
}
AANTAL_FOUT = {
    "required": _("Vul een aantal in."),
    "invalid": _("Vul een heel getal in, bijvoorbeeld 3."),
    "min_value": _("Vul 0 of meer in."),
    "max_value": _("Vul hoogstens 999 in."),
}
DATUM_FOUT = {"invalid": _("Vul een datum in, bijvoorbeeld 2025-03-31.")}


def _leeftijd(label: Any, *, required: bool = False, initial: int | None = None) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_LEEFTIJD,
        initial=initial,
        error_messages={"required": _("Vul een leeftijd in."), **LEEFTIJD_FOUT},
        widget=forms.NumberInput(attrs=NUMBER),
    )


def _aantal(label: Any, *, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=999,
        initial=0,
        help_text=help_text,
        error_messages=AANTAL_FOUT,
        widget=forms.NumberInput(attrs=NUMBER),
    )


class _Keuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice by uuid: anything that is not one of the list gets the field's own plain message."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class _Meerkeuze(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except forms.ValidationError as exc:
            if exc.code == "required":
                raise
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None


class _Specialismen(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("Kies specialismen uit de lijst."), code="invalid_choice") from None


def _specialismen_veld(label: Any) -> _Specialismen:
    return _Specialismen(
        queryset=selectors.actieve_specialismen(),
        to_field_name="sleutel",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


REGIO_NAAM = _("Regio %(naam)s")
ONBEKENDE_GEMEENTE = _("Deze gemeente kennen we niet. Kijk of de naam goed geschreven is.")
ONBEKEND_GEBIED = _("Deze gemeente of regio kennen we niet. Kijk of de naam goed geschreven is.")
DUBBELE_GEMEENTE = _("Meer dan één gemeente heeft deze naam. Zoek in hun regio in plaats van in de gemeente.")


def _onbekend(melding: Any, tekst: str, *, ook_regios: bool = False) -> forms.ValidationError:
    """A name that was not found, with the names that begin like it ("Bedoelt u: …?")."""
    begin = tekst[:3]
    namen = organisaties.namen_beginnend_met(begin)
    if ook_regios:
        namen += [REGIO_NAAM % {"naam": n} for n in organisaties.namen_beginnend_met(begin, model=Regio)]
    if namen:
        melding = f"{melding} " + _("Bedoelt u: %(namen)s?") % {"namen": ", ".join(namen)}
    return forms.ValidationError(melding, code="onbekend")


def _gemeente(tekst: str) -> Gemeente:
    """The municipality a searcher typed (its name, in any case) or a link carries (its id: the
    crisis button, a saved search, an older bookmark)."""
    if (gemeente := organisaties.gemeente_met_uuid(tekst)) is not None:
        return gemeente
    gevonden = organisaties.gemeenten_met_naam(tekst)
    if len(gevonden) > 1:
        raise forms.ValidationError(DUBBELE_GEMEENTE, code="dubbel")
    if not gevonden:
        raise _onbekend(ONBEKENDE_GEMEENTE, tekst)
    return gevonden[0]


def _gebied(tekst: str) -> Gemeente | Regio:
    """'Waar': a municipality or a region, typed by name ("Heerlen", "Regio Parkstad", "Parkstad":
    a municipality before a region of the same name) or carried by id ("gemeente:<uuid>",
    "regio:<uuid>" from a saved search or an older link)."""
    soort, _sep, uuid = tekst.partition(":")
    if soort == "regio" and (regio := organisaties.regio_met_uuid(uuid)) is not None:
        return regio
    if soort == "gemeente" and (gemeente := organisaties.gemeente_met_uuid(uuid)) is not None:
        return gemeente
    voorvoegsel, _sep, rest = tekst.partition(" ")
    if voorvoegsel.lower() == "regio" and (regio := organisaties.regio_met_naam(rest)) is not None:
        return regio
    gemeenten = organisaties.gemeenten_met_naam(tekst)
    if len(gemeenten) == 1:
        return gemeenten[0]
    if (regio := organisaties.regio_met_naam(tekst)) is not None:
        return regio
    if gemeenten:
        raise forms.ValidationError(DUBBELE_GEMEENTE, code="dubbel")
    raise _onbekend(ONBEKEND_GEBIED, tekst, ook_regios=True)


def _naamveld(label: Any, *, lijst: str, help_text: Any) -> forms.CharField:
    """A municipality (or region) typed by name, with the own region's names as suggestions
    (`<datalist id=lijst>`): the page stays the same size with 35 or 342 municipalities."""
    return forms.CharField(
        label=label,
        required=False,
        # The longest municipality is 29 characters and "Regio " and a region's name fit too;
        # under 50 the form does not print the limit (core.lengtes), which says nothing here.
        max_length=48,
        help_text=help_text,
        widget=forms.TextInput(attrs={**TEXT, "list": lijst, "autocomplete": "off"}),
    )


class ZoekForm(LengteFormulier):
    soort = forms.ChoiceField(
        label=_("Soort plek"),
        choices=[("", _("Alle soorten"))] + list(Soort.choices),
        required=False,
        error_messages=KIES,
        widget=forms.Select(attrs=SELECT),
    )
    leeftijd = _leeftijd(_("Leeftijd van de jongere"))
    gebied = _naamveld(_("Waar"), lijst="pv-gebieden", help_text=_("Een gemeente of regio. Leeg: overal."))
    vanaf = _naamveld(
        _("Dichtbij (gemeente van de jongere)"), lijst="pv-gemeenten", help_text=_("Leeg: geen voorkeur.")
    )
    datum = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)],
        label=_("Vrij op"),
        required=False,
        widget=DATE,
        error_messages=DATUM_FOUT,
        help_text=_("Leeg: vandaag."),
    )
    specialismen = _specialismen_veld(_("Nodig"))
    ook_vol = forms.BooleanField(label=_("Toon ook plekken die nu vol zijn"), required=False)

    def __init__(self, *args: Any, regio: Regio | None = None, gemeenten: list[str] | None = None, **kwargs: Any):
        """`regio`, `gemeenten`: the searcher's own region and its municipalities' names, offered
        as suggestions (any municipality or region of the country may be typed)."""
        super().__init__(*args, **kwargs)
        self.gemeente_suggesties = gemeenten or []
        self.gebied_suggesties = list(self.gemeente_suggesties)
        if regio is not None:
            eigen = REGIO_NAAM % {"naam": regio.naam}
            self.gebied_suggesties.insert(0, eigen)
            self.fields["gebied"].help_text = _("Een gemeente of regio, bijvoorbeeld %(regio)s. Leeg: overal.") % {
                "regio": eigen
            }

    def clean_gebied(self) -> Gemeente | Regio | None:
        tekst = " ".join(self.cleaned_data.get("gebied", "").split())
        return _gebied(tekst) if tekst else None

    def clean_vanaf(self) -> Gemeente | None:
        tekst = " ".join(self.cleaned_data.get("vanaf", "").split())
        return _gemeente(tekst) if tekst else None

    def clean_datum(self) -> dt.date | None:
        datum: dt.date | None = self.cleaned_data.get("datum")
        if datum is not None and datum < kalender.vandaag():
            raise forms.ValidationError(_("Kies vandaag of een dag in de toekomst."))
        return datum

    def vraag(self) -> selectors.Zoekvraag:
        data = self.cleaned_data
        gebied = data.get("gebied")
        return selectors.Zoekvraag(
            soort=data.get("soort") or "",
            leeftijd=data.get("leeftijd"),
            specialismen=tuple(data.get("specialismen") or ()),
            gemeente=gebied if isinstance(gebied, Gemeente) else None,
            regio=gebied if isinstance(gebied, Regio) else None,
            vanaf=data.get("vanaf"),
            datum=data.get("datum"),
            ook_vol=bool(data.get("ook_vol")),
        )


class ReserveringForm(LengteFormulier):
    uren = forms.TypedChoiceField(
        label=_("Hoe lang wilt u de plek vasthouden?"),
        choices=[(u, ngettext_lazy("%(n)s uur", "%(n)s uur", u) % {"n": u}) for u in services.UREN_KEUZES],
        coerce=int,
        initial=services.STANDAARD_UREN,
        error_messages=KIES,
        widget=forms.Select(attrs=SELECT),
    )
    initialen = forms.CharField(
        label=_("Voorletters van de jongere"),
        max_length=8,
        help_text=_("Alleen de voorletters, bijvoorbeeld D.J. Geen naam of BSN."),
        error_messages={
            "required": _("Vul de voorletters in."),
            "max_length": _("Vul alleen de voorletters in, bijvoorbeeld D.J. Geen naam."),
        },
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    leeftijd = _leeftijd(_("Leeftijd van de jongere"), required=True)
    contact_telefoon = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=32,
        error_messages={"required": _("Vul een telefoonnummer in waarop de aanbieder u kan bellen.")},
        widget=TELEFOON,
    )
    toelichting = forms.CharField(
        label=_("Wat moet de aanbieder weten?"),
        max_length=500,
        required=False,
        help_text=_("Kort en zonder namen. Bijvoorbeeld: komt vanavond, heeft medicatie bij zich."),
        widget=forms.Textarea(attrs=AREA),
    )


class SnelForm(LengteFormulier):
    vrij = forms.IntegerField(min_value=0, max_value=999, error_messages=AANTAL_FOUT)
    versie = forms.IntegerField(min_value=1)
    terug = forms.ChoiceField(choices=[("home", "home"), ("mijn", "mijn")], required=False)


class PlekForm(LengteFormulier):
    soort = forms.ChoiceField(label=_("Soort plek"), choices=Soort.choices, error_messages=KIES)
    naam = forms.CharField(
        label=_("Naam (bijvoorbeeld van de groep)"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    leeftijd_van = _leeftijd(_("Leeftijd vanaf"), required=True, initial=0)
    leeftijd_tot = _leeftijd(_("Leeftijd tot en met"), required=True, initial=17)
    specialismen = _specialismen_veld(_("Specialismen"))
    gecontracteerd = _aantal(_("Aantal plekken"), help_text=_("De plekken die met de regio zijn afgesproken."))
    buiten_gebruik = _aantal(
        _("Niet inzetbaar"), help_text=_("Leeg, maar nu niet te gebruiken. Bijvoorbeeld door personeelstekort.")
    )
    bezet = _aantal(_("Bezet"))
    vrij_vanaf = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)],
        label=_("Weer vrij vanaf"),
        required=False,
        widget=DATE,
        error_messages=DATUM_FOUT,
        help_text=_("Als alles vol is: wanneer komt er een plek vrij? Mag leeg blijven."),
    )
    contact_naam = forms.CharField(
        label=_("Contactpersoon"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    contact_telefoon = forms.CharField(
        label=_("Telefoon voor plaatsingen"),
        max_length=32,
        required=False,
        widget=TELEFOON,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=300,
        required=False,
        help_text=_("Zonder namen of andere gegevens van jongeren."),
        widget=forms.Textarea(attrs=AREA),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].widget.attrs.update(SELECT)

    def gegevens(self) -> services.Gegevens:
        d = self.cleaned_data
        return services.Gegevens(
            soort=d["soort"],
            naam=d.get("naam") or "",
            leeftijd_van=d["leeftijd_van"],
            leeftijd_tot=d["leeftijd_tot"],
            specialismen=tuple(d.get("specialismen") or ()),
            contact_naam=d.get("contact_naam") or "",
            contact_telefoon=d.get("contact_telefoon") or "",
            toelichting=d.get("toelichting") or "",
        )

    def wijziging(self) -> services.Wijziging:
        d = self.cleaned_data
        return services.Wijziging(
            gecontracteerd=d["gecontracteerd"],
            buiten_gebruik=d["buiten_gebruik"],
            bezet=d["bezet"],
            vrij_vanaf=d.get("vrij_vanaf"),
        )


class NieuwePlekForm(PlekForm):
    locatie = _Keuze(
        label=_("Locatie"),
        queryset=None,
        to_field_name="uuid",
        empty_label=None,
        error_messages={"required": _("Kies een locatie."), "invalid_choice": _("Kies een locatie uit de lijst.")},
    )
    field_order = ["locatie"]

    def __init__(self, *args: Any, locaties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = locaties  # type: ignore[attr-defined]
        self.fields["locatie"].widget.attrs.update(SELECT)


class WijzigForm(PlekForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LocatieForm(LengteFormulier):
    naam = forms.CharField(
        label=_("Naam van de locatie"),
        max_length=120,
        error_messages={"required": _("Vul de naam van de locatie in.")},
        widget=forms.TextInput(attrs=TEXT),
    )
    gemeente = _Keuze(
        label=_("Gemeente"),
        queryset=Gemeente.objects.order_by("naam"),
        to_field_name="uuid",
        error_messages={"required": _("Kies een gemeente."), "invalid_choice": _("Kies een gemeente uit de lijst.")},
        widget=forms.Select(attrs=SELECT),
    )
    plaats = forms.CharField(
        label=_("Plaats of wijk"),
        max_length=80,
        required=False,
        help_text=_("Geen adres: een gezinshuis of pleeggezin is iemands thuis."),
        widget=forms.TextInput(attrs=TEXT),
    )
    telefoon = forms.CharField(
        label=_("Telefoon voor plaatsingen"),
        max_length=32,
        required=False,
        widget=TELEFOON,
    )


class BestandForm(LengteFormulier):
    bestand = forms.FileField(
        label=_("Bestand (CSV)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class AntwoordForm(LengteFormulier):
    antwoord = forms.CharField(
        label=_("Bericht aan de aanvrager (mag leeg blijven)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


# The offer's long texts are read on a phone: a bound keeps a pasted document (or 1 MB) out.
LANGE_TEKST = 2000
TE_LANG = {"max_length": _("Maak deze tekst korter: hoogstens %(limit_value)d tekens.")}


class AanbodForm(LengteFormulier):
    titel = forms.CharField(label=_("Naam van het aanbod"), max_length=120, widget=forms.TextInput(attrs=TEXT))
    samenvatting = forms.CharField(
        label=_("In één zin: wat is het?"), max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    categorie = forms.ChoiceField(label=_("Onderwerp"), choices=Categorie.choices, error_messages=KIES)
    toegankelijkheid = forms.ChoiceField(
        label=_("Hoe kom je erbij?"), choices=Toegankelijkheid.choices, widget=forms.RadioSelect, error_messages=KIES
    )
    verwijzing_door = forms.CharField(
        label=_("Wie verwijst?"),
        max_length=200,
        required=False,
        help_text=_("Alleen bij 'met een verwijzing'. Bijvoorbeeld: het toegangsteam of de huisarts."),
        widget=forms.TextInput(attrs=TEXT),
    )
    voor_wie = forms.CharField(
        label=_("Voor wie is het?"), max_length=LANGE_TEKST, error_messages=TE_LANG, widget=forms.Textarea(attrs=AREA)
    )
    hoe = forms.CharField(
        label=_("Zo krijg je het"), max_length=LANGE_TEKST, error_messages=TE_LANG, widget=forms.Textarea(attrs=AREA)
    )
    waar = forms.CharField(label=_("Waar?"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    gemeenten = _Meerkeuze(
        label=_("In welke gemeenten?"),
        queryset=Gemeente.objects.order_by("naam"),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: in de hele regio."),
        error_messages={"invalid_choice": _("Kies gemeenten uit de lijst.")},
    )
    leeftijd_van = _leeftijd(_("Leeftijd vanaf"), required=True, initial=0)
    leeftijd_tot = _leeftijd(_("Leeftijd tot en met"), required=True, initial=MAX_LEEFTIJD)
    kosten = forms.CharField(label=_("Kosten"), max_length=120, initial=_("Gratis"), widget=forms.TextInput(attrs=TEXT))
    telefoon = forms.CharField(
        label=_("Telefoon"), max_length=32, required=False, widget=forms.TextInput(attrs={**TEXT, "inputmode": "tel"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs=TEXT),
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
        error_messages={"invalid": _("Vul een webadres in dat begint met https://.")},
    )
    volgende_stap = forms.CharField(
        label=_("Past dit niet? Hier kun je terecht"),
        help_text=_("Elk aanbod zegt waar je verder kunt. Bijvoorbeeld: bel het CJG."),
        max_length=LANGE_TEKST,
        error_messages=TE_LANG,
        widget=forms.Textarea(attrs=AREA),
    )
    gepubliceerd = forms.BooleanField(label=_("Zichtbaar op de sociale kaart"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categorie"].widget.attrs.update(SELECT)
        for veld in self.fields.values():
            if veld.required and not isinstance(veld, forms.ChoiceField | forms.IntegerField):
                veld.error_messages["required"] = _("Vul dit in: %(veld)s.") % {"veld": str(veld.label).lower()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("toegankelijkheid") == Toegankelijkheid.VERWIJZING and not data.get("verwijzing_door"):
            self.add_error("verwijzing_door", _("Vul in wie verwijst, bijvoorbeeld het toegangsteam."))
        van, tot = data.get("leeftijd_van"), data.get("leeftijd_tot")
        if van is not None and tot is not None and van > tot:
            self.add_error("leeftijd_tot", _("De leeftijd 'tot en met' moet gelijk aan of hoger dan 'vanaf' zijn."))
        website = data.get("website") or ""
        if website and not website.startswith("https://"):
            self.add_error("website", _("Vul een webadres in dat begint met https://."))
        return data


class KaartForm(LengteFormulier):
    tekst = forms.CharField(
        label=_("Waar zoek je hulp bij?"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "type": "search", "autocomplete": "off"}),
        help_text=_("Bijvoorbeeld: opvoeden, pesten, schulden."),
    )
    categorie = forms.ChoiceField(
        label=_("Onderwerp"), choices=[("", _("Alle onderwerpen"))] + list(Categorie.choices), required=False
    )
    gemeente = _Keuze(
        label=_("Waar woon je?"),
        queryset=Gemeente.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("Maakt niet uit"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    leeftijd = _leeftijd(_("Leeftijd van het kind of de jongere"))
    zonder_verwijzing = forms.BooleanField(label=_("Alleen hulp zonder verwijzing"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = selectors.gemeenten_met_aanbod()  # type: ignore[attr-defined]
        self.fields["categorie"].widget.attrs.update(SELECT)
        self.fields["gemeente"].widget.attrs.update(SELECT)
        self.fields["categorie"].error_messages.update(KIES)

    def vraag(self) -> selectors.Kaartvraag:
        d = self.cleaned_data
        return selectors.Kaartvraag(
            tekst=(d.get("tekst") or "").strip(),
            categorie=d.get("categorie") or "",
            gemeente=d.get("gemeente"),
            leeftijd=d.get("leeftijd"),
            zonder_verwijzing=bool(d.get("zonder_verwijzing")),
        )
