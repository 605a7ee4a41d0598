"""What every app's forms share: the NL Design System classes of the inputs, and putting a
service's ValidationError on the right fields.

Forms are thin (ARCHITECTURE.md): they parse input; the services check the rules and raise a
ValidationError with Dutch messages, keyed by field name (or `__all__`). A view catches it and
calls `apply_errors(form, exc)` — or, for the usual shape of a form view (valid POST → service →
errors on the form, or a success message and a redirect), `submit(...)` does all of it. The
templates show it with `core/_form_fields.html` (the form's
own errors, then each field through `core/_form_field.html`). A button without a form on the page
(start, share, remove) shows the refusal as one error message instead: `flash_errors(request, exc)`.

A form post has three outcomes, and `submit` gives each its one shape:

* saved: `Saved(value)`, the success message is flashed (`Info(...)` for news that is not a plain
  "done", e.g. a consent that still waits for the other parent); the view redirects — or, with
  `success=None`, renders the result on the same page (an import's row report);
* refused: the service raised a ValidationError; None, the messages are on the form's fields;
* conflict: the service raised `Verouderd` — what the form was based on changed in between
  (someone else saved a newer version; the invitation was answered already) — so nothing was
  saved. `submit` returns `Conflict(form, nieuwste)`: the same form with everything the user
  typed, its hidden version field (`versie_veld`) now set to the version saved in between (so the
  next submit is based on it), and `nieuwste`, what is stored now, for the page to show beside the
  form. The exception's `bericht` is flashed as an error (empty: the page says it itself). The
  view renders the form again with `status=Conflict.status` (409). A `Conflict` is falsy, so
  `if saved := submit(...)` still only enters on a save. A page that sees the newer state before
  submitting (the invitation was answered already) gives the same outcome with
  `conflict(request, form, AppVerouderd(...))`.

A service that sees a stale version raises its own subclass of `Verouderd` (gezinsplan's and the
agenda's `VerouderdeVersie`, ervaring's `AlBeantwoord`): callers outside the form layer (the API's
412, the crisis flow) keep catching the app's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Literal, TypeVar

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest, QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = forms.DateInput(attrs={"type": "date", **TEXT}, format="%Y-%m-%d")


def apply_errors(
    form: forms.BaseForm, error: ValidationError, *, prefix_map: Mapping[str, forms.BaseForm] | None = None
) -> None:
    """Put a service's ValidationError on the fields it names; everything else (a message without
    a field, `__all__`, a name the form does not have) becomes an error of the form as a whole.

    `prefix_map` routes keys to sub-forms: {"leden-0-": lid_form} puts "leden-0-bsn" on
    lid_form's "bsn". The form keeps everything the user typed."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        target: forms.BaseForm = form
        field: str | None = key
        for prefix, sub in (prefix_map or {}).items():
            if key.startswith(prefix):
                target, field = sub, key[len(prefix) :]
                break
        if field == NON_FIELD_ERRORS or field not in target.fields:
            field = None
        for message in messages:
            target.add_error(field, message)


MAX_UPLOAD = 1024 * 1024


def upload_bytes(upload: Any, *, max_bytes: int = MAX_UPLOAD, veld: str = "bestand") -> bytes:
    """The content of an uploaded file for an import service, or the Dutch refusal on its field
    when it is larger than an import takes (for `submit`: it becomes the field's error)."""
    if upload.size > max_bytes:
        raise ValidationError({veld: _("Het bestand is te groot (hoogstens 1 MB).")})
    return bytes(upload.read())


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show a service's ValidationError as one error message on the next page (for an action
    without a form to put it on, e.g. a button that redirects back)."""
    flash.error(request, " ".join(str(m) for m in error.messages))


T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What the service returned for a form that was saved (the view redirects with it)."""

    value: T

    def __bool__(self) -> Literal[True]:
        return True


STALE_MESSAGE = gettext_lazy(
    "Iemand anders heeft dit intussen gewijzigd. Hieronder staat wat nu is opgeslagen. "
    "Kijk uw wijziging na en sla opnieuw op."
)


