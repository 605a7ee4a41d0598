"""demo/schaal.py: national proportions at every size, committed per unit, access rules intact.

Small units (30 families) keep these fast; the proportions are per family, so they are the ones
a national build (`jeugdketen seed --size 500`) has."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.db.models import Count, F, OuterRef, Subquery
from django.test import Client

from jeugdketen.core import kalender
from jeugdketen.crisis.models import Crisiscasus
from jeugdketen.demo import jeugdhulp_massa, schaal
from jeugdketen.demo.generator import DEMO_PASSWORD, build
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Toestemming
from jeugdketen.gezinnen.selectors import active_consents, gezinnen_visible_to
from jeugdketen.gezinsplan.models import Gezinsplan, eerste_open_deadline
from jeugdketen.jeugdhulp.models import Traject
from jeugdketen.jeugdhulp.selectors import personen_in_zorg
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie
from jeugdketen.personen.models import Jeugdige
from jeugdketen.plekvrij.models import Plek
from jeugdketen.toekomstplan import selectors as toekomstplan
from jeugdketen.toekomstplan.models import Toekomstplan
from jeugdketen.verwijsindex.models import Match, Melding
from tests.conftest import actor, login

UNIT = 30


def _build(size: int, **extra: Any) -> int:
    return schaal.bouwen(
        schaal.demo_regions(),
        size=size,
        eenheid=UNIT,
        jeugdhulp=False,
        progress=schaal.Progress(total=size, stream=io.StringIO()),
        **extra,
    )


def _ratios() -> dict[str, float]:
    families = Gezin.objects.filter(leden__bsn__startswith="9").distinct().count() or 1
    generated = Gezin.objects.filter(plan__isnull=False)
    youths = Gezinslid.objects.filter(soort=LidSoort.JEUGDIGE)
    return {
        "families": generated.count(),
        "members": Gezinslid.objects.count() / generated.count(),
        "registrations": Melding.objects.count() / families,
        "orgs_per_municipality": Organisatie.objects.filter(gemeente__isnull=False)
        .values("gemeente")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("n", flat=True)[0],
        "youths": youths.count(),
    }


@pytest.mark.django_db
def test_proportions_hold_at_two_sizes() -> None:
    build(size=0)
    orgs_before = Organisatie.objects.count()
    _build(1)
    one = _ratios()
    orgs_one = Organisatie.objects.count()
    _build(3)
    three = _ratios()
    assert three["families"] == 3 * UNIT and one["families"] == UNIT
    for r in (one, three):
        assert 2.0 <= r["members"] <= 5.0  # one or two parents, one to three youths
        assert r["orgs_per_municipality"] <= 25  # a fixed set per municipality, not per family
    # Organisations grow with municipalities, not with families: 3× the families, no new orgs here.
    assert orgs_one > orgs_before and Organisatie.objects.count() == orgs_one
    # Every family: one plan with a current version, consent for the regisseur's organisation.
    for gezin in Gezin.objects.filter(plan__isnull=False).select_related("plan"):
        assert gezin.plan.huidige_versie_id is not None
    assert not Gezinsplan.objects.values("gezin").annotate(n=Count("id")).filter(n__gt=1).exists()
    for plan in Gezinsplan.objects.all():
        assert active_consents().filter(gezin_id=plan.gezin_id, organisatie_id=plan.regisseur_organisatie_id).exists()
    # Every member carries its family's municipality (the watch lists read it).
    assert not Gezinslid.objects.exclude(gemeente_id=F("gezin__gemeente_id")).exists()
    # A toekomstplan only for youths of 16.5 and over, and for most of them (the watch list finds
    # the others).
    today = kalender.vandaag()
    old = with_plan = 0
    for youth in Gezinslid.objects.filter(soort=LidSoort.JEUGDIGE):
        assert youth.geboortedatum is not None
        is_old = kalender.bereikt(kalender.zestieneneenhalf, youth.geboortedatum, today)
        has_plan = Toekomstplan.objects.filter(jeugdige=youth).exists()
        assert is_old or not has_plan, youth.geboortedatum
        old += is_old
        with_plan += has_plan
    assert 0.6 * old <= with_plan < old
    # Verwijsindex: REGISTRATIONS_PER_FAMILY per family and matches of two organisations.
    assert Melding.objects.count() >= schaal.REGISTRATIONS_PER_FAMILY * 3 * UNIT
    assert Match.objects.exists()
    for match in Match.objects.annotate(n=Count("meldingen")):
        assert match.n == 2
    assert Crisiscasus.objects.count() == 3 * -(-UNIT // schaal.CRISIS_PER_FAMILIES)
    assert Plek.objects.exists()
    # The demo login's own caseload grows with the size.
    assert Gezinsplan.objects.filter(regisseur_medewerker__username="toegang").count() == 3 * max(
        1, schaal.DEMO_CASELOAD_PER_UNIT * UNIT // schaal.FAMILIES_PER_UNIT
    )
    # Professionals grow with their caseload: no local team has more than CASELOAD families each.
    for org in Organisatie.objects.filter(naam__startswith="Wijkteam Jeugd "):
        families = Toestemming.objects.filter(organisatie=org).count()
        staff = Medewerker.objects.filter(organisatie=org, rol="hulpverlener").count()
        assert staff * schaal.CASELOAD >= families


@pytest.mark.django_db
def test_municipalities_follow_the_national_ratio() -> None:
    assert schaal.municipalities_for(schaal.NATIONAL_SIZE) == 342
    assert schaal.municipalities_for(1) == 1
    build(size=0)
    before = Gemeente.objects.count()
    # Growing the municipalities without building the families (a fast check of the mechanism).
    world = schaal._World(schaal.demo_regions(), make_password(None))
    world.ensure_municipalities(before + 10)
    world.ensure_organisations()
    assert Gemeente.objects.count() == before + 10
    new = Gemeente.objects.exclude(regio__naam="Parkstad")
    assert new.values("regio").distinct().count() == 2  # eight a region
    for g in new:
        assert Organisatie.objects.filter(gemeente=g).count() == sum(c for _s, _p, c in schaal.MUNICIPAL_ORGS)
    # A second build (a resumed or larger one) takes up the generated regions, never a second set.
    again = schaal._World(schaal.demo_regions(), make_password(None))
    again.ensure_municipalities(before + 12)
    assert Gemeente.objects.count() == before + 12
    assert {g.pk for g in new} <= {g.pk for g in again.gemeenten}


@pytest.mark.django_db
def test_every_unit_is_committed_on_its_own_and_a_rebuild_resumes(monkeypatch: Any) -> None:
    build(size=0)
    seen: list[int] = []
    _build(2, on_unit=lambda unit: seen.append(Gezin.objects.filter(plan__isnull=False).count()))
    assert seen == [UNIT, 2 * UNIT]  # rows arrive per unit
    real = schaal._unit

    def failing(unit: int, *args: Any) -> None:
        real(unit, *args)
        if unit == 4:
            raise RuntimeError("disk full")

    monkeypatch.setattr(schaal, "_unit", failing)
    with pytest.raises(RuntimeError):
        _build(5)
    # Unit 3 stays (committed), unit 4 is rolled back whole, unit 5 never started.
    assert Gezin.objects.filter(plan__isnull=False).count() == 3 * UNIT
    monkeypatch.setattr(schaal, "_unit", real)
    assert _build(5) == 2  # units 1–3 are skipped
    assert Gezin.objects.filter(plan__isnull=False).count() == 5 * UNIT


@pytest.mark.django_db
def test_a_unit_takes_the_same_number_of_statements_whatever_its_size() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build(size=0)
    regios = schaal.demo_regions()
    schaal.bouwen(regios, size=1, eenheid=10, jeugdhulp=False, progress=schaal.Progress(1, io.StringIO()))
    with CaptureQueriesContext(connection) as small:
        schaal.bouwen(regios, size=2, eenheid=10, jeugdhulp=False, progress=schaal.Progress(2, io.StringIO()))
    with CaptureQueriesContext(connection) as large:
        schaal.bouwen(regios, size=3, eenheid=80, jeugdhulp=False, progress=schaal.Progress(3, io.StringIO()))
    # Eight times the families, about the same statements: everything is bulk.
    assert len(large.captured_queries) <= len(small.captured_queries) + 15


@pytest.mark.django_db
def test_a_generated_professional_sees_only_families_with_consent(no_2fa: None) -> None:
    build(size=0)
    _build(2, password=make_password(DEMO_PASSWORD))
    team = Organisatie.objects.filter(naam__startswith="Wijkteam Jeugd ", toestemmingen__isnull=False).first()
    assert team is not None
    prof = Gebruiker.objects.filter(medewerkerschappen__organisatie=team).order_by("id").first()
    assert prof is not None
    who = actor(prof.username)
    visible = set(gezinnen_visible_to(who).values_list("id", flat=True))
    consented = set(active_consents().filter(organisatie=team).values_list("gezin_id", flat=True))
    assert visible == consented and visible
    assert Gezin.objects.exclude(id__in=visible).exists()  # there are families they must not see
    # The generated consents carry their family's name, which the family list walks in order.
    naam = Gezin.objects.filter(pk=OuterRef("gezin_id")).values("naam")[:1]
    assert Toestemming.objects.exists() and not Toestemming.objects.exclude(gezin_naam=Subquery(naam)).exists()
    # And each plan the earliest open deadline of its agreements, which the late-agreements tile walks.
    plannen = Gezinsplan.objects.annotate(echt=eerste_open_deadline())
    assert plannen.exclude(echt=None).exists()
    assert not plannen.exclude(echt=None, eerste_open_deadline=None).exclude(eerste_open_deadline=F("echt")).exists()
    # Through the pages as well: a family without consent is a 404, one with consent opens.
    client = login(Client(), prof.username)
    other = Gezin.objects.exclude(id__in=visible).filter(plan__isnull=False).first()
    own = Gezin.objects.get(id=min(visible))
    assert other is not None
    assert client.get(f"/gezinnen/{other.uuid}/").status_code == 404
    assert client.get(f"/gezinnen/{own.uuid}/").status_code == 200
    # Consent withdrawn: gone at the next request, nothing cached.
    Toestemming.objects.filter(gezin=own, organisatie=team).update(ingetrokken_op=own.aangemaakt)
    assert client.get(f"/gezinnen/{own.uuid}/").status_code == 404


@pytest.mark.django_db
def test_every_municipality_has_a_population_and_every_region_its_monitor_facts() -> None:
    """The monitor's denominators and facts grow with the data: its pages are measured on them."""
    from jeugdketen.monitor.models import Bevolking, Feit

    build(size=0)
    gemeenten = Gemeente.objects.filter(regio__in=schaal.demo_regions())
    zonder = gemeenten.order_by("naam").first()
    assert zonder is not None
    Bevolking.objects.filter(gemeente=zonder).delete()  # as a generated municipality starts
    _build(2)
    jaren = set(Bevolking.objects.filter(gemeente=zonder, bron="schaal").values_list("jaar", flat=True))
    assert jaren == set(range(2018, kalender.vandaag().year + 1))
    for gemeente in gemeenten:  # the demo's own CSV (up to last year) or the generated rows
        jaren = {r.jaar: r.aantal for r in Bevolking.objects.filter(gemeente=gemeente)}
        assert 2018 in jaren and max(jaren) >= kalender.vandaag().year - 1, gemeente.naam
        assert all(aantal > 0 for aantal in jaren.values())
    for regio in schaal.demo_regions():
        assert Feit.objects.filter(regio=regio, indicator="jeugdhulp_pct").exists(), regio.naam


