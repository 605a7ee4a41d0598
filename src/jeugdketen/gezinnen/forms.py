"""Forms are thin: they parse input; the services validate the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.forms import DATE, SELECT, TEXT
from jeugdketen.core.kalender import Aannemelijk, Doel, aannemelijk
from jeugdketen.core.lengtes import LengteFormulier
from jeugdketen.organisaties.models import Gemeente, Organisatie

from .models import Gezinslid, LidSoort, MandaatGrondslag, NetwerkRelatie


class GezinForm(LengteFormulier):
    naam = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=120,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Bijvoorbeeld: Gezin Janssen."),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Verantwoordelijke gemeente"),
        queryset=Gemeente.objects.none(),
        widget=forms.Select(attrs=SELECT),
        help_text=_("De gemeente waar de jeugdige woont."),
    )
    doel = forms.CharField(
        label=_("Doel van de toestemming"),
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        initial=_("Samen met het gezin een gezinsplan maken en uitvoeren"),
    )
    einddatum = forms.DateField(
        validators=[Aannemelijk(Doel.LOOPTIJD)], label=_("Toestemming geldt tot en met"), required=False, widget=DATE
    )
    mandaat_grondslag = forms.ChoiceField(
        label=_("Of: wettelijk mandaat (alleen GI of Veilig Thuis)"),
        required=False,
        choices=[("", _("Geen mandaat: het gezin geeft toestemming")), *MandaatGrondslag.choices],
        widget=forms.Select(attrs=SELECT),
    )
    toestemming_gegeven = forms.BooleanField(
        label=_("Het gezin heeft mij toestemming gegeven (of er is een wettelijk mandaat)"), required=True
    )

    def __init__(self, *args: Any, mag_mandaat: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeente = self.fields["gemeente"]
        assert isinstance(gemeente, forms.ModelChoiceField)
        gemeente.queryset = Gemeente.objects.order_by("naam")
        if not mag_mandaat:
            del self.fields["mandaat_grondslag"]


class LidForm(LengteFormulier):
    soort = forms.ChoiceField(label=_("Wie"), choices=LidSoort.choices, widget=forms.Select(attrs=SELECT))
    voornaam = forms.CharField(label=_("Voornaam"), max_length=80, required=False, widget=forms.TextInput(attrs=TEXT))
    achternaam = forms.CharField(
        label=_("Achternaam"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Verplicht voor een jeugdige. 9 cijfers."),
    )
    geboortedatum = forms.DateField(
        validators=[Aannemelijk(Doel.GEBOORTEDATUM)], label=_("Geboortedatum"), required=False, widget=DATE
    )
    gezag = forms.BooleanField(label=_("Heeft gezag (ouder of verzorger)"), required=False)
    # Hidden until the service offers someone already known with this BSN (services.validate_members);
    # then a checkbox next to the message that names them.
    bestaande = forms.BooleanField(
        label=_("Ja, voeg deze persoon toe (met de gegevens die al in Jeugdketen staan)"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and str(self.data.get(self.add_prefix("bestaande"), "")).lower() in ("on", "true", "1"):
            self._bied_aan()

    def _bied_aan(self) -> None:
        self.fields["bestaande"].widget = forms.CheckboxInput()

    def add_error(self, field: str | None, error: Any) -> None:
        if field == "bestaande":
            self._bied_aan()
        super().add_error(field, error)

    def clean_bsn(self) -> str:
        bsn: str = self.cleaned_data.get("bsn") or ""
        return validate_bsn(bsn) if bsn.strip() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("soort") == LidSoort.JEUGDIGE and data.get("geboortedatum"):
            try:
                aannemelijk(data["geboortedatum"], Doel.GEBOORTEDATUM_JEUGDIGE)
            except ValidationError as exc:
                self.add_error("geboortedatum", exc)
        return data

    def has_input(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(f) for f in ("voornaam", "achternaam", "bsn", "geboortedatum"))


LidFormSet = forms.formset_factory(LidForm, extra=0, min_num=1, max_num=12, absolute_max=12)


class NetwerkForm(LengteFormulier):
    naam = forms.CharField(label=_("Naam"), max_length=160, widget=forms.TextInput(attrs=TEXT))
    relatie = forms.ChoiceField(
        label=_("Wie is dit voor het gezin?"), choices=NetwerkRelatie.choices, widget=forms.Select(attrs=SELECT)
    )
    omschrijving = forms.CharField(
        label=_("Toelichting"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Bijvoorbeeld: oma."),
    )
    ziet_plan = forms.BooleanField(label=_("Mag het gezinsplan zien"), required=False, initial=True)
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        widget=forms.EmailInput(attrs=TEXT),
        help_text=_("Dan krijgt deze persoon een bericht dat er nieuws is. Zonder e-mail geeft u de code zelf door."),
    )


def per_soort(organisaties: Any) -> list[tuple[Any, Any]]:
    """Choices of a select of organisations grouped by kind (<optgroup>), kinds by their names."""
    groepen: dict[str, list[tuple[Any, str]]] = {}
    for org in organisaties:
        groepen.setdefault(str(org.get_soort_display()), []).append((org.pk, org.naam))
    return [("", "---------"), *sorted(groepen.items())]


class ToestemmingForm(LengteFormulier):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        widget=forms.Select(attrs=SELECT),
        help_text=_("Alleen organisaties die meedoen aan hulp voor gezinnen, per soort. Zoek hierboven op naam."),
    )
    medewerker = forms.CharField(
        label=_("Alleen voor deze medewerker (gebruikersnaam, niet verplicht)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs=TEXT),
    )
    doel = forms.CharField(
        label=_("Waarvoor?"),
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Bijvoorbeeld: meedoen aan het gezinsplan."),
    )
    einddatum = forms.DateField(validators=[Aannemelijk(Doel.LOOPTIJD)], label=_("Tot en met"), widget=DATE)
    gegeven_door = forms.ChoiceField(
        label=_("Wie in het gezin geeft de toestemming?"), required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(
        self, *args: Any, leden: list[Gezinslid] | None = None, regio_id: int = 0, zoek: str = "", **kwargs: Any
    ) -> None:
        from .selectors import consent_organisations

        super().__init__(*args, **kwargs)
        organisatie, gegeven_door = self.fields["organisatie"], self.fields["gegeven_door"]
        assert isinstance(organisatie, forms.ModelChoiceField) and isinstance(gegeven_door, forms.ChoiceField)
        # A name search narrows the list shown; a posted choice is checked against the whole list.
        organisatie.queryset = consent_organisations(regio_id, "" if self.is_bound else zoek)
        organisatie.widget.choices = per_soort(organisatie.queryset)
        if leden is None:
            del self.fields["gegeven_door"]
        else:
            gegeven_door.choices = [(str(lid.uuid), lid.naam) for lid in leden]


class MandaatForm(LengteFormulier):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    grondslag = forms.ChoiceField(
        label=_("Wettelijke grondslag"), choices=MandaatGrondslag.choices, widget=forms.Select(attrs=SELECT)
    )
    doel = forms.CharField(label=_("Doel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    einddatum = forms.DateField(
        validators=[Aannemelijk(Doel.LOOPTIJD)], label=_("Tot en met (niet verplicht)"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import MANDAAT_SOORTEN

        organisatie = self.fields["organisatie"]
        assert isinstance(organisatie, forms.ModelChoiceField)
        organisatie.queryset = Organisatie.objects.filter(soort__in=sorted(MANDAAT_SOORTEN)).order_by("naam")


class UitnodigingForm(LengteFormulier):
    code = forms.CharField(
        label=_("Uw code"), max_length=64, widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"})
    )
    username = forms.CharField(
        label=_("Kies een gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        help_text=_("Minstens 12 tekens."),
        widget=forms.PasswordInput(attrs={**TEXT, "autocomplete": "new-password"}),
    )
