"""The demo region has connected organisations, registrations and matches in every state, and two
working demo API keys (README "Verwijsindex API (demo)")."""

from __future__ import annotations

from typing import Any

import pytest

from jeugdketen.demo.generator import build
from jeugdketen.demo.verwijsindex import DEMO_API_KEYS
from jeugdketen.verwijsindex.models import Aansluiting, Match, MatchStatus, Melding, MeldingStatus
from jeugdketen.verwijsindex.selectors import matches_voor_regie


@pytest.mark.django_db
def test_demo_has_every_state(client: Any) -> None:
    regio = build(size=2)
    assert Aansluiting.objects.count() >= 10
    hand = Melding.objects.exclude(bron="api")
    assert hand.filter(status=MeldingStatus.ACTIEF, match__isnull=True).exists()
    assert hand.filter(status=MeldingStatus.GEARCHIVEERD).exists()
    assert (
        hand.filter(geinformeerd_op__isnull=False).exists()
        and hand.filter(niet_geinformeerd_reden="veiligheid").exists()
    )
    assert hand.filter(automatische_reden="leeftijd_23").exists()
    active = Match.objects.filter(status=MatchStatus.ACTIEF)
    assert active.filter(contact_vastgelegd_op__isnull=False).exists()
    assert active.filter(regie_organisatie__isnull=False, contact_vastgelegd_op__isnull=True).exists()
    assert matches_voor_regie(regio.id).exists()  # escalated to functional management
    assert Melding.objects.filter(bron="api").count() >= 500  # bulk for size 2
    build(size=2)  # idempotent
    for _systeem, key in DEMO_API_KEYS.values():
        assert client.get("/api/v1/verwijsindex/meldingen/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
