"""`get_<field>_display` that reads a choice's label from a dict built once per field.

Django's own builds `dict(make_hashable(field.flatchoices))` on every call, and hashing a lazy
label translates it: a field with 24 choices costs 24 translations for one label. On the
jeugdhulp list (25 rows, two labels a row) that was 3.5 ms of a 26 ms page (issue 16). The dict
here keeps the labels lazy, so each call still gives the label in the request's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    labels = _LABELS.get(field)
    if labels is None:
        labels = _LABELS[field] = {make_hashable(waarde): label for waarde, label in field.flatchoices}
    return labels


def display(instance: models.Model, *, field: models.Field[Any, Any]) -> Any:
    """What Django's `Model._get_FIELD_display` returns: the label, or the value if it has none."""
    value = getattr(instance, field.attname)
    return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)


def install(modellen: Iterable[type[models.Model]] | None = None) -> int:
    """Give every choice field of our models (or of `modellen`) the display above, at app start-up
    when all models are loaded. A model's own `get_<field>_display` is left alone, and so are
    choices computed at run time (a callable). Returns how many were set."""
    if modellen is None:
        modellen = (m for m in apps.get_models() if m.__module__.startswith("jeugdketen."))
    n = 0
    for model in modellen:
        for field in model._meta.concrete_fields:
            if not field.choices or isinstance(field.choices, CallableChoiceIterator):
                continue
            naam = f"get_{field.name}_display"
            if isinstance(model.__dict__.get(naam), partialmethod):  # Django's default, set per class
                setattr(model, naam, partialmethod(display, field=field))
                n += 1
    return n
