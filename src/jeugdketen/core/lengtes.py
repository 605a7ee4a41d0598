"""Length limits of free text (issue 9 point 2d): one place for the sizes, the database check of a
TextField, and the form's visible "maximaal N tekens".

Every free-text value has a limit in all three layers, so a 1 MB paste never reaches a plan's
version history or its PDF:

* **model** — a CharField has its `max_length` (the column is varchar(N)); a TextField keeps its
  unbounded column but gets `max_length` (for forms and the admin) and a database CHECK on its
  length (`lengte_check`), so no code path (a service, the shell, a data migration) stores more;
* **form** — every `forms.CharField` has `max_length` (Django puts `maxlength` on the input) and a
  form built on `LengteFormulier` shows "Maximaal N tekens." under each free-text field (at least
  `ZICHTBAAR_VANAF` characters: a BSN or a postcode has its own format help instead);
* **API** — every writable serializer CharField has `max_length` (DRF answers 400 with a Dutch message,
  and the OpenAPI schema states `maxLength`).

tests/core/test_lengtes.py walks the models, forms and serializers of the apps that hold free
text and fails on a field without a limit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

REGEL = 300
"""One line of text: a name of a goal, a short explanation."""

TEKST = 5000
"""A text area: a full account of a situation, a decision, a plan part (about two pages)."""

ZICHTBAAR_VANAF = 50
"""Fields with a limit of at least this many characters show it in words."""


def lengte_check(veld: str, n: int) -> models.CheckConstraint:
    """The database CHECK that keeps a TextField at most `n` characters long."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(veld), n),
        name=f"%(app_label)s_%(class)s_{veld}_lengte",
    )


def hulp(help_text: Any, max_length: int) -> Any:
    """The help text of a field with its limit in words after it."""
    limiet = _("Maximaal %(n)s tekens.") % {"n": max_length}
    return format_lazy("{} {}", help_text, limiet) if help_text else limiet


def toon_lengtes(form: forms.BaseForm) -> None:
    """Put "Maximaal N tekens." in the help text of every free-text field of `form`."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not field.widget.is_hidden:
            n = field.max_length
            if n is not None and n >= ZICHTBAAR_VANAF and not isinstance(field.widget, forms.PasswordInput):
                field.help_text = hulp(field.help_text, n)


class LengteFormulier(forms.Form):
    """A form that shows each free-text field's limit (see `toon_lengtes`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        toon_lengtes(self)


def lengte_checks(**velden: int) -> list[models.CheckConstraint]:
    """`lengte_check` for each TextField named, with its limit: `*lengte_checks(tekst=TEKST)`."""
    return [lengte_check(veld, n) for veld, n in velden.items()]