@pytest.mark.django_db
def test_youths_in_care_are_the_person_their_trajectories_name(monkeypatch: Any) -> None:
    """Issue 16: the watch lists pick youths through their person record; a generated family's
    youth in care must be the person its trajectories point at, or the lists have no candidates
    and their benchmark flatters."""
    build(size=0)
    # Parkstad's jeugdhulp at a tenth of its size: the same shape, fast enough for a test.
    monkeypatch.setattr(jeugdhulp_massa, "ONDER_18", {c: n // 10 for c, n in jeugdhulp_massa.ONDER_18.items()})
    schaal.bouwen(schaal.demo_regions(), size=1, eenheid=300, progress=schaal.Progress(3, io.StringIO()))
    generated = Gezinslid.objects.filter(soort=LidSoort.JEUGDIGE, gezin__plan__isnull=False)
    parkstad = generated.filter(gezin__gemeente__cbs_code__in=jeugdhulp_massa.ONDER_18)
    # Every youth member is a person record, with the member's own BSN and birth date.
    assert not generated.filter(persoon__isnull=True).exists()
    for lid in generated.select_related("persoon"):
        assert lid.persoon is not None
        assert (lid.persoon.bsn, lid.persoon.geboortedatum) == (lid.bsn, lid.geboortedatum)
    # A large share of Parkstad's youths has trajectories, on exactly the person the member links to.
    with_care = parkstad.filter(persoon__trajecten__isnull=False).distinct()
    assert with_care.count() >= 0.3 * parkstad.count() > 0
    for lid in with_care[:50]:
        names = set(Traject.objects.filter(jeugdige__bsn=lid.bsn).values_list("jeugdige_id", flat=True))
        assert names == {lid.persoon_id}
    # Every youth with trajectories whose BSN is in a family is linked there (none left over).
    in_families = Jeugdige.objects.filter(trajecten__isnull=False, bsn__in=generated.values("bsn")).distinct()
    assert in_families.count() == with_care.count()
    assert not Jeugdige.objects.annotate(n=Count("gezinsleden")).filter(n__gt=1).exists()  # one family each
    # The watch lists of the municipalities' access teams now have youths to show.
    today, totalen = kalender.vandaag(), toekomstplan.totals()
    found = dict.fromkeys(toekomstplan.LIJSTEN, 0)
    for gemeente in Gemeente.objects.filter(cbs_code__in=jeugdhulp_massa.ONDER_18):
        team = Organisatie.objects.filter(naam=f"Wijkteam Jeugd {gemeente.naam}").first()
        prof = Gebruiker.objects.filter(medewerkerschappen__organisatie=team).order_by("id").first()
        if prof is None:
            continue
        who = actor(prof.username)
        for lijst in toekomstplan.LIJSTEN:
            found[lijst] += toekomstplan.watch_list(
                who, lijst=lijst, gemeente=gemeente, op=today, totalen=totalen
            ).count()
    assert all(found.values()), found


@pytest.mark.django_db
def test_each_unit_looks_for_persons_in_care_after_those_linked_before(monkeypatch: Any) -> None:
    """A national build links persons in care to families unit after unit. Each unit must look
    after the persons already linked, not walk past all of them again: that walk grew with every
    unit and made the build's last units the slowest."""
    build(size=0)
    monkeypatch.setattr(jeugdhulp_massa, "ONDER_18", {c: n // 10 for c, n in jeugdhulp_massa.ONDER_18.items()})
    looks: list[tuple[int, int, int]] = []
    original = schaal._persons_in_care

    def spy(gemeente_id: int, n: int, today: Any, *, na: int = 0) -> Any:
        linked = personen_in_zorg(today).filter(woonplaatsen__gemeente_id=gemeente_id, gezinsleden__isnull=False)
        looks.append((gemeente_id, na, max(linked.values_list("id", flat=True), default=0)))
        return original(gemeente_id, n, today, na=na)

    monkeypatch.setattr(schaal, "_persons_in_care", spy)
    schaal.bouwen(schaal.demo_regions(), size=3, eenheid=100, progress=schaal.Progress(6, io.StringIO()))
    seen: set[int] = set()
    later = []
    for gemeente_id, na, highest in looks:
        if gemeente_id in seen:  # the first look of a build starts at the bottom
            later.append((na, highest))
        seen.add(gemeente_id)
    assert later, looks
    assert all(na == highest > 0 for na, highest in later), later


@pytest.mark.django_db
def test_the_build_plans_each_statement_with_its_own_values_and_leaves_the_connection_as_it_was() -> None:
    """With the app's prepared statements PostgreSQL may keep one generic plan for a lookup run
    more than five times; the build's lookups (persons in care after the last one linked) then
    read whole tables (a national family unit: 82 s instead of 1–2 s). The build plans per
    execution, and gives the connection back with the server's setting."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")

    build(size=0)
    tijdens: list[str] = []
    voor = _show("plan_cache_mode")
    _build(1, on_unit=lambda _unit: tijdens.append(_show("plan_cache_mode")))
    assert tijdens == ["force_custom_plan"]
    assert _show("plan_cache_mode") == voor == "auto"


def _show(setting: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {setting}")  # our own names
        return str(cursor.fetchone()[0])


def _dangling_foreign_keys() -> dict[str, int]:
    """Per foreign key of every table (through tables included): rows pointing at no row."""
    from django.apps import apps
    from django.db.models import Exists

    out = {}
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.concrete_fields:
            if not f.many_to_one and not f.one_to_one:
                continue
            target = f.remote_field.model._base_manager.filter(**{f.target_field.attname: OuterRef(f.attname)})
            n = model._base_manager.filter(**{f"{f.attname}__isnull": False}).exclude(Exists(target)).count()
            if n:
                out[f"{model._meta.label}.{f.name}"] = n
    return out


@pytest.mark.django_db
def test_every_foreign_key_of_a_build_points_at_a_row(monkeypatch: Any) -> None:
    """On PostgreSQL a unit is copied in without the database's foreign-key checks (they were half
    the build's time); the generator's own ids must hold them. Checked here on every table, with
    jeugdhulp, on both databases (SQLite checks nothing either way)."""
    from jeugdketen.core.models import Toegangslogregel

    build(size=0)
    monkeypatch.setattr(jeugdhulp_massa, "ONDER_18", {c: n // 20 for c, n in jeugdhulp_massa.ONDER_18.items()})
    log = Toegangslogregel.objects.count()
    schaal.bouwen(schaal.demo_regions(), size=2, eenheid=100, progress=schaal.Progress(3, io.StringIO()))
    assert Traject.objects.exists() and Melding.objects.exists() and Toekomstplan.objects.exists()
    assert _dangling_foreign_keys() == {}
    # The units run without triggers, the access log's chain head among them: they log nothing.
    assert Toegangslogregel.objects.count() == log


@pytest.mark.django_db
def test_a_unit_goes_without_the_deferred_checks_and_the_connection_gets_them_back(monkeypatch: Any) -> None:
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("session_replication_role is PostgreSQL's")

    build(size=0)
    tijdens: list[str] = []
    real = schaal._unit

    def spy(unit: int, *args: Any) -> None:
        tijdens.append(_show("session_replication_role"))
        real(unit, *args)
        if unit == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(schaal, "_unit", spy)
    _build(1)
    assert tijdens == ["replica"] and _show("session_replication_role") == "origin"
    with pytest.raises(RuntimeError):
        _build(2)  # a failed unit rolls back with its setting
    assert tijdens == ["replica", "replica"] and _show("session_replication_role") == "origin"
    gezin = Gezin.objects.filter(plan__isnull=False).first()
    assert gezin is not None
    # What the database no longer checks in a unit, the test above would find ...
    with pytest.raises(RuntimeError), transaction.atomic(), schaal.zonder_fk_controle():
        Gezin.objects.filter(pk=gezin.pk).update(gemeente_id=10**9)
        assert _dangling_foreign_keys() == {"gezinnen.Gezin.gemeente": 1}
        raise RuntimeError("roll back")
    # ... and the app's own writes are checked again: a family in a municipality that does not exist.
    with pytest.raises(IntegrityError), transaction.atomic():
        Gezin.objects.filter(pk=gezin.pk).update(gemeente_id=10**9)
        connection.check_constraints()
