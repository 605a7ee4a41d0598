"""F2 and the one-regisseur rule under real concurrency (PostgreSQL, threads with their own
connections): two people saving the same plan at once → exactly one new version, the other gets
the stale refusal with the newer version, nothing is overwritten; concurrent regie handovers →
exactly one regisseur and one open period at every moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

from jeugdketen.demo.generator import build
from jeugdketen.gezinsplan import services
from jeugdketen.gezinsplan.models import Gezinsplan, Planversie, Regieperiode
from jeugdketen.organisaties.models import Gebruiker
from tests.conftest import actor
from tests.gezinnen.helpers import consent_for, make_family, make_plan, plan_access

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pg() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def race(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs at the same moment, each on its own thread and connection; return per job
    its result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return job()
        except Exception as exc:  # noqa: BLE001 - returned and asserted by the caller
            return exc
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_two_people_saving_at_once_one_wins_the_other_is_refused_and_nothing_is_lost(pg: None) -> None:
    build(size=0)
    gezin = make_family()
    consent_for(gezin, "school")
    plan = make_plan(gezin)
    editors = {"toegang": actor("toegang"), "school": actor("school")}
    for round_ in range(3):
        basis = Gezinsplan.objects.get(pk=plan.pk).versie
        texts = {name: f"Ronde {round_}: tekst van {name}." for name in editors}

        def save(name: str, basis: int = basis, texts: dict[str, str] = texts) -> Planversie:
            # as the page does: fetch the plan (the access is logged), then the service
            return services.plan_wijzigen(
                toegang=plan_access(plan, name), by=editors[name], basis_versie=basis, situatie=texts[name]
            )

        results = race([lambda n=name: save(n) for name in editors])  # type: ignore[misc]
        saved = [r for r in results if isinstance(r, Planversie)]
        refused = [r for r in results if isinstance(r, services.VerouderdeVersie)]
        assert len(saved) == 1 and len(refused) == 1, results
        winner = saved[0]
        assert winner.nummer == basis + 1
        # the refusal shows the newer version, so the loser can compare it with their own text
        assert refused[0].nieuwste is not None and refused[0].nieuwste.nummer == basis + 1
        current = Gezinsplan.objects.select_related("huidige_versie").get(pk=plan.pk)
        assert current.versie == basis + 1 and current.huidige_versie_id == winner.pk
        assert current.huidige_versie is not None and current.huidige_versie.situatie in texts.values()
    # every version is kept, numbered without gaps or doubles, and never changed
    assert list(Planversie.objects.filter(plan=plan).order_by("nummer").values_list("nummer", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert Planversie.objects.get(plan=plan, nummer=1).situatie == "Zorgen over school."


def test_concurrent_regie_handovers_leave_exactly_one_regisseur_at_all_times(pg: None) -> None:
    build(size=0)
    gezin = make_family()
    for who in ("school", "aanbieder", "huisarts"):
        consent_for(gezin, who)
    plan = make_plan(gezin)
    users = {u.username: u for u in Gebruiker.objects.filter(username__in=["school", "aanbieder", "huisarts"])}
    by = {name: actor(name) for name in ("toegang", "school", "aanbieder")}
    stop = threading.Event()
    seen: list[tuple[int, bool]] = []

    def watch() -> None:
        try:
            while not stop.is_set():
                open_periods = Regieperiode.objects.filter(plan=plan, tot__isnull=True).count()
                row = Gezinsplan.objects.filter(pk=plan.pk).values_list(
                    "regisseur_gezinslid_id", "regisseur_medewerker_id"
                )[0]
                seen.append((open_periods, (row[0] is None) != (row[1] is None)))
        finally:
            connections.close_all()

    def hand(giver: str, to: str) -> Gezinsplan:
        return services.regie_overdragen(
            toegang=plan_access(plan, giver),
            by=by[giver],
            reden=f"{giver} geeft aan {to}",
            naar_medewerker=users[to],
        )

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _round in range(3):
            results = race(
                [
                    lambda: hand("toegang", "school"),
                    lambda: hand("school", "aanbieder"),
                    lambda: hand("aanbieder", "huisarts"),
                ]
            )
            assert all(isinstance(r, Gezinsplan) for r in results), results
    finally:
        stop.set()
        watcher.join()
    assert seen and all(periods == 1 and one for periods, one in seen), set(seen)
    periods = list(Regieperiode.objects.filter(plan=plan).order_by("van", "id"))
    assert len(periods) == 1 + 3 * 3  # every handover is kept in the history, with its reason
    assert sum(p.tot is None for p in periods) == 1
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.tot == later.van  # no gap and no overlap
    final = Gezinsplan.objects.get(pk=plan.pk)
    assert final.regisseur_medewerker_id == periods[-1].medewerker_id
