"""Forms of the verwijsindex. None has a free-text field for content: only identification
(never stored), codes and dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jeugdketen.core import kalender
from jeugdketen.core.forms import DATE, SELECT, TEXT
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.lengtes import LengteFormulier

from .models import REDENEN_MELDER, ZORGVERLENENDE_SOORTEN, NietGeinformeerdReden, Verwijderreden
from .services import GESLACHTEN, Identificatie
from .termijnen import termijnen


class IdentificatieForm(LengteFormulier):
    bsn = forms.CharField(
        label=_("BSN van de jongere"),
        required=False,
        max_length=20,
        help_text=_("9 cijfers. Het BSN wordt niet bewaard, alleen een versleutelde code."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    geboortedatum = forms.DateField(
        validators=[Aannemelijk(Doel.GEBOORTEDATUM)],
        label=_("Geboortedatum"),
        help_text=_("Nodig om de leeftijd te controleren. De geboortedatum wordt niet bewaard."),
        widget=DATE,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Vul de geboortedatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2012-03-31."),
        },
    )
    achternaam = forms.CharField(
        label=_("Achternaam (alleen als de jongere geen BSN heeft)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    geslacht = forms.ChoiceField(
        label=_("Geslacht (alleen als de jongere geen BSN heeft)"),
        required=False,
        choices=[("", _("Kies")), *GESLACHTEN.items()],
        widget=forms.Select(attrs=SELECT),
    )

    controleer_leeftijd = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        geboortedatum = data.get("geboortedatum")
        if geboortedatum is None:
            return data
        identificatie = Identificatie(
            geboortedatum=geboortedatum,
            bsn=(data.get("bsn") or "").strip(),
            achternaam=(data.get("achternaam") or "").strip(),
            geslacht=data.get("geslacht") or "",
        )
        try:
            identificatie.sleutel()
            if self.controleer_leeftijd:
                termijnen(geboortedatum=geboortedatum, gemeld_op=kalender.vandaag())
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        data["identificatie"] = identificatie
        return data


class OverlijdenForm(IdentificatieForm):
    controleer_leeftijd = False


class VerwijderForm(LengteFormulier):
    reden = forms.ChoiceField(
        label=_("Waarom haalt u de melding weg?"),
        choices=[(r.value, r.label) for r in REDENEN_MELDER],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden.")},
    )


class InformerenForm(LengteFormulier):
    geinformeerd_op = forms.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)],
        label=_("Datum waarop u hebt geïnformeerd"),
        required=False,
        widget=DATE,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2025-03-31.")},
    )
    reden = forms.ChoiceField(
        label=_("Of: waarom kon dat nog niet?"),
        required=False,
        choices=[("", _("Kies")), *NietGeinformeerdReden.choices],
        widget=forms.Select(attrs=SELECT),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("geinformeerd_op") and not data.get("reden") and not self.errors:
            raise ValidationError(_("Vul de datum in waarop u hebt geïnformeerd, of kies waarom dat nog niet kon."))
        return data


class UploadForm(LengteFormulier):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Kolommen: bsn, geboortedatum, achternaam, geslacht, actie, reden. Maximaal 2 MB."),
        error_messages={"required": _("Kies een bestand.")},
    )

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > 2 * 1024 * 1024:
            raise ValidationError(_("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden."))
        return bestand


class RegelsForm(LengteFormulier):
    termijn_dagen = forms.IntegerField(
        label=_("Na hoeveel dagen zonder regie of contact ziet functioneel beheer een match?"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs=TEXT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from jeugdketen.organisaties.models import OrganisatieSoort

        for soort in ZORGVERLENENDE_SOORTEN:
            self.fields[f"plek_{soort}"] = forms.IntegerField(
                label=_("Plaats van: %(soort)s") % {"soort": OrganisatieSoort(soort).label},
                required=False,
                min_value=1,
                max_value=99,
                widget=forms.NumberInput(attrs=TEXT),
            )

    def volgorde(self) -> list[str]:
        plekken = [(self.cleaned_data.get(f"plek_{s}"), s) for s in ZORGVERLENENDE_SOORTEN]
        return [str(s) for plek, s in sorted((p for p in plekken if p[0]), key=lambda p: int(p[0] or 0))]


class LogboekForm(LengteFormulier):
    bsn = forms.CharField(
        label=_("BSN van de jongere"), required=False, max_length=20, widget=forms.TextInput(attrs=TEXT)
    )
    melding = forms.UUIDField(
        label=_("Of: nummer van de melding"),
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"invalid": _("Dit is geen geldig meldingsnummer.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("bsn") and not data.get("melding") and not self.errors:
            raise ValidationError(_("Vul een BSN of een meldingsnummer in."))
        return data


VERWIJDERREDENEN = dict(Verwijderreden.choices)
