"""What every app's forms share (core.forms and the core/_form_*.html partials): a service's
ValidationError lands on the field it names or on the form as a whole, never as a server error;
the whole-form partial shows the form's own errors, labelled fields and the hidden fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from jeugdketen.core.forms import DATE, SELECT, TEXT, Saved, apply_errors, flash_errors, submit


class LidForm(forms.Form):
    naam = forms.CharField(label="Naam", widget=forms.TextInput(attrs=TEXT))
    soort = forms.ChoiceField(label="Soort", choices=[("a", "A")], widget=forms.Select(attrs=SELECT))
    geboren = forms.DateField(label="Geboren", required=False, widget=DATE)
    sleutel = forms.CharField(required=False, widget=forms.HiddenInput)


def _form(**data: Any) -> LidForm:
    form = LidForm(data={"naam": "Kim", "soort": "a", **data})
    assert form.is_valid()
    return form


def test_errors_go_to_the_field_they_name_or_to_the_form() -> None:
    form = _form()
    apply_errors(
        form,
        ValidationError({"naam": ["Vul een naam in."], "__all__": ["Dit gezin bestaat al."], "bsn": ["Onbekend."]}),
    )
    assert form.errors["naam"] == ["Vul een naam in."]
    assert form.non_field_errors() == ["Dit gezin bestaat al.", "Onbekend."]  # a field the form lacks
    assert form.data["naam"] == "Kim"  # what was typed stays


def test_an_error_without_fields_is_an_error_of_the_form() -> None:
    form = _form()
    apply_errors(form, ValidationError(["Eerste.", "Tweede."]))
    assert form.non_field_errors() == ["Eerste.", "Tweede."]
    form = _form()
    apply_errors(form, ValidationError("Eén zin."))
    assert form.non_field_errors() == ["Eén zin."]


def test_prefixed_keys_go_to_their_sub_form() -> None:
    main, lid0, lid1 = _form(), _form(), _form()
    apply_errors(
        main,
        ValidationError({"leden-1-naam": ["Te lang."], "leden-0-x": ["Weg."]}),
        prefix_map={
            "leden-0-": lid0,
            "leden-1-": lid1,
        },
    )
    assert lid1.errors["naam"] == ["Te lang."] and lid0.non_field_errors() == ["Weg."] and not main.errors


def test_flash_errors_gives_one_message() -> None:
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[attr-defined]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    flash_errors(request, ValidationError({"__all__": ["Dit mag niet."], "x": ["Kies iets."]}))
    assert [str(m) for m in get_messages(request)] == ["Dit mag niet. Kies iets."]


def test_the_whole_form_partial_shows_errors_labelled_fields_and_hidden_fields() -> None:
    form = LidForm(data={"naam": "", "soort": "a", "sleutel": "abc"})
    form.is_valid()
    form.add_error(None, "Er ging iets mis.")
    html = render_to_string("core/_form_fields.html", {"form": form})
    assert html.count('role="alert"') == 1 and "Er ging iets mis." in html
    assert '<label class="utrecht-form-label" for="id_naam">Naam</label>' in html
    assert 'id="id_naam_error"' in html  # the field's own error, linked by aria-describedby
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html and 'type="date"' in html
    assert '<input type="hidden" name="sleutel" value="abc" id="id_sleutel">' in html
    assert 'for="id_sleutel"' not in html  # a hidden field gets no label


def _posted(data: dict[str, str] | None) -> Any:
    request = RequestFactory().post("/", data or {}) if data is not None else RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_submit_runs_the_service_only_for_a_valid_post_and_flashes_its_success() -> None:
    calls: list[dict[str, Any]] = []

    def opslaan(data: dict[str, Any]) -> str:
        calls.append(data)
        return "het-nieuwe-ding"

    get = _posted(None)
    assert submit(get, LidForm(), opslaan, success="Opgeslagen.") is None
    invalid = _posted({"naam": ""})
    assert submit(invalid, LidForm(invalid.POST), opslaan, success="Opgeslagen.") is None
    assert calls == []
    request = _posted({"naam": "Kim", "soort": "a"})
    saved = submit(request, LidForm(request.POST), opslaan, success=lambda r: f"Opgeslagen: {r}.")
    assert saved == Saved("het-nieuwe-ding") and calls[0]["naam"] == "Kim"
    assert [str(m) for m in get_messages(request)] == ["Opgeslagen: het-nieuwe-ding."]


def test_submit_puts_the_services_refusal_on_the_form_and_keeps_what_was_typed() -> None:
    def weigeren(data: dict[str, Any]) -> None:
        raise ValidationError({"naam": ["Deze naam bestaat al."]})

    request = _posted({"naam": "Kim", "soort": "a"})
    form = LidForm(request.POST)
    assert submit(request, form, weigeren, success="Opgeslagen.") is None
    assert form.errors["naam"] == ["Deze naam bestaat al."] and form["naam"].value() == "Kim"
    assert list(get_messages(request)) == []


def test_submit_waits_for_every_sub_form() -> None:
    request = _posted({"naam": "Kim", "soort": "a"})
    sub = LidForm({"naam": ""})
    assert submit(request, LidForm(request.POST), lambda d: 1, success="x", also_valid=(sub,)) is None
