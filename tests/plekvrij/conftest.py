"""Fixtures for plekvrij tests: the demo region with its own places switched off, so a test sees
only the places it makes."""

from __future__ import annotations

from typing import Any

import pytest

from jeugdketen.plekvrij.models import Hulpaanbod, Plek, Zoekopdracht


@pytest.fixture
def leeg(region: Any) -> Any:
    """The demo region without its demo places, offers and saved searches."""
    Plek.objects.update(actief=False)
    Hulpaanbod.objects.update(gepubliceerd=False)
    Zoekopdracht.objects.all().delete()
    return region
