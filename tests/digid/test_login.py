"""Citizens log in with DigiD: the BSN DigiD vouched for leads to the person's family record.

Through the demo's mock identity provider (its answer carries the BSN in the URL, which only the
mock does); tests/digid/test_saml.py covers the real SAML answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from sessionprofile.models import SessionProfile

from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.organisaties.models import Gebruiker, GebruikerSoort
from tests.conftest import login

from .conftest import PARENT_BSN, UNKNOWN_BSN, YOUTH_BSN, digid_login, family_with
from .factories import GezinslidFactory, valid_bsn


def plan_url(gezin: Gezin) -> str:
    return f"/gezinnen/{gezin.uuid}/plan/"


def test_a_parent_reaches_their_family_and_plan(gezin: Gezin) -> None:
    client = Client()
    response = digid_login(client, PARENT_BSN)
    assert response.status_code == 302 and response["Location"] == "/mijn-gezin/"
    # One family: straight on to its plan.
    assert client.get("/mijn-gezin/")["Location"] == plan_url(gezin)
    assert client.get(plan_url(gezin)).status_code == 200
    assert client.get(f"/gezinnen/{gezin.uuid}/").status_code == 200
    parent = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    user = parent.gebruiker
    assert user is not None and user.soort == GebruikerSoort.BURGER and user.is_active
    assert not user.has_usable_password()  # DigiD is the way in; there is no password to guess
    assert (user.first_name, user.last_name) == (parent.voornaam, parent.achternaam)
    assert PARENT_BSN not in user.username


def test_the_login_is_in_the_access_log_without_the_bsn(gezin: Gezin) -> None:
    client = Client()
    digid_login(client, PARENT_BSN)
    entry = Toegangslogregel.objects.get(actie=Actie.LOGIN, segment="digid")
    user = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER).gebruiker
    assert entry.uitkomst == Uitkomst.SUCCESS and entry.gebruiker == user and entry.rol == "burger"
    logged = " ".join(str(v) for v in Toegangslogregel.objects.values_list())
    assert PARENT_BSN not in logged and YOUTH_BSN not in logged


def test_a_second_login_uses_the_same_account(gezin: Gezin) -> None:
    digid_login(Client(), PARENT_BSN)
    digid_login(Client(), PARENT_BSN)
    assert Gebruiker.objects.filter(gezinslidmaatschappen__bsn=PARENT_BSN).count() == 1


def test_an_invited_login_is_the_one_digid_logs_into(gezin: Gezin) -> None:
    """A parent who already has an own login (an invitation) gets that login: one person, one account."""
    lid = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    lid.gebruiker = Gebruiker.objects.get(username="ouder")
    lid.save(update_fields=["gebruiker"])
    client = Client()
    digid_login(client, PARENT_BSN)
    assert client.get(plan_url(gezin)).status_code == 200
    assert int(client.session["_auth_user_id"]) == lid.gebruiker.pk


def test_the_same_person_in_two_families_sees_both(gezin: Gezin) -> None:
    other = family_with(9, naam="Gezin Tweede", youth_bsn=valid_bsn(20))
    client = Client()
    digid_login(client, PARENT_BSN)
    page = client.get("/mijn-gezin/")
    assert page.status_code == 200
    assert "Gezin Proef" in page.content.decode() and "Gezin Tweede" in page.content.decode()
    assert client.get(plan_url(other)).status_code == 200


def test_another_family_stays_out_of_reach(gezin: Gezin) -> None:
    other = family_with(10, naam="Gezin Ander", parent_bsn=valid_bsn(30), youth_bsn=valid_bsn(31))
    client = Client()
    digid_login(client, PARENT_BSN)
    assert client.get(plan_url(other)).status_code == 404
    assert client.get(f"/gezinnen/{other.uuid}/").status_code == 404


def test_a_youth_of_16_or_older_reaches_own_plan_and_toekomstplan(gezin: Gezin) -> None:
    client = Client()
    digid_login(client, YOUTH_BSN)
    assert client.get(plan_url(gezin)).status_code == 200
    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    overview = client.get("/toekomstplan/")
    assert overview.status_code == 200 and youth in overview.context["starten"]
    started = client.post(f"/toekomstplan/starten/{youth.uuid}/")
    assert started.status_code == 302
    assert client.get(started["Location"]).status_code == 200


def test_a_youth_of_12_to_15_reaches_own_plan_but_no_toekomstplan(region: Any) -> None:
    gezin = family_with(13)
    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    client = Client()
    digid_login(client, YOUTH_BSN)
    assert client.get(plan_url(gezin)).status_code == 200
    assert list(client.get("/toekomstplan/").context["starten"]) == []
    assert client.post(f"/toekomstplan/starten/{youth.uuid}/").status_code == 404


def test_a_youth_under_12_gets_the_friendly_page_and_no_account(region: Any) -> None:
    gezin = family_with(11)
    users_before = Gebruiker.objects.count()
    client = Client()
    response = digid_login(client, YOUTH_BSN)
    assert response.status_code == 302 and response["Location"] == "/digid/geen-toegang/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Er is hier niets voor u" in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert Gebruiker.objects.count() == users_before
    assert Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE).gebruiker is None
    assert client.get(plan_url(gezin)).status_code == 302  # to the login: nobody is logged in


def test_an_unknown_bsn_gets_the_friendly_page_and_nothing_is_created(gezin: Gezin) -> None:
    users_before = Gebruiker.objects.count()
    client = Client()
    response = digid_login(client, UNKNOWN_BSN)
    assert response["Location"] == "/digid/geen-toegang/"
    page = client.get("/digid/geen-toegang/").content.decode()
    assert "Er is hier niets voor u" in page and "geen account voor u gemaakt" in page
    assert UNKNOWN_BSN not in page
    assert Gebruiker.objects.count() == users_before
    assert "_auth_user_id" not in client.session
    refused = Toegangslogregel.objects.get(actie=Actie.LOGIN, segment="digid")
    assert refused.uitkomst == Uitkomst.DENIED and refused.gebruiker is None
    assert UNKNOWN_BSN not in " ".join(str(v) for v in Toegangslogregel.objects.values_list())


def test_a_switched_off_login_is_not_switched_back_on(gezin: Gezin) -> None:
    digid_login(Client(), PARENT_BSN)
    user = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER).gebruiker
    Gebruiker.objects.filter(pk=user.pk).update(is_active=False)
    client = Client()
    assert digid_login(client, PARENT_BSN)["Location"] == "/digid/geen-toegang/"
    assert not Gebruiker.objects.get(pk=user.pk).is_active


def test_an_answer_without_a_bsn_never_matches_members_without_one(region: Any) -> None:
    """Members without a BSN (a parent may have none) are never matched by an empty answer."""
    GezinslidFactory(bsn="")
    client = Client()
    assert digid_login(client, "")["Location"].endswith("/inloggen/")  # DigiD's own error message
    assert "_auth_user_id" not in client.session


def test_digid_is_the_second_factor_itself_but_a_citizen_password_login_is_not(gezin: Gezin, settings: Any) -> None:
    """Outside the demo every password login needs the code from an app, citizens' too; DigiD
    (Substantieel) is two factors already."""
    settings.REQUIRE_2FA = True
    client = Client()
    digid_login(client, PARENT_BSN)
    assert client.get(plan_url(gezin)).status_code == 200
    password = login(Client(), "ouder")  # the invitation login (password) of a citizen
    response = password.get("/")
    assert response.status_code == 302
    assert response["Location"] in {"/inloggen/code/", "/inloggen/tweede-factor-instellen/"}


def test_a_digid_session_ends_after_15_minutes_idle(gezin: Gezin) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        digid_login(client, PARENT_BSN)
        traveller.shift(dt.timedelta(minutes=14))
        assert client.get(plan_url(gezin)).status_code == 200  # activity slides the window
        traveller.shift(dt.timedelta(minutes=15, seconds=1))
        response = client.get(plan_url(gezin))
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_logging_out_ends_the_digid_session(gezin: Gezin) -> None:
    client = Client()
    digid_login(client, PARENT_BSN)
    user = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER).gebruiker
    assert SessionProfile.objects.filter(user=user).count() == 1  # DigiD's own logout can find it
    handed_over = client.post("/uitloggen/")
    assert handed_over.status_code == 307 and handed_over["Location"] == "/digid/logout/"
    done = client.post("/digid/logout/")
    assert done.status_code == 302 and done["Location"] == "/inloggen/?uitgelogd=ja"
    assert "_auth_user_id" not in client.session
    assert not SessionProfile.objects.filter(user=user).exists()
    assert client.get(plan_url(gezin)).status_code == 302


def test_the_login_lookup_does_not_grow_with_the_number_of_families(region: Any) -> None:
    def queries_for(bsn: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert gezinnen_services.digid_login(bsn=bsn) is not None
        return len(captured)

    GezinslidFactory(bsn=valid_bsn(40))
    for _ in range(3):
        GezinslidFactory(bsn=valid_bsn(41))
    assert queries_for(valid_bsn(40)) == queries_for(valid_bsn(41))


def test_a_digid_logout_clears_the_site_data(gezin: Gezin) -> None:
    client = Client()
    digid_login(client, PARENT_BSN)
    handed_over = client.post("/uitloggen/")
    assert handed_over.status_code == 307 and not handed_over.has_header("Clear-Site-Data")  # not yet
    done = client.post(handed_over["Location"])
    assert done.status_code == 302 and done["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    # the message comes with the login page: the logout answer's own cookies are cleared too
    assert done["Location"] == "/inloggen/?uitgelogd=ja" and "messages" not in done.cookies
    assert "U bent uitgelogd." in Client().get(done["Location"]).content.decode()
    assert client.get(plan_url(gezin)).status_code == 302
