"""Issue 9 point 2b in a real browser: emptying a part of the plan that had text asks first, the
question page passes axe, and only the confirmed submit makes a new version."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.gezinnen.helpers import make_family, make_plan

from .helpers import check_page, login, visit

pytestmark = pytest.mark.e2e


def test_emptying_the_concerns_asks_before_it_saves(page: Page, live_server: Any, e2e_region: Any) -> None:
    plan = make_plan(make_family("toegang", naam="Gezin Leeg"))  # "Zorgen over school.", "Oma helpt."
    assert plan.huidige_versie is not None
    voor = plan.huidige_versie.nummer
    login(page, live_server, "toegang", check_login_page=False)
    visit(page, f"/gezinnen/{plan.gezin.uuid}/plan/bewerken/")
    page.get_by_label("Waar maken we ons zorgen over?").fill("")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    check_page(page)  # the question, with axe
    expect(page.locator("main")).to_contain_text("Waar maken we ons zorgen over?")
    plan.refresh_from_db()
    assert plan.huidige_versie is not None and plan.huidige_versie.nummer == voor  # nothing saved yet
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, leegmaken en opslaan").click()
    check_page(page)
    plan.refresh_from_db()
    assert plan.huidige_versie is not None and plan.huidige_versie.nummer == voor + 1
    assert plan.huidige_versie.situatie == ""
