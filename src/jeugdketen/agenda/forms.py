"""The agenda's forms: thin, they parse; the services check. Every edit carries the version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import AREA, DATE, SELECT, TEXT

from . import regels
from .models import Agenda, Thema
from .services import ActiviteitInvoer

INDICATOR_KEUZES = [("", _("Geen indicator"))] + [(c, n) for c, n in regels.INDICATOREN.items()]


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={**AREA, "rows": rows})


class ActiviteitForm(forms.Form):
    activiteit = forms.CharField(label=_("Activiteit"), widget=_area(2), max_length=5000)
    huidige_stand = forms.CharField(label=_("Huidige stand van zaken"), widget=_area(), required=False, max_length=5000)
    beoogd_resultaat = forms.CharField(label=_("Beoogd resultaat"), widget=_area(), required=False, max_length=5000)
    planning = forms.CharField(label=_("Planning"), widget=_area(2), required=False, max_length=5000)
    partners = forms.CharField(
        label=_("Partners"),
        widget=_area(2),
        required=False,
        max_length=5000,
        help_text=_("Wie voeren deze activiteit samen uit?"),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        choices=INDICATOR_KEUZES,
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Het cijfer van deze indicator staat dan naast de activiteit."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jaren = agenda.jaren
        for jaar in self.jaren:
            self.fields[f"budget_{jaar}"] = forms.IntegerField(
                label=_("Budget %(jaar)s (euro)") % {"jaar": jaar},
                required=False,
                min_value=0,
                max_value=1_000_000_000,
                widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
            )
        self.order_fields([*self.fields.keys()])

    def invoer(self) -> ActiviteitInvoer:
        d = self.cleaned_data
        return ActiviteitInvoer(
            activiteit=d["activiteit"],
            huidige_stand=d["huidige_stand"],
            beoogd_resultaat=d["beoogd_resultaat"],
            planning=d["planning"],
            partners=d["partners"],
            indicator=d["indicator"],
        )

    def budgetten(self) -> dict[int, int | None]:
        return {jaar: self.cleaned_data.get(f"budget_{jaar}") for jaar in self.jaren}


class StatusForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, widget=forms.Select(attrs=SELECT))
    status = forms.ChoiceField(label=_("Status"), choices=regels.Status.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=_area(),
        required=False,
        max_length=5000,
        help_text=_("Wat is er dit jaar gedaan, of waarom loopt het anders?"),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jaar = self.fields["jaar"]
        assert isinstance(jaar, forms.ChoiceField)
        jaar.choices = [(j, str(j)) for j in agenda.jaren]


class AdviesForm(forms.Form):
    van = forms.ChoiceField(
        label=_("Van wie komt het advies?"), choices=regels.Adviseur.choices, widget=forms.RadioSelect
    )
    soort = forms.ChoiceField(label=_("Soort advies"), choices=regels.AdviesSoort.choices, widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Datum van het advies"), widget=DATE)
    thema = forms.ChoiceField(label=_("Bij welk thema hoort het?"), required=False, widget=forms.Select(attrs=SELECT))
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    advies = forms.CharField(label=_("Het advies"), widget=_area(4), max_length=5000)
    reactie = forms.CharField(label=_("Reactie van de regio"), widget=_area(), required=False, max_length=5000)
    wat_gedaan = forms.CharField(label=_("Wat is ermee gedaan?"), widget=_area(), required=False, max_length=5000)
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, themas: list[Thema], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themas = {str(t.uuid): t for t in themas}
        thema = self.fields["thema"]
        assert isinstance(thema, forms.ChoiceField)
        thema.choices = [("", _("Geen thema (de agenda als geheel)"))] + [(str(t.uuid), str(t)) for t in themas]

    def gekozen_thema(self) -> Thema | None:
        return self.themas.get(self.cleaned_data.get("thema") or "")