class Verouderd(Exception):
    """Raised by a service: what the form was based on changed in between, nothing was saved.

    `nieuwste` is what is stored now (a row, a plan version; the page shows it), `versie` its
    version number for the form's hidden version field (None when the form has none), `bericht`
    the error message to flash (empty when the page shows the conflict itself). Apps subclass it
    with their own name (see the module docstring)."""

    bericht: StrOrPromise = STALE_MESSAGE

    def __init__(
        self, nieuwste: object = None, *, versie: int | None = None, bericht: StrOrPromise | None = None
    ) -> None:
        super().__init__("stale: changed in between")
        self.nieuwste = nieuwste
        self.versie = versie
        if bericht is not None:
            self.bericht = bericht


@dataclass(frozen=True)
class Conflict:
    """A submit that met a newer state (`Verouderd`): the form to render again, based on it now,
    and what is stored now. Falsy, so `if saved := submit(...)` enters only on a save."""

    form: forms.BaseForm
    nieuwste: Any
    status: ClassVar[int] = 409

    def __bool__(self) -> Literal[False]:
        return False


@dataclass(frozen=True)
class Info:
    """A success message that is news rather than "done" (flashed as information)."""

    text: StrOrPromise


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], T],
    *,
    success: StrOrPromise | Info | Callable[[T], StrOrPromise | Info] | None,
    also_valid: tuple[forms.BaseForm | forms.BaseFormSet[Any], ...] = (),
    prefix_map: Mapping[str, forms.BaseForm] | Callable[[], Mapping[str, forms.BaseForm]] | None = None,
    versie_veld: str = "versie",
) -> Saved[T] | Conflict | None:
    """The one shape of a form view. On a POST whose form (and `also_valid` sub-forms) is valid,
    run the service with the cleaned data: it saved → the success message is flashed and its result
    returned (`Saved`); the view redirects. The service refused with a ValidationError → its
    messages are on the form's fields (`apply_errors`) and None is returned, as for a GET or an
    invalid form: the view renders the form again, with everything the user typed. The service met
    a newer state (`Verouderd`) → `Conflict` (module docstring); the view renders the form again
    with `conflict.form`, `conflict.nieuwste` and `status=conflict.status`.

        if (saved := submit(request, form, lambda d: services.x_opslaan(by=actor, **d),
                            success=_("Opgeslagen."))):
            return redirect("app:x", uuid=saved.value.uuid)
        return render(request, "app/x.html", {"form": form})

    `prefix_map` (see `apply_errors`) may be a callable when it depends on the cleaned sub-forms.
    `success=None`: no message, the page shows the result itself (an import's row report) and
    renders `saved.value` instead of redirecting.
    """
    if request.method != "POST" or not form.is_bound:
        return None
    if not all([form.is_valid(), *(sub.is_valid() for sub in also_valid)]):
        return None
    try:
        result = run(form.cleaned_data)
    except Verouderd as exc:
        return conflict(request, form, exc, versie_veld=versie_veld)
    except ValidationError as exc:
        apply_errors(form, exc, prefix_map=prefix_map() if callable(prefix_map) else prefix_map)
        return None
    message = success(result) if callable(success) else success
    if isinstance(message, Info):
        flash.info(request, message.text)
    elif message is not None:
        flash.success(request, message)
    return Saved(result)


def conflict(request: HttpRequest, form: forms.BaseForm, exc: Verouderd, *, versie_veld: str = "versie") -> Conflict:
    """The conflict outcome of `submit` (its message flashed, the form based on the newest
    version) — also for a page that sees the newer state before it submits (an invitation
    already answered: the second answer is not even read)."""
    if exc.bericht:
        flash.error(request, exc.bericht)
    if exc.versie is not None and versie_veld in form.fields:
        # Everything typed stays; only the version it is based on moves to the one saved in
        # between, so the next submit (after reading the newer text) can save.
        data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
        data[form.add_prefix(versie_veld)] = str(exc.versie)
        form.data = data
    return Conflict(form=form, nieuwste=exc.nieuwste)


# --- Widgets drawn in Python ---------------------------------------------------------------------
# Django draws every widget through templates, and a choice list through two or three template
# includes per option: the country's 342 municipalities in a <select> took about 25 ms, a list of
# twelve checkboxes 2 ms, a plain text input 0.15 ms (issue 16). The functions below give the
# markup of Django's own widget templates, byte for byte (tests/core/test_weergave.py compares
# them for every kind), for the templates they know; any other template is still Django's.

