"""The login pages in a real browser, each checked with axe: field errors, the second factor
(setting it up and entering a code) and the lockout page."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from jeugdketen.demo.generator import DEMO_PASSWORD

from .helpers import assert_fits, check_page, logout, visit

pytestmark = pytest.mark.e2e


def _submit_login(page: Page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_field_errors_are_announced_and_linked(page: Page, live_server: Any, e2e_region: Any) -> None:
    visit(page, "/inloggen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    check_page(page)
    assert_fits(page, 320)
    username = page.get_by_label("Gebruikersnaam")
    expect(username).to_have_attribute("aria-invalid", "true")
    described_by = username.get_attribute("aria-describedby") or ""
    assert "id_username_error" in described_by.split()
    expect(page.locator("#id_username_error")).to_contain_text("Fout:")


def test_wrong_password_shows_an_alert(page: Page, live_server: Any, e2e_region: Any) -> None:
    visit(page, "/inloggen/", run_axe=False)
    _submit_login(page, "toegang", "niet-het-wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    check_page(page)


def _code(device: TOTPDevice, *, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():0{device.digits}d}"


def test_second_factor_setup_and_code(page: Page, live_server: Any, e2e_region: Any, settings: Any) -> None:
    settings.REQUIRE_2FA = True
    visit(page, "/inloggen/", run_axe=False)
    _submit_login(page, "toegang", DEMO_PASSWORD)

    # First login: set up the authenticator app.
    assert page.url.endswith("/inloggen/tweede-factor-instellen/")
    check_page(page)
    assert_fits(page, 320)  # the QR code and the long key too
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    device = TOTPDevice.objects.get(user__username="toegang")
    page.get_by_label("Code uit uw app").fill(_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Instellen en verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    # No demo banner once the second factor is on.
    expect(page.get_by_text("Demo-omgeving")).to_have_count(0)

    # Next login: enter a code. A wrong one first.
    logout(page)
    _submit_login(page, "toegang", DEMO_PASSWORD)
    assert page.url.endswith("/inloggen/code/")
    check_page(page)
    assert_fits(page, 320)
    page.get_by_label("Code uit uw app").fill("12345")
    with page.expect_navigation():
        page.get_by_role("button", name="Verder").click()
    check_page(page)
    expect(page.get_by_label("Code uit uw app")).to_have_attribute("aria-invalid", "true")
    device.refresh_from_db()
    page.get_by_label("Code uit uw app").fill(_code(device, later=device.step))  # a code not used yet
    with page.expect_navigation():
        page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")


def test_lockout_page(page: Page, live_server: Any, e2e_region: Any, settings: Any) -> None:
    visit(page, "/inloggen/", run_axe=False)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _submit_login(page, "school", "verkeerd-wachtwoord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is tijdelijk geblokkeerd")
    check_page(page)
    assert_fits(page, 320)
    # The right password does not help while locked out.
    visit(page, "/inloggen/", run_axe=False)
    _submit_login(page, "school", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen is tijdelijk geblokkeerd")
