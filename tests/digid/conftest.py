"""Fixtures for the DigiD tests: a family with a plan, members with a BSN, and a DigiD login
through the library's mock identity provider (as the demo and the tests have it)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from tests.gezinnen.helpers import make_family, make_plan

from .factories import valid_bsn

PARENT_BSN = valid_bsn(1)
YOUTH_BSN = valid_bsn(2)
UNKNOWN_BSN = valid_bsn(3)


def digid_login(client: Client, bsn: str, *, next_url: str = "/mijn-gezin/") -> Any:
    """DigiD's answer as the mock identity provider sends it back (the BSN in the URL: mock only)."""
    return client.get("/digid/acs/?" + urlencode({"bsn": bsn, "next": next_url}))


def family_with(
    youth_age: int, *, parent_bsn: str = PARENT_BSN, youth_bsn: str = YOUTH_BSN, naam: str = "Gezin Proef"
) -> Gezin:
    """A family started by the `toegang` login, with a plan: a parent and one youth of this age."""
    gezin = make_family(naam=naam, youth_age=youth_age, bsn=youth_bsn)
    Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.OUDER).update(bsn=parent_bsn)
    make_plan(gezin)
    return gezin


@pytest.fixture
def gezin(region: Any) -> Gezin:
    """Gezin Proef: a parent (PARENT_BSN) and a youth of 17 (YOUTH_BSN), with a plan."""
    return family_with(17)
