from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jeugdketen.agenda.models import Agenda
from jeugdketen.demo.agenda import PARKSTAD, ZUID_LIMBURG


@pytest.fixture
def parkstad(region: Any) -> Agenda:
    return Agenda.objects.get(regio=region, sleutel=PARKSTAD)


@pytest.fixture
def zuid_limburg(region: Any) -> Agenda:
    return Agenda.objects.get(regio=region, sleutel=ZUID_LIMBURG)


@pytest.fixture
def beleid(client_for: Any) -> Client:
    client: Client = client_for("beleid")
    return client
