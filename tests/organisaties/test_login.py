"""Login a security officer accepts: TOTP second factor, lockout, idle timeout, Argon2, logging."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.organisaties.models import Gebruiker
from tests.conftest import login


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_professional_sets_up_the_second_factor_on_first_login(region: Any) -> None:
    client = login(Client(), "toegang")
    # Nothing is reachable before the second factor is set up.
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/tweede-factor-instellen/"
    page = client.get("/inloggen/tweede-factor-instellen/")
    assert page.status_code == 200
    assert b"data:image/svg+xml;base64," in page.content  # the QR code, without inline markup
    device = TOTPDevice.objects.get(user__username="toegang")
    assert not device.confirmed

    wrong = client.post(
        "/inloggen/tweede-factor-instellen/", {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "Deze code klopt niet" in wrong.content.decode()
    assert Toegangslogregel.objects.filter(segment="tweede_factor", uitkomst=Uitkomst.FAILURE).exists()

    # django-otp throttles after a wrong code (1 s, doubling); the user waits a moment.
    device.refresh_from_db()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        done = client.post("/inloggen/tweede-factor-instellen/", {"code": code_for(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_next_login_asks_for_the_code(region: Any) -> None:
    user = Gebruiker.objects.get(username="gi")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = login(Client(), "gi")
    assert client.get("/")["Location"] == "/inloggen/code/"
    assert client.post("/inloggen/code/", {"code": "12345"}).status_code == 200  # not 6 digits: message
    response = client.post("/inloggen/code/", {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_citizens_with_a_password_login_need_the_second_factor_too(region: Any) -> None:
    """Outside the demo a citizen's invitation login (password) asks for the app's code as well;
    only a DigiD login is exempt (tests/digid)."""
    client = login(Client(), "ouder")
    assert client.get("/")["Location"] == "/inloggen/tweede-factor-instellen/"


def test_demo_setting_switches_the_second_factor_off_and_shows_a_banner(region: Any, settings: Any) -> None:
    settings.REQUIRE_2FA = False
    settings.DEMO_MODE = True
    client = login(Client(), "toegang")
    page = client.get("/")
    assert page.status_code == 200
    assert "Demo-omgeving" in page.content.decode()


def test_no_banner_when_the_second_factor_is_on(region: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    settings.REQUIRE_2FA = True
    assert "Demo-omgeving" not in Client().get("/inloggen/").content.decode()


def test_repeated_failed_logins_lock_the_account(region: Any, settings: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/inloggen/", {"username": "school", "password": "fout"})
        assert response.status_code == 200
        assert "klopt niet" in response.content.decode()
    locked = client.post("/inloggen/", {"username": "school", "password": "fout"})
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()
    # Even the right password does not get in while locked.
    again = Client().post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD})
    assert again.status_code == 429
    assert Toegangslogregel.objects.filter(actie=Actie.LOGIN, uitkomst=Uitkomst.FAILURE).count() >= 4


def test_session_ends_after_15_minutes_idle(region: Any, settings: Any) -> None:
    settings.REQUIRE_2FA = False
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = login(Client(), "toegang")
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=14))
        assert client.get("/").status_code == 200  # activity slides the window
        traveller.shift(dt.timedelta(minutes=14))
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=16))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_sessions_live_in_the_database(settings: Any) -> None:
    from importlib import import_module

    from django.contrib.sessions.backends.cached_db import SessionStore as CachedDb

    # cached_db, with the idle expiry written at most once a minute (core/sessie.py)
    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, CachedDb)
    assert settings.SESSION_COOKIE_AGE == 15 * 60


def test_passwords_are_stored_with_argon2(region: Any) -> None:
    assert Gebruiker.objects.get(username="toegang").password.startswith("argon2")


def test_logout_control_on_every_page_and_logout_works(client_for: Any) -> None:
    client = client_for("aanbieder")
    for url in ["/", "/notificaties/"]:
        assert 'action="/uitloggen/"' in client.get(url).content.decode()
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/").status_code == 302


def test_security_headers(client_for: Any) -> None:
    response = client_for("toegang").get("/")
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["Cache-Control"].startswith("no-store")
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_only_for_application_management(client_for: Any) -> None:
    assert client_for("beheer").get("/beheer/").status_code == 200
    assert "Organisaties" in client_for("beheer").get("/beheer/").content.decode()
    for username in ["toegang", "functioneelbeheer", "logbeheer", "ouder"]:
        response = client_for(username).get("/beheer/")
        assert response.status_code in (302, 404), username
        if response.status_code == 302:
            assert "login" in response["Location"] or "/inloggen/" in response["Location"]


def test_admin_needs_a_verified_second_factor(region: Any) -> None:
    client = login(Client(), "beheer")
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/tweede-factor-instellen/"


@pytest.mark.parametrize("username", ["toegang", "ouder"])
def test_acting_organisation_is_in_the_access_log(client_for: Any, username: str) -> None:
    client_for(username)
    row = Toegangslogregel.objects.filter(actie=Actie.LOGIN, gebruiker__username=username).latest("id")
    assert row.uitkomst == Uitkomst.SUCCESS
    assert row.rol


def test_behind_the_proxy_each_visitor_has_their_own_lockout(region: Any, settings: Any) -> None:
    """With TRUSTED_PROXY_IP_HEADER set, axes counts per real client, not per proxy address."""
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_REAL_IP"
    attacker = Client(HTTP_X_REAL_IP="93.184.216.34")
    for i in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/inloggen/", {"username": f"bestaat-niet-{i}", "password": "fout"})
    assert attacker.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 429
    colleague = Client(HTTP_X_REAL_IP="151.101.1.69")
    assert colleague.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 302


def second_membership(username: str, organisatie: str) -> Any:
    from jeugdketen.core.rollen import Rol
    from jeugdketen.organisaties.models import Medewerker, Organisatie

    org = Organisatie.objects.get(naam=organisatie)
    Medewerker.objects.create(gebruiker=Gebruiker.objects.get(username=username), organisatie=org, rol=Rol.HULPVERLENER)
    return org


def test_a_professional_in_two_organisations_chooses_who_they_act_for(client_for: Any) -> None:
    org = second_membership("huisarts", "GGZ Jeugd Parkstad")
    client = client_for("huisarts")
    home = client.get("/").content.decode()
    assert "Ik werk nu voor" in home and "GGZ Jeugd Parkstad" in home
    client.post("/organisatie-kiezen/", {"organisatie": str(org.uuid)})
    assert "U werkt nu voor GGZ Jeugd Parkstad." in client.get("/").content.decode()
    # an organisation one does not work for is ignored
    other = Gebruiker.objects.get(username="school").medewerkerschappen.first().organisatie
    client.post("/organisatie-kiezen/", {"organisatie": str(other.uuid)})
    assert "U werkt nu voor GGZ Jeugd Parkstad." in client.get("/").content.decode()
    # someone with one organisation gets no choice
    assert "Ik werk nu voor" not in client_for("school").get("/").content.decode()


# --- C3: lockout without lockout abuse ----------------------------------------------------------


def _fail(client: Client, username: str = "school") -> Any:
    return client.post("/inloggen/", {"username": username, "password": "fout"})


def test_failures_from_elsewhere_do_not_lock_the_owner_out(region: Any, settings: Any) -> None:
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_REAL_IP"
    settings.REQUIRE_2FA = False
    attacker = Client(HTTP_X_REAL_IP="93.184.216.34", HTTP_USER_AGENT="kwaadwillend/1.0")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(attacker)
    # The attacker's combination is locked: even the right password is refused there.
    assert attacker.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 429
    # The owner, at their own address and browser, walks in.
    owner = Client(HTTP_X_REAL_IP="151.101.1.69", HTTP_USER_AGENT="Firefox/140")
    assert owner.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 302


def test_the_same_address_with_another_browser_is_a_combination_of_its_own(region: Any, settings: Any) -> None:
    settings.AXES_LOCKOUT_PARAMETERS = [["username", "ip_address", "user_agent"]]
    settings.REQUIRE_2FA = False
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(Client(HTTP_USER_AGENT="oud/1"))
    assert (
        Client(HTTP_USER_AGENT="oud/1")
        .post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD})
        .status_code
        == 429
    )
    assert (
        Client(HTTP_USER_AGENT="nieuw/2")
        .post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD})
        .status_code
        == 302
    )


def test_guessing_from_many_addresses_slows_the_account_but_not_its_owners_address(region: Any, settings: Any) -> None:
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_REAL_IP"
    settings.REQUIRE_2FA = False
    settings.AXES_ACCOUNT_SLOWDOWN_AFTER = 6
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        # The owner logged in from home before.
        home = Client(HTTP_X_REAL_IP="151.101.1.69")
        assert home.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 302
        for i in range(6):  # a guesser on six addresses, one try each: no combination is locked
            assert _fail(Client(HTTP_X_REAL_IP=f"203.0.113.{i}")).status_code == 200
        slowed = _fail(Client(HTTP_X_REAL_IP="203.0.113.99"))
        assert slowed.status_code == 429
        assert "Wacht 30 seconden" in slowed.content.decode() and slowed["Retry-After"] == "30"
        # Even the right password from a new address waits: the guess is not even checked.
        assert (
            Client(HTTP_X_REAL_IP="198.51.100.7")
            .post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD})
            .status_code
            == 429
        )
        # The owner's own address is not slowed down.
        assert (
            Client(HTTP_X_REAL_IP="151.101.1.69")
            .post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD})
            .status_code
            == 302
        )
        traveller.shift(dt.timedelta(seconds=31))
        # After the wait one more try from anywhere (a guesser: about two a minute).
        assert _fail(Client(HTTP_X_REAL_IP="203.0.113.50")).status_code == 200
        assert _fail(Client(HTTP_X_REAL_IP="203.0.113.51")).status_code == 429


def test_the_lockout_holds_with_redis_down(region: Any, settings: Any) -> None:
    """Axes counts in the database (AxesDatabaseHandler): a cache outage does not unlock anything."""
    from jeugdketen.core.cache import FailSoftRedisCache

    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    settings.CACHES = {
        "default": {"BACKEND": "jeugdketen.core.cache.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    from django.core.cache import caches

    assert isinstance(caches["default"], FailSoftRedisCache)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    assert client.post("/inloggen/", {"username": "school", "password": DEMO_PASSWORD}).status_code == 429


def test_a_session_ends_after_its_absolute_lifetime_however_active(region: Any, settings: Any) -> None:
    settings.REQUIRE_2FA = False
    settings.SESSION_ABSOLUTE_AGE = 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = login(Client(), "toegang")
        for _ in range(4):  # active every 14 minutes: the idle timeout never strikes
            traveller.shift(dt.timedelta(minutes=14))
            assert client.get("/").status_code == 200
        later = login(Client(), "aanbieder")  # who logged in later keeps their session
        traveller.shift(dt.timedelta(minutes=5))  # 61 minutes after the login
        response = client.get("/gezinnen/")
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/?next=/gezinnen/")
        page = client.get(response["Location"]).content.decode()
        assert "langer dan 1 uur ingelogd" in page
        assert "_auth_user_id" not in client.session
        assert client.get("/").status_code == 302
        assert later.get("/").status_code == 200
        # the API answers a Dutch 401 instead of a redirect
        api = login(Client(), "toegang")
        for _ in range(4):
            traveller.shift(dt.timedelta(minutes=14))
            assert api.get("/api/v1/gezinnen/").status_code == 200
        traveller.shift(dt.timedelta(minutes=5))
        answer = api.get("/api/v1/gezinnen/")
        assert answer.status_code == 401, (answer.status_code, answer.content[:300])
        assert "opnieuw in" in answer.json()["detail"]


def test_the_absolute_lifetime_is_ten_hours_by_default() -> None:
    from django.conf import settings

    assert settings.SESSION_ABSOLUTE_AGE == 10 * 60 * 60 > settings.SESSION_COOKIE_AGE


def test_logout_tells_the_browser_to_clear_the_site_data(client_for: Any) -> None:
    client = client_for("toegang")
    assert not client.get("/").has_header("Clear-Site-Data")
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response["Location"] == "/inloggen/?uitgelogd=ja"
    page = Client().get(response["Location"]).content.decode()
    assert "U bent uitgelogd." in page
    assert "U bent uitgelogd." not in Client().get("/inloggen/?uitgelogd=iets").content.decode()
