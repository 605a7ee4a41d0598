"""The demo region: families with plans in every state, work for every demo login, and one
family for `ouder` and `jongere`; the bulk part uses a fixed number of statements."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from jeugdketen.core import kalender
from jeugdketen.demo import gezinsplan as demo
from jeugdketen.demo.generator import build
from jeugdketen.gezinnen.models import Gezin, Gezinslid, Netwerklid, ToestemmingSoort
from jeugdketen.gezinsplan import selectors, werklijst
from jeugdketen.gezinsplan.models import Gezinsplan, eerste_open_deadline
from jeugdketen.organisaties.models import OrganisatieSoort, Regio
from tests.conftest import actor

PROFESSIONALS = ["toegang", "aanbieder", "school", "huisarts", "gi", "veiligthuis", "crisisdienst"]


def test_the_demo_has_plans_in_every_state(db: Any, demo_region: Regio) -> None:
    today = kalender.vandaag()
    plans = list(Gezinsplan.objects.exclude(gezin__naam__startswith=f"{demo.BULK_PREFIX} ").select_related("gezin"))
    assert len(plans) >= len(demo.STATE_FAMILIES) + 1
    assert any(p.versie == 1 for p in plans), "a new plan"
    assert any(selectors.plan_overview(p).gedragen for p in plans), "a carried plan"
    assert any(p.volgende_evaluatie and p.volgende_evaluatie < today for p in plans), "an overdue evaluation"
    assert any(selectors.plan_overview(p).te_laat for p in plans), "late agreements"
    assert any(p.regisseur_gezinslid_id for p in plans), "a plan in the family's own regie"
    assert Netwerklid.objects.filter(gezin__plan__in=plans, ziet_plan=True).exists(), "a network member"
    mandated = set(
        Gezin.objects.filter(toestemmingen__soort=ToestemmingSoort.MANDAAT).values_list(
            "toestemmingen__organisatie__soort", flat=True
        )
    )
    assert {OrganisatieSoort.GI, OrganisatieSoort.VEILIG_THUIS} <= mandated
    assert any(selectors.plan_overview(p).voorwaarden for p in plans), "what must change (GI / Veilig Thuis)"
    # Every plan, the bulk ones too, carries the earliest open deadline of its current version.
    alle = Gezinsplan.objects.annotate(echt=eerste_open_deadline())
    assert alle.filter(gezin__naam__startswith=f"{demo.BULK_PREFIX} ").exclude(echt=None).exists()
    assert not alle.exclude(echt=None, eerste_open_deadline=None).exclude(eerste_open_deadline=F("echt")).exists()


def test_ouder_and_jongere_share_one_family_with_toegang_as_regisseur(db: Any, demo_region: Regio) -> None:
    linda = Gezinslid.objects.get(gebruiker__username="ouder")
    daan = Gezinslid.objects.get(gebruiker__username="jongere")
    assert linda.gezin_id == daan.gezin_id
    assert daan.geboortedatum is not None and kalender.leeftijd(daan.geboortedatum, kalender.vandaag()) == 17
    plan = Gezinsplan.objects.get(gezin_id=linda.gezin_id)
    assert plan.regisseur_medewerker is not None and plan.regisseur_medewerker.username == "toegang"
    for who in ("ouder", "jongere", "toegang"):
        assert list(selectors.plannen_visible_to(actor(who)).filter(pk=plan.pk)) == [plan]


def test_every_professional_demo_login_has_work_on_the_home_page(db: Any, demo_region: Regio) -> None:
    for username in PROFESSIONALS:
        lijst = werklijst.mijn_gezinnen(actor(username))
        assert lijst is not None and lijst.items, username
    for username in ("ouder", "jongere"):
        lijst = werklijst.mijn_gezinnen(actor(username))
        assert lijst is not None and len(lijst.items) == 1, username


def test_building_again_adds_nothing_and_bulk_families_take_a_fixed_number_of_statements(
    db: Any,
    demo_region: Regio,
) -> None:
    count = Gezin.objects.count()
    build(size=1)
    assert Gezin.objects.count() == count
    bulk = Gezin.objects.filter(naam__startswith=f"{demo.BULK_PREFIX} ")
    assert bulk.count() == demo.FAMILIES_PER_SIZE
    with CaptureQueriesContext(connection) as one:
        demo._bulk_families(demo_region, size=2, rng=__import__("random").Random(1))
    with CaptureQueriesContext(connection) as two:
        demo._bulk_families(demo_region, size=4, rng=__import__("random").Random(1))
    assert bulk.count() == 4 * demo.FAMILIES_PER_SIZE
    assert len(two) == len(one)  # twice the families, the same statements
    assert Gezinsplan.objects.filter(huidige_versie__isnull=True).count() == 0
