from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.forms import AREA

from . import regels

SCHAAL = [(str(n), str(n)) for n in range(regels.SCORE_MIN, regels.SCORE_MAX + 1)]


class ErvaringForm(forms.Form):
    """Six radio groups (1–5, each may be left open) and an optional remark."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for veld, label in regels.KERNWAARDEN:
            self.fields[veld] = forms.TypedChoiceField(
                label=label,
                choices=SCHAAL,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        self.fields["opmerking"] = forms.CharField(
            label=_("Wilt u nog iets zeggen? (mag leeg blijven)"),
            required=False,
            max_length=regels.MAX_OPMERKING,
            widget=forms.Textarea(attrs={**AREA, "rows": 3}),
            help_text=_(
                "Hoogstens 1000 tekens. Schrijf geen namen op. Beleidsmedewerkers lezen opmerkingen alleen samen "
                "met die van veel andere gezinnen."
            ),
        )

    def scores(self) -> dict[str, int | None]:
        return {v: self.cleaned_data.get(v) for v in regels.VELDEN}


class CodeForm(forms.Form):
    """The personal code of a family member without an account, as printed (groups of four)."""

    code = forms.CharField(
        label=_("Uw persoonlijke code"),
        max_length=40,
        help_text=_("De code van 16 tekens op de brief van uw hulpverlener, bijvoorbeeld ABCD-EFGH-JKMN-PQRS."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