_WIDGETS = "django/forms/widgets/"
SELECT_TEMPLATE = _WIDGETS + "select.html"
TEXTAREA_TEMPLATE = _WIDGETS + "textarea.html"
# The templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"{_WIDGETS}{naam}.html"
    for naam in (
        *("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time"),
        *("checkbox", "file", "search", "tel", "color"),
    )
)
MULTIPLE_INPUT_TEMPLATES = frozenset(f"{_WIDGETS}{n}.html" for n in ("multiple_input", "checkbox_select", "radio"))
OPTION_TEMPLATES = frozenset(f"{_WIDGETS}{n}.html" for n in ("input_option", "checkbox_option", "radio_option"))


def _html_attrs(attrs: Mapping[str, Any]) -> SafeString:
    """`attrs.html` in Python: True is a bare attribute, False none."""
    return mark_safe(  # noqa: S308 - every part is format_html's (escaped) output
        "".join(
            format_html(" {}", naam) if waarde is True else format_html(' {}="{}"', naam, waarde)
            for naam, waarde in attrs.items()
            if waarde is not False
        )
    )


def _als(waarde: Any, opmaak: str) -> SafeString | str:
    """`{% if waarde %}opmaak{% endif %}`, the value escaped into `opmaak`."""
    return format_html(opmaak, waarde) if waarde else ""


def render_select(widget: Mapping[str, Any]) -> SafeString:
    """`select.html` with `select_option.html` (an included template keeps its closing newline)."""
    delen: list[str] = [format_html('<select name="{}"{}>', widget["name"], _html_attrs(widget["attrs"]))]
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(format_html('\n  <optgroup label="{}">', groep))
        delen.extend(
            format_html(
                '\n  <option value="{}"{}>{}</option>\n', optie["value"], _html_attrs(optie["attrs"]), optie["label"]
            )
            for optie in opties
        )
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return mark_safe("".join(delen))  # noqa: S308 - format_html's output and fixed markup


def render_input(widget: Mapping[str, Any]) -> SafeString:
    """`input.html`: the value is left out only when it is None."""
    waarde = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], waarde, _html_attrs(widget["attrs"])
    )


def _render_option(optie: Mapping[str, Any]) -> SafeString:
    """`input_option.html` (through `checkbox_option.html` or `radio_option.html`, each one more
    closing newline): the input, inside its label when the widget wraps them."""
    html = format_html("{}\n", render_input(optie))
    if optie["wrap_label"]:
        html = format_html("<label{}>{} {}</label>", _als(optie["attrs"].get("id"), ' for="{}"'), html, optie["label"])
    return format_html("{}\n\n" if optie["template_name"] != f"{_WIDGETS}input_option.html" else "{}\n", html)


def render_multiple_input(widget: Mapping[str, Any]) -> SafeString | None:
    """`multiple_input.html` (checkboxes, radio buttons); None when an option has a template of its own."""
    attrs = widget["attrs"]
    delen: list[str] = [
        format_html("<div{}{}>", _als(attrs.get("id"), ' id="{}"'), _als(attrs.get("class"), ' class="{}"'))
    ]
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(format_html("\n  <div><label>{}</label>", groep))
        for optie in opties:
            if optie["template_name"] not in OPTION_TEMPLATES:
                return None
            delen.append(format_html("<div>\n    {}</div>", _render_option(optie)))
        if groep:
            delen.append("\n  </div>")
    delen.append("\n</div>")
    return mark_safe("".join(delen))  # noqa: S308 - format_html's output and fixed markup


def render_textarea(widget: Mapping[str, Any]) -> SafeString:
    """`textarea.html`."""
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>', widget["name"], _html_attrs(widget["attrs"]), widget["value"] or ""
    )


_IN_PYTHON: dict[str, Callable[[Mapping[str, Any]], SafeString | None]] = {
    SELECT_TEMPLATE: render_select,
    TEXTAREA_TEMPLATE: render_textarea,
    **dict.fromkeys(INPUT_TEMPLATES, render_input),
    **dict.fromkeys(MULTIPLE_INPUT_TEMPLATES, render_multiple_input),
}


class Weergave(DjangoTemplates):
    """The form renderer (settings.FORM_RENDERER): Django's, with the widgets above drawn in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        teken = _IN_PYTHON.get(template_name)
        if teken is not None and (html := teken(context["widget"])) is not None:
            return html
        return super().render(template_name, context, request)
