"""The README's demo logins: `ouder` and `jongere` log in with the demo's mock DigiD by their
fictitious BSN and land on their own family; nobody else in the demo has those numbers."""

from __future__ import annotations

from typing import Any

from django.test import Client

from jeugdketen.demo.common import DIGID_BSN_JONGERE, DIGID_BSN_OUDER
from jeugdketen.demo.gezinsplan import JANSSEN
from jeugdketen.gezinnen.models import Gezin, Gezinslid
from jeugdketen.organisaties.models import Regio
from jeugdketen.toekomstplan.models import Toekomstplan

from .conftest import digid_login


def test_ouder_and_jongere_log_in_with_digid_by_their_demo_bsn(db: Any, demo_region: Regio) -> None:
    janssen = Gezin.objects.get(naam=JANSSEN)
    for bsn, username in [(DIGID_BSN_OUDER, "ouder"), (DIGID_BSN_JONGERE, "jongere")]:
        client = Client()
        digid_login(client, bsn)
        assert client.session["_auth_user_id"] == str(Gezinslid.objects.get(gezin=janssen, bsn=bsn).gebruiker_id)
        assert Gezinslid.objects.get(gezin=janssen, bsn=bsn).gebruiker.username == username
        assert client.get("/mijn-gezin/")["Location"] == f"/gezinnen/{janssen.uuid}/plan/"
    plan = Toekomstplan.objects.get(jeugdige__bsn=DIGID_BSN_JONGERE)
    assert client.get(f"/toekomstplan/{plan.uuid}/").status_code == 200


def test_no_other_demo_person_has_the_digid_demo_numbers(db: Any, demo_region: Regio) -> None:
    assert Gezinslid.objects.filter(bsn__in=[DIGID_BSN_OUDER, DIGID_BSN_JONGERE]).count() == 2
