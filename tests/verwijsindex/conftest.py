"""Helpers for the verwijsindex tests: demo professionals as actors, valid BSNs, a register call."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache

from jeugdketen.core.bsn import fictitious_bsn
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.verwijsindex.services import Identificatie, Registratie, melding_registreren
from tests.conftest import actor

RNG = random.Random(7)


def new_bsn() -> str:
    return fictitious_bsn(RNG)


def register(username: str, bsn: str, geboortedatum: date = date(2012, 5, 1), **extra: Any) -> Registratie:
    return melding_registreren(
        actor=actor(username),
        identificatie=Identificatie(geboortedatum=geboortedatum, bsn=bsn, **extra),
        melder=Gebruiker.objects.get(username=username),
    )


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()
