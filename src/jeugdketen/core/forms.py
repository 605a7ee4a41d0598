"""What every app's forms share: the NL Design System classes of the inputs, and putting a
service's ValidationError on the right fields.

Forms are thin (ARCHITECTURE.md): they parse input; the services check the rules and raise a
ValidationError with Dutch messages, keyed by field name (or `__all__`). A view catches it and
calls `apply_errors(form, exc)` — or, for the usual shape of a form view (valid POST → service →
errors on the form, or a success message and a redirect), `submit(...)` does all of it. The
templates show it with `core/_form_fields.html` (the form's
own errors, then each field through `core/_form_field.html`). A button without a form on the page
(start, share, remove) shows the refusal as one error message instead: `flash_errors(request, exc)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest

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


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show a service's ValidationError as one error message on the next page (for an action
    without a form to put it on, e.g. a button that redirects back)."""
    flash.error(request, " ".join(str(m) for m in error.messages))


T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What the service returned for a form that was saved (the view redirects with it)."""

    value: T


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str],
    also_valid: tuple[forms.BaseForm, ...] = (),
    prefix_map: Mapping[str, forms.BaseForm] | None = None,
) -> Saved[T] | None:
    """The one shape of a form view. On a POST whose form (and `also_valid` sub-forms) is valid,
    run the service with the cleaned data: it saved → the success message is flashed and its result
    returned (`Saved`); the view redirects. The service refused with a ValidationError → its
    messages are on the form's fields (`apply_errors`) and None is returned, as for a GET or an
    invalid form: the view renders the form again, with everything the user typed.

        if (saved := submit(request, form, lambda d: services.x_opslaan(by=actor, **d),
                            success=_("Opgeslagen."))):
            return redirect("app:x", uuid=saved.value.uuid)
        return render(request, "app/x.html", {"form": form})
    """
    if request.method != "POST" or not form.is_bound:
        return None
    if not all([form.is_valid(), *(sub.is_valid() for sub in also_valid)]):
        return None
    try:
        result = run(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc, prefix_map=prefix_map)
        return None
    flash.success(request, success(result) if callable(success) else success)
    return Saved(result)
