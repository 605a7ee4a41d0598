from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import LengteFormulier


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief. Neem contact op met applicatiebeheer."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        self.fields["username"].widget.attrs.update(
            {"class": "utrecht-textbox utrecht-textbox--html-input", "autocomplete": "username"}
        )
        self.fields["password"].widget.attrs.update(
            {"class": "utrecht-textbox utrecht-textbox--html-input", "autocomplete": "current-password"}
        )


class CodeForm(LengteFormulier):
    code = forms.RegexField(
        max_length=20,
        label=_("Code uit uw app"),
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={"invalid": _("Vul de 6 cijfers in die uw authenticator-app nu laat zien.")},
        widget=forms.TextInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
            }
        ),
    )
