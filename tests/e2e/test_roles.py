"""Every demo login reaches its 'Mijn werk' page, and every page on the way passes axe-core.

Also the base layout's promises: no horizontal scroll on a 320 px phone, a skip link that is the
first thing on the page and moves focus to the content, and no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from jeugdketen.core import outbox
from jeugdketen.core.toegangslog import ToegangslogNietBeschikbaar
from jeugdketen.demo.generator import LOGINS
from jeugdketen.organisaties.models import Gebruiker
from tests.core.test_i18n import ensure_compiled_catalog

from .helpers import assert_fits, check_page, login, logout, visit, watch

pytestmark = pytest.mark.e2e

# Extra pages that only some roles reach, besides home and notifications.
ROLE_PAGES = {
    "logbeheer": ["/toegangslog/"],
    "beheer": ["/beheer/", "/beheer/organisaties/organisatie/"],
}

# Rules switched off on Django admin pages (/beheer/) ONLY. Keep empty unless Django's own admin
# markup violates a rule that we cannot fix without forking the admin templates; then name the
# rule here with the reason.
ADMIN_ONLY_DISABLED_RULES: tuple[str, ...] = ()


@pytest.mark.parametrize("username", [demo.username for demo in LOGINS])
def test_every_demo_login_reaches_mijn_werk(page: Page, live_server: Any, e2e_region: Any, username: str) -> None:
    login(page, live_server, username, check_login_page=False)  # test_login_page checks it once

    check_page(page)  # the home page, with axe
    citizen = Gebruiker.objects.get(username=username).is_burger
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gezin" if citizen else "Mijn werk")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Demo-omgeving")).to_be_visible()
    assert_fits(page, 320)  # this role's own menu and work lists on a small phone

    visit(page, "/notificaties/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_fits(page, 320)

    for path in ROLE_PAGES.get(username, []):
        admin = path.startswith("/beheer/")
        visit(page, path, disable_rules=ADMIN_ONLY_DISABLED_RULES if admin else ())
        if not admin:
            expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
            assert_fits(page, 320)

    if ROLE_PAGES.get(username):
        visit(page, "/", run_axe=False)  # the admin has its own "Afmelden"; log out from our layout
    logout(page)
    check_page(page, run_axe=False)
    visit(page, "/", run_axe=False)
    assert "/inloggen/" in page.url, "after logging out, Mijn werk sends you to the login page"


def test_login_page(page: Page, live_server: Any, e2e_region: Any) -> None:
    """The login page is the same for every login, so axe checks it once here, not per role."""
    visit(page, "/")  # anonymous: sent to the login page
    assert page.url.endswith("/inloggen/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Jeugdketen")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_notifications_list_and_pagination(page: Page, live_server: Any, e2e_region: Any) -> None:
    ouder = Gebruiker.objects.get(username="ouder")
    for number in range(30):
        outbox.notify(
            ontvanger=ouder, soort="test", titel=f"Bericht {number}", link="/", dedupe_key=f"e2e-{number}", email=False
        )
    outbox.relay()
    login(page, live_server, "ouder", check_login_page=False)
    check_page(page)
    expect(page.get_by_role("link", name="Berichten 30 nieuw")).to_be_visible()
    visit(page, "/notificaties/")
    expect(page.get_by_role("navigation", name="Paginering")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Alles als gelezen markeren").click()
    check_page(page)
    expect(page.get_by_role("link", name="Berichten", exact=True)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Volgende").click()
    check_page(page)


def test_english_pages(new_context: Callable[..., BrowserContext], live_server: Any, e2e_region: Any) -> None:
    ensure_compiled_catalog()
    page = watch(new_context(locale="en-GB").new_page())
    visit(page, "/inloggen/")
    assert page.get_attribute("html", "lang") == "nl"  # Dutch first, whatever the browser says
    page.get_by_label("Taal").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="Kies taal").click()
    check_page(page)
    assert page.get_attribute("html", "lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to Jeugdketen")
    page.get_by_label("Username").fill("crisisdienst")
    page.get_by_label("Password").fill("jeugdketen-demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert_fits(page, 320)


def test_access_log_unavailable_page(
    page: Page, live_server: Any, e2e_region: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(page, live_server, "logbeheer", check_login_page=False)

    def unavailable(*args: Any, **kwargs: Any) -> None:
        raise ToegangslogNietBeschikbaar

    monkeypatch.setattr("jeugdketen.core.views.log_access", unavailable)
    visit(page, "/toegangslog/", status=503)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit kan nu even niet")
    expect(page.get_by_role("table")).to_have_count(0)


def test_not_found_page_is_accessible(page: Page, live_server: Any, e2e_region: Any) -> None:
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, "/bestaat-niet/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina is niet gevonden")


def test_no_horizontal_scroll_on_a_320px_phone(
    new_context: Callable[..., BrowserContext], live_server: Any, e2e_region: Any
) -> None:
    page = watch(new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page())
    visit(page, "/inloggen/", run_axe=False)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320, "login page scrolls sideways"
    # The longest organisation name and role mix: the crisis service.
    login(page, live_server, "crisisdienst", check_login_page=False)
    for path in ["/", "/notificaties/"]:
        visit(page, path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide on a 320px screen"


def test_phone_page_fixture(phone_page: Page, live_server: Any, e2e_region: Any) -> None:
    login(phone_page, live_server, "ouder", check_login_page=False)
    check_page(phone_page)
    assert phone_page.evaluate("document.scrollingElement.scrollWidth") <= 375
    expect(phone_page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_skip_link_is_first_and_moves_focus_to_main(page: Page, live_server: Any, e2e_region: Any) -> None:
    login(page, live_server, "toegang", check_login_page=False)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Naar de inhoud", "href": "#inhoud"}
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_visible()  # visible once focused, not only to screen readers
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main, footer')")


def test_works_without_javascript(
    new_context: Callable[..., BrowserContext], live_server: Any, e2e_region: Any
) -> None:
    page = watch(new_context(java_script_enabled=False).new_page())
    page.goto("/")
    assert "/inloggen/" in page.url
    page.get_by_label("Gebruikersnaam").fill("toegang")
    page.get_by_label("Wachtwoord").fill("jeugdketen-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    page.get_by_role("link", name="Berichten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/inloggen/**")


def test_choosing_the_organisation_one_acts_for(page: Page, live_server: Any, e2e_region: Any) -> None:
    """A professional in two organisations switches in the header; axe-clean, also at 320 px."""
    from tests.organisaties.test_login import second_membership

    second_membership("huisarts", "GGZ Jeugd Parkstad")
    login(page, live_server, "huisarts", check_login_page=False)
    check_page(page)
    assert_fits(page, 320)
    page.get_by_label("Ik werk nu voor").select_option(label="GGZ Jeugd Parkstad")
    with page.expect_navigation():
        page.get_by_role("button", name="Wissel").click()
    check_page(page)
    expect(page.get_by_text("U werkt nu voor GGZ Jeugd Parkstad.")).to_be_visible()
