"""The organisation's own registration list (`selectors.mijn_meldingen`): newest first, only its
own current registrations, and read by walking one index in the list's order so that a page costs
the same for an organisation with 400 registrations as for one with 10,000 (issue 16). Behind a
join on the organisation PostgreSQL read, joined and sorted every registration first."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from jeugdketen.organisaties.models import Organisatie
from jeugdketen.verwijsindex.models import Melding, MeldingStatus
from jeugdketen.verwijsindex.selectors import mijn_meldingen
from tests.conftest import actor
from tests.explain import NO_SEQSCAN, explain, nodes

from .factories import RegistratieFactory, organisatie


def test_the_list_holds_the_organisations_current_registrations_newest_first(region: Any) -> None:
    eigen = [RegistratieFactory(door="toegang").melding for _ in range(3)]
    anders = RegistratieFactory(door="school").melding
    Melding.objects.filter(pk=eigen[0].pk).update(aangemeld_op=eigen[2].aangemeld_op)  # a tie: newest id first
    lijst = list(mijn_meldingen(actor("toegang")))
    assert anders not in lijst
    assert {m.organisatie.naam for m in lijst} == {organisatie("Toegangsteam").naam}
    assert [(m.aangemeld_op, m.pk) for m in lijst] == sorted(((m.aangemeld_op, m.pk) for m in lijst), reverse=True)
    assert set(eigen) <= set(lijst)

    Melding.objects.filter(pk=eigen[1].pk).update(status=MeldingStatus.GEARCHIVEERD, archief_tot="2030-01-01")
    assert eigen[1] not in mijn_meldingen(actor("toegang"))


def test_who_must_not_see_the_list_sees_nothing(region: Any) -> None:
    RegistratieFactory(door="toegang")
    assert not mijn_meldingen(actor("crisisdienst")).exists()  # not meldingsbevoegd
    assert not mijn_meldingen(actor("school")).filter(organisatie=organisatie("Toegangsteam")).exists()
    Organisatie.objects.filter(pk=organisatie("Toegangsteam").pk).update(aangesloten_verwijsindex=False)
    assert not mijn_meldingen(actor("toegang")).exists()  # the organisation left the index


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("te_informeren", [False, True])
def test_a_page_walks_the_index_in_the_lists_order(region: Any, te_informeren: bool) -> None:
    """What the indexes allow: with sorting made a last resort, a page is still read without a
    sort — the order comes from the (organisatie, status, aangemeld_op, id) index itself."""
    page = mijn_meldingen(actor("toegang"), te_informeren=te_informeren)[:25]
    every = list(nodes(explain(page, NO_SEQSCAN, "enable_sort = off")))
    assert not [n for n in every if "Sort" in n["Node Type"]], [(n["Node Type"], n.get("Sort Key")) for n in every]
    walk = [n for n in every if n.get("Index Name") == "vi_melding_org_lijst"]
    assert walk and "organisatie_id" in walk[0]["Index Cond"], every
