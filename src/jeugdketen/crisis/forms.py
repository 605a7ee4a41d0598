"""Forms are thin: they parse input; the services check the rules and give the messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import AREA, DATE, SELECT, TEXT
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.lengtes import LengteFormulier
from jeugdketen.gezinnen.models import Gezin, MandaatGrondslag
from jeugdketen.organisaties.models import Gemeente, Organisatie, OrganisatieSoort

from .models import Aanpak, Gevaar, Kanaal, MelderRelatie, MelderSoort, MomentSoort, Terugblikthema
from .services import EIGEN_DIENST

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "utrecht-textbox"}, format="%Y-%m-%dT%H:%M")
NUMBER = {"class": "utrecht-textbox", "inputmode": "numeric"}
# Free text in a textarea: room for a full account, but a 1 MB paste gets a Dutch message at the field.
TEKST_MAX = 5000


def nu_op_de_minuut() -> Any:
    return timezone.localtime().replace(second=0, microsecond=0)


class MeldingForm(LengteFormulier):
    ontvangen_op = forms.DateTimeField(
        validators=[Aannemelijk(Doel.RECENT)], label=_("Melding ontvangen op"), widget=DATETIME, required=False
    )
    kanaal = forms.ChoiceField(
        label=_("Hoe kwam de melding binnen"), choices=Kanaal.choices, widget=forms.Select(attrs=SELECT)
    )
    melder_soort = forms.ChoiceField(
        label=_("Wie meldt"), choices=MelderSoort.choices, widget=forms.RadioSelect, initial=MelderSoort.PROFESSIONAL
    )
    melder_naam = forms.CharField(
        label=_("Naam van de melder"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    melder_organisatie = forms.ModelChoiceField(
        label=_("Organisatie (als een professional meldt)"),
        queryset=Organisatie.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    melder_relatie = forms.ChoiceField(
        label=_("Relatie met de jongere (als een burger meldt)"),
        choices=[("", "—"), *MelderRelatie.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    melder_telefoon = forms.CharField(
        label=_("Telefoon van de melder"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "type": "tel"}),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente waar de crisis is"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    plaats = forms.CharField(
        label=_("Waar (adres of plek)"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    wat_speelt = forms.CharField(
        label=_("Wat speelt er"), widget=forms.Textarea(attrs=AREA), max_length=TEKST_MAX, required=False
    )
    gevaar = forms.ChoiceField(
        label=_("Eerste inschatting van gevaar"), choices=Gevaar.choices, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args: Any, regio_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["melder_organisatie"].queryset = Organisatie.objects.filter(regio_id=regio_id).order_by("naam")  # type: ignore[attr-defined]
        self.fields["gemeente"].queryset = Gemeente.objects.filter(regio_id=regio_id).order_by("naam")  # type: ignore[attr-defined]
        self.fields["ontvangen_op"].initial = nu_op_de_minuut


class JeugdigeForm(LengteFormulier):
    voornaam = forms.CharField(label=_("Voornaam"), max_length=80, required=False, widget=forms.TextInput(attrs=TEXT))
    achternaam = forms.CharField(
        label=_("Achternaam"), max_length=120, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    leeftijd = forms.IntegerField(
        label=_("Leeftijd (schatting mag)"),
        required=False,
        min_value=0,
        max_value=22,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    geboortedatum = forms.DateField(
        validators=[Aannemelijk(Doel.GEBOORTEDATUM)], label=_("Geboortedatum (als bekend)"), required=False, widget=DATE
    )
    bsn = forms.CharField(
        label=_("BSN (als bekend)"), max_length=12, required=False, widget=forms.TextInput(attrs=NUMBER)
    )


class TriageForm(LengteFormulier):
    tijdstip = forms.DateTimeField(
        validators=[Aannemelijk(Doel.RECENT)], label=_("Triage op"), widget=DATETIME, required=False
    )
    aanpak = forms.ChoiceField(
        label=_("Besluit: welke aanpak"), choices=Aanpak.choices, widget=forms.RadioSelect, required=False
    )
    deelnemers = forms.CharField(
        label=_("Wie deden mee"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Namen en vakgebied, bijvoorbeeld: Esther (crisisdienst), Mark (GGZ)."),
    )
    ggz = forms.BooleanField(label=_("GGZ-deskundigheid was erbij"), required=False)
    lvb = forms.BooleanField(label=_("LVB-deskundigheid was erbij"), required=False)
    ter_plaatse_nodig = forms.BooleanField(label=_("Beoordeling ter plaatse is nodig"), required=False)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=AREA), max_length=TEKST_MAX
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tijdstip"].initial = nu_op_de_minuut


class MomentForm(LengteFormulier):
    soort = forms.ChoiceField(
        label=_("Wat is er gebeurd"),
        choices=[("", "—")] + [c for c in MomentSoort.choices if c[0] not in EIGEN_DIENST],
        widget=forms.Select(attrs=SELECT),
        required=False,
    )
    tijdstip = forms.DateTimeField(
        validators=[Aannemelijk(Doel.RECENT)], label=_("Wanneer"), widget=DATETIME, required=False
    )
    plek = forms.CharField(
        label=_("Plek (bij crisisverblijf)"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    plek_ref = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    corrigeer = forms.BooleanField(label=_("Dit is een correctie van een moment dat al is vastgelegd"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tijdstip"].initial = nu_op_de_minuut


class GezinKoppelenForm(LengteFormulier):
    gezin = forms.ModelChoiceField(label=_("Gezin"), queryset=Gezin.objects.none(), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, gezinnen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gezin"].queryset = gezinnen  # type: ignore[attr-defined]


class DeelnameForm(LengteFormulier):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    grondslag = forms.ChoiceField(
        label=_("Wettelijke grondslag"), choices=MandaatGrondslag.choices, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, regio_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(  # type: ignore[attr-defined]
            regio_id=regio_id, soort__in=[OrganisatieSoort.GI, OrganisatieSoort.VEILIG_THUIS]
        ).order_by("naam")


class OverdrachtForm(LengteFormulier):
    besluit = forms.CharField(
        label=_("Wat is er besloten"),
        widget=forms.Textarea(attrs=AREA),
        max_length=TEKST_MAX,
        required=False,
        help_text=_("Het gezin leest dit. Schrijf in gewone woorden."),
    )
    volgende_stap = forms.CharField(
        label=_("Wat is de volgende stap"), widget=forms.Textarea(attrs=AREA), max_length=TEKST_MAX, required=False
    )
    contact_naam = forms.CharField(
        label=_("Wie kan het gezin bellen"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    contact_telefoon = forms.CharField(
        label=_("Telefoonnummer"), max_length=32, required=False, widget=forms.TextInput(attrs={**TEXT, "type": "tel"})
    )
    veiligheidsplan = forms.CharField(
        label=_("Veiligheidsplan"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
        max_length=TEKST_MAX,
        help_text=_("Wat doet het gezin als het weer misgaat, en wie helpt dan?"),
    )
    toestemming_gezin = forms.BooleanField(
        label=_("Het gezin geeft toestemming om de afspraken en het veiligheidsplan in het gezinsplan te zetten"),
        required=False,
    )
    toestemming_door = forms.CharField(
        label=_("Wie in het gezin gaf toestemming"), max_length=160, required=False, widget=forms.TextInput(attrs=TEXT)
    )


class AfspraakForm(LengteFormulier):
    wat = forms.CharField(label=_("Afspraak"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT))
    wie = forms.CharField(label=_("Wie doet het"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT))
    uiterlijk = forms.DateField(
        validators=[Aannemelijk(Doel.GEPLAND)], label=_("Uiterlijk"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, wie_opties: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if wie_opties:
            self.fields["wie"] = forms.ChoiceField(
                label=_("Wie doet het"),
                choices=[("", "—"), *wie_opties],
                required=False,
                widget=forms.Select(attrs=SELECT),
            )


class SluitenForm(LengteFormulier):
    tijdstip = forms.DateTimeField(
        validators=[Aannemelijk(Doel.RECENT)], label=_("Gesloten op"), widget=DATETIME, required=False
    )
    geen_vervolghulp = forms.BooleanField(label=_("Er is geen vervolghulp nodig"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tijdstip"].initial = nu_op_de_minuut


class TerugblikForm(LengteFormulier):
    wat_ging_vooraf = forms.CharField(
        label=_("Wat ging aan de crisis vooraf"),
        widget=forms.Textarea(attrs=AREA),
        max_length=TEKST_MAX,
        required=False,
    )
    wat_had_eerder_gekund = forms.CharField(
        label=_("Wat had eerder kunnen gebeuren"),
        widget=forms.Textarea(attrs=AREA),
        max_length=TEKST_MAX,
        required=False,
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Terugblikthema.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themas"].queryset = Terugblikthema.objects.filter(actief=True).order_by("volgorde", "naam")  # type: ignore[attr-defined]
