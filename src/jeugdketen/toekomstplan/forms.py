"""Forms: parse and give a clear Dutch message; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import AREA, SELECT, TEXT
from jeugdketen.core.lengtes import LengteFormulier
from jeugdketen.gezinnen.models import NetwerkRelatie

from . import selectors
from .models import Eigenaar, Onderwerp, Status

KIES = {"required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden uit de lijst.")}


NIET_IN_LIJST = _("Een van de onderwerpen staat niet meer in de lijst. Kies opnieuw.")


class _TopicsField(forms.ModelMultipleChoiceField[Onderwerp]):
    """Any unknown or malformed topic id gets one plain message (never the raw input echoed)."""

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(NIET_IN_LIJST, code="invalid_choice") from None


class OnderwerpenForm(LengteFormulier):
    onderwerpen = _TopicsField(
        queryset=selectors.active_topics(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Waar wil je mee aan de slag?"),
        error_messages={
            "invalid_choice": _("Een van de onderwerpen staat niet meer in de lijst. Kies opnieuw."),
            "invalid_pk_value": _("Een van de onderwerpen staat niet meer in de lijst. Kies opnieuw."),
            "invalid_list": _("Kies een of meer onderwerpen uit de lijst."),
        },
    )


class OnderdeelForm(LengteFormulier):
    status = forms.ChoiceField(
        choices=Status.choices, widget=forms.RadioSelect, label=_("Hoe staat het ervoor?"), error_messages=KIES
    )
    eigenaar = forms.ChoiceField(
        choices=[("", _("Nog niemand"))] + list(Eigenaar.choices),
        required=False,
        label=_("Wie regelt het?"),
        error_messages=KIES,
    )
    notitie = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs=AREA),
        label=_("Notitie (mag leeg blijven)"),
        error_messages={"max_length": _("De notitie is te lang. Gebruik maximaal 300 tekens.")},
    )

    def __init__(self, *args: Any, voor_18: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if voor_18:
            status: Any = self.fields["status"]
            status.choices = [c for c in Status.choices if c[0] != Status.NIET_NODIG]
        for name in ("eigenaar",):
            self.fields[name].widget.attrs.update(SELECT)
        self.fields["notitie"].widget.attrs.update(AREA)


class AssistentKiezenForm(LengteFormulier):
    netwerklid = forms.ChoiceField(label=_("Kies je assistent"), error_messages=KIES)

    def __init__(self, *args: Any, kandidaten: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keuze: Any = self.fields["netwerklid"]
        keuze.choices = [(str(n.uuid), n.naam) for n in kandidaten]
        self.fields["netwerklid"].widget.attrs.update(SELECT)


class AssistentUitnodigenForm(LengteFormulier):
    naam = forms.CharField(
        max_length=160, label=_("Naam"), error_messages={"required": _("Vul de naam in van wie je uitnodigt.")}
    )
    relatie = forms.ChoiceField(
        choices=NetwerkRelatie.choices,
        label=_("Wie is het voor jou?"),
        initial=NetwerkRelatie.FAMILIE,
        error_messages=KIES,
    )
    email = forms.EmailField(
        required=False,
        label=_("E-mailadres (mag leeg blijven)"),
        error_messages={"invalid": _("Dit e-mailadres klopt niet. Controleer het, bijvoorbeeld naam@voorbeeld.nl.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naam"].widget.attrs.update({**TEXT, "autocomplete": "name"})
        self.fields["relatie"].widget.attrs.update(SELECT)
        self.fields["email"].widget.attrs.update({**TEXT, "autocomplete": "email"})


class SignaalForm(LengteFormulier):
    lijst = forms.ChoiceField(
        choices=[
            (selectors.ZONDER_PLAN, _("16,5 of ouder, zonder toekomstplan")),
            (selectors.VOOR_18_OPEN, _("Binnen 6 maanden 18, moet-onderdelen open")),
            (selectors.ZORG_NA_18, _("Rond 18, hulp gaat door")),
        ],
        label=_("Lijst"),
        error_messages=KIES,
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), error_messages=KIES)

    def __init__(self, *args: Any, gemeenten: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeente: Any = self.fields["gemeente"]
        gemeente.choices = [(str(g.uuid), g.naam) for g in gemeenten]
        for f in self.fields.values():
            f.widget.attrs.update(SELECT)
