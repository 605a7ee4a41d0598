"""Reference lists come back after a flush (as every transactional test ends with one), and a
list the region has changed is never overwritten."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

LISTS = ["gezinsplan.Jargonterm", "toekomstplan.Onderwerp", "toekomstplan.Onderdeel"]


@pytest.mark.django_db(transaction=True)
def test_lists_are_seeded_again_after_a_flush() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for label in LISTS:
        assert apps.get_model(label).objects.exists(), label


@pytest.mark.django_db
def test_a_changed_list_is_left_alone() -> None:
    from jeugdketen.core.referentie import seed_empty_lists

    Jargonterm = apps.get_model("gezinsplan.Jargonterm")
    Jargonterm.objects.exclude(pk=Jargonterm.objects.order_by("pk").first().pk).delete()
    seed_empty_lists(sender=None)
    assert Jargonterm.objects.count() == 1
