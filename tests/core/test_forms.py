"""What every app's forms share (core.forms and the core/_form_*.html partials): a service's
ValidationError lands on the field it names or on the form as a whole, never as a server error;
the whole-form partial shows the form's own errors, labelled fields and the hidden fields."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from jeugdketen.core.forms import (
    DATE,
    SELECT,
    STALE_MESSAGE,
    TEXT,
    Conflict,
    Info,
    Saved,
    Verouderd,
    apply_errors,
    conflict,
    flash_errors,
    submit,
    upload_bytes,
)


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


# --- The second outcome: a conflict (core.forms.Verouderd → Conflict) ---------------------------


class VersieForm(LidForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class Rij:
    versie = 7
    naam = "Kim (door een collega)"


def test_a_stale_version_is_the_conflict_outcome_with_the_typed_text_based_on_the_newer_version() -> None:
    nieuwste = Rij()

    def verouderd(data: dict[str, Any]) -> None:
        raise Verouderd(nieuwste, versie=nieuwste.versie)

    request = _posted({"naam": "Mijn tekst", "soort": "a", "versie": "6"})
    form = VersieForm(request.POST)
    uitkomst = submit(request, form, verouderd, success="Opgeslagen.")
    assert isinstance(uitkomst, Conflict) and not uitkomst  # falsy: `if saved := submit(...)` skips it
    assert uitkomst.status == 409 and uitkomst.nieuwste is nieuwste and uitkomst.form is form
    html = render_to_string("core/_form_fields.html", {"form": form})
    assert 'name="versie" value="7"' in html and 'value="Mijn tekst"' in html  # typed text kept, new base
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", str(STALE_MESSAGE))]
    assert not form.errors  # not a refusal of the input: nothing is wrong with what was typed


def test_an_apps_own_conflict_says_its_own_words_or_leaves_them_to_the_page() -> None:
    class AlGedaan(Verouderd):
        bericht = "Dit is al gedaan."

    class ZegtHetZelf(Verouderd):
        bericht = ""

    for exc, messages_shown in ((AlGedaan(), ["Dit is al gedaan."]), (ZegtHetZelf(versie=3), [])):
        request = _posted({"naam": "Kim", "soort": "a"})

        def run(data: dict[str, Any], exc: Verouderd = exc) -> None:
            raise exc

        form = LidForm(request.POST)  # no version field: only the message, the form as typed
        uitkomst = submit(request, form, run, success="Opgeslagen.")
        assert isinstance(uitkomst, Conflict) and uitkomst.form["naam"].value() == "Kim"
        assert [str(m) for m in get_messages(request)] == messages_shown


def test_a_page_that_knows_the_newer_state_first_gives_the_same_conflict() -> None:
    request = _posted({"naam": "Kim", "soort": "a", "versie": "1"})
    form = VersieForm(request.POST)
    uitkomst = conflict(request, form, Verouderd(Rij(), versie=7))
    assert uitkomst.status == 409 and form["versie"].value() == "7"


def test_the_success_message_may_be_information_or_left_to_the_page() -> None:
    request = _posted({"naam": "Kim", "soort": "a"})
    saved = submit(request, LidForm(request.POST), lambda d: "wacht", success=lambda r: Info("Telt pas later."))
    assert saved == Saved("wacht")
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("info", "Telt pas later.")]
    request = _posted({"naam": "Kim", "soort": "a"})
    assert submit(request, LidForm(request.POST), lambda d: 3, success=None) == Saved(3)
    assert list(get_messages(request)) == []  # an import's page shows its row report itself


def test_a_prefix_map_may_be_known_only_after_validation() -> None:
    request = _posted({"naam": "Kim", "soort": "a"})
    sub = LidForm({"naam": "Sem", "soort": "a"})
    gebruikt: list[LidForm] = []

    def run(data: dict[str, Any]) -> None:
        gebruikt.append(sub)
        raise ValidationError({"leden-0-naam": ["Te lang."]})

    main = LidForm(request.POST)
    assert submit(request, main, run, success="x", prefix_map=lambda: {"leden-0-": gebruikt[0]}) is None
    assert sub.errors["naam"] == ["Te lang."] and not main.errors


def test_an_upload_larger_than_an_import_takes_is_the_fields_error() -> None:
    class Upload:
        size = 11

        def read(self) -> bytes:
            return b"a;b\n1;2\n"

    assert upload_bytes(Upload(), max_bytes=11) == b"a;b\n1;2\n"
    with pytest.raises(ValidationError) as exc:
        upload_bytes(Upload(), max_bytes=10)
    assert exc.value.message_dict == {"bestand": ["Het bestand is te groot (hoogstens 1 MB)."]}
