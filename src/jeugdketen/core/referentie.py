"""Reference data the region maintains (jargon list, toekomstplan topics, ...): seeded once.

Apps seed their lists in a data migration. Django empties every table when a transactional test
ends (`flush`) and then sends `post_migrate` again; so the same seed function is registered here
and runs on `post_migrate` whenever the list's table is empty. It never touches a list that has
content, so the region's own changes stay.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.apps import AppConfig
from django.apps.registry import Apps
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# A data migration's seed function: (the app registry of that migration state, its schema editor).
Seeder = Callable[[Apps, BaseDatabaseSchemaEditor | None], None]
_SEEDERS: list[tuple[str, Seeder]] = []


def register(model_label: str, seeder: Seeder) -> None:
    """`model_label` ("app.Model") is the table whose emptiness means: seed again."""
    if all(existing is not seeder for _label, existing in _SEEDERS):
        _SEEDERS.append((model_label, seeder))


def from_migration(module: str, function: str = "seed") -> Seeder:
    """The seed function of a data migration (its module name starts with a digit)."""
    seeder: Seeder = getattr(importlib.import_module(module), function)
    return seeder


def seed_empty_lists(sender: AppConfig, *, apps: Apps | None = None, using: str = "default", **kwargs: object) -> None:
    from django.apps import apps as global_apps

    state = apps or global_apps
    for label, seeder in _SEEDERS:
        try:
            model = state.get_model(label)
        except LookupError:  # the app's tables do not exist (yet) in this migration state
            continue
        if not model.objects.using(using).exists():
            seeder(state, None)
