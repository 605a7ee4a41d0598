"""The professional's family list (page and API share `selectors.plan_list_for`): every family
once, in the order of its name, each with the consent that is its basis of access; read by
walking the (organisatie, gezin_naam, gezin) index of the team's consents in that order, so that
page 1 costs the same for a team with 200 families as for one with 5,000 (issue 16: the list
joined and sorted the whole caseload before taking 25).

The scope is `gezinnen.selectors.scoped_to_families`: a professional's rows are joined to one
consent, the first of theirs in force by kind and id."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import OuterRef
from django.utils import timezone

from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Toestemming, ToestemmingSoort
from jeugdketen.gezinsplan import selectors
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from jeugdketen.organisaties.selectors import build_actor
from tests.conftest import actor
from tests.explain import NO_SEQSCAN, explain, nodes
from tests.gezinnen.factories import GezinFactory, ToestemmingFactory
from tests.organisaties.factories import MedewerkerFactory

from .factories import GezinsplanFactory


def _team() -> Organisatie:
    return Organisatie.objects.get(uuid=actor("toegang").organisatie_id)


def _family_with_plan(naam: str, **consent: Any) -> Gezin:
    gezin = GezinFactory(naam=naam)
    GezinsplanFactory(gezin=gezin)
    ToestemmingFactory(gezin=gezin, organisatie=_team(), **consent)
    return gezin


def _listed(login: str) -> list[Any]:
    return list(selectors.plan_list_for(actor(login)))


def test_a_family_with_several_consents_of_the_team_is_listed_once_on_its_first_basis(region: Any) -> None:
    gezin = _family_with_plan("Gezin Dubbel")
    mandaat = ToestemmingFactory(gezin=gezin, organisatie=_team(), mandaat=True)
    ToestemmingFactory(gezin=gezin, organisatie=_team(), medewerker=Gebruiker.objects.get(username="toegang"))
    collega = MedewerkerFactory(organisatie=_team()).gebruiker
    ToestemmingFactory(gezin=gezin, organisatie=_team(), medewerker=collega)

    rows = [p for p in _listed("toegang") if p.gezin_id == gezin.pk]
    assert len(rows) == 1 and rows[0].toegang_soort == ToestemmingSoort.MANDAAT  # "mandaat" sorts first
    assert selectors.plan_list_for(actor("toegang")).filter(gezin=gezin).count() == 1
    assert gezinnen.gezinnen_visible_to(actor("toegang")).filter(pk=gezin.pk).count() == 1

    # The mandate withdrawn: still once, now on the consent.
    Toestemming.objects.filter(pk=mandaat.pk).update(ingetrokken_op=timezone.now())
    rows = [p for p in _listed("toegang") if p.gezin_id == gezin.pk]
    assert len(rows) == 1 and rows[0].toegang_soort == ToestemmingSoort.TOESTEMMING


def test_who_has_no_consent_in_force_does_not_find_the_family(region: Any) -> None:
    collega = MedewerkerFactory(organisatie=_team()).gebruiker
    gezin = _family_with_plan("Gezin Persoonlijk", medewerker=collega)  # for the colleague by name only
    verlopen = _family_with_plan("Gezin Verlopen")
    Toestemming.objects.filter(gezin=verlopen).update(ingetrokken_op=timezone.now())

    assert not [p for p in _listed("toegang") if p.gezin_id in (gezin.pk, verlopen.pk)]
    assert not [p for p in _listed("aanbieder") if p.gezin_id in (gezin.pk, verlopen.pk)]  # another organisation
    collega_ziet = selectors.plan_list_for(build_actor(collega, organisatie_uuid=None, ip="127.0.0.1", request_id="t"))
    assert [p.gezin_id for p in collega_ziet if p.gezin_id in (gezin.pk, verlopen.pk)] == [gezin.pk]


def test_the_list_is_in_name_order_and_follows_a_new_name(region: Any) -> None:
    namen = ["Gezin Zwart", "gezin de Boer", "Gezin Álvarez", "Gezin Boer", "Gezin Boer"]
    gezinnen_ids = [_family_with_plan(n).pk for n in namen]
    listed = [p.gezin_id for p in _listed("toegang")]
    # The database's own order of the families' names (its collation), ties by id.
    assert listed == list(Gezin.objects.filter(pk__in=listed).order_by("naam", "id").values_list("pk", flat=True))
    assert set(gezinnen_ids) <= set(listed)

    zwart = Gezin.objects.get(pk=gezinnen_ids[0])
    zwart.naam = "Gezin Aa"
    zwart.save()
    assert set(Toestemming.objects.filter(gezin=zwart).values_list("gezin_naam", flat=True)) == {"Gezin Aa"}
    listed = [p.gezin_id for p in _listed("toegang")]
    assert listed == list(Gezin.objects.filter(pk__in=listed).order_by("naam", "id").values_list("pk", flat=True))


def test_existing_consents_get_their_family_name_from_the_migration(region: Any) -> None:
    gezin = _family_with_plan("Gezin Van Voor")
    Toestemming.objects.filter(gezin=gezin).update(gezin_naam="")
    migratie = importlib.import_module("jeugdketen.gezinnen.migrations.0005_toestemming_gezin_naam")
    migratie.copy_family_names(apps, None)
    assert set(Toestemming.objects.filter(gezin=gezin).values_list("gezin_naam", flat=True)) == {"Gezin Van Voor"}
    assert not Toestemming.objects.exclude(gezin_naam=Gezin.objects.filter(pk=OuterRef("gezin_id")).values("naam")[:1])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("filters", [{}, {"regisseur": "ik"}])
def test_a_page_walks_the_teams_consents_in_name_order(region: Any, filters: dict[str, str]) -> None:
    """What the indexes allow: with sorting made a last resort the page still needs none — the
    order comes from the consent index, and the families and plans are looked up per row."""
    for i in range(5):
        _family_with_plan(f"Gezin Plan {i}")
    page = selectors.plan_list_for(actor("toegang"), **filters)[:25]
    every = list(nodes(explain(page, NO_SEQSCAN, "enable_sort = off")))
    assert not [n for n in every if "Sort" in n["Node Type"]], [(n["Node Type"], n.get("Sort Key")) for n in every]
    walk = [n for n in every if n.get("Index Name") == "toestemming_org_naam"]
    assert walk and "organisatie_id" in walk[0]["Index Cond"], [(n["Node Type"], n.get("Index Name")) for n in every]


def test_the_count_is_the_lists_rows_counted_on_the_teams_own_consents(client_for: Any) -> None:
    """The list and the plan API count on the team's consent rows (`lijst_telling`, issue 16): a
    family with two bases counts once, one without a plan or without a consent in force of the
    login's not at all — exactly the rows the list shows, capped like every list."""
    dubbel = _family_with_plan("Gezin Geteld")
    ToestemmingFactory(gezin=dubbel, organisatie=_team(), mandaat=True)
    _family_with_plan("Gezin Enkel")
    ToestemmingFactory(gezin=GezinFactory(naam="Gezin Zonder Plan"), organisatie=_team())
    _family_with_plan("Gezin Persoonlijk", medewerker=MedewerkerFactory(organisatie=_team()).gebruiker)
    verlopen = _family_with_plan("Gezin Verlopen")
    Toestemming.objects.filter(gezin=verlopen).update(ingetrokken_op=timezone.now())

    telling = selectors.lijst_telling(actor("toegang"))
    assert telling is not None
    rijen = len(_listed("toegang"))
    assert rijen >= 2 and telling(10**6) == rijen and telling(2) == 2
    client = client_for("toegang")
    assert client.get("/gezinnen/").context["page"].paginator.count == rijen
    assert client.get("/api/v1/gezinsplannen/").json()["count"] == rijen
    # A filter counts the filtered list itself; another organisation counts only its own families.
    assert selectors.lijst_telling(actor("toegang"), regisseur="ik") is None
    anderen = selectors.lijst_telling(actor("aanbieder"))
    assert anderen is not None and anderen(10**6) == len(_listed("aanbieder"))
    assert dubbel.pk not in {p.gezin_id for p in _listed("aanbieder")}
