"""The region changes the topic/item list; existing plans follow without losing progress (issue 5.2)."""

from __future__ import annotations

from typing import Any

import pytest

from jeugdketen.toekomstplan import selectors, services
from jeugdketen.toekomstplan.logevents import Segment
from jeugdketen.toekomstplan.models import Onderdeel, Onderwerp, Planonderdeel, Status

from .factories import OnderdeelFactory, as_actor, born_for_age, client_as, family_in_care, give_login, toegang

pytestmark = pytest.mark.usefixtures("no_2fa")


def test_the_seeded_list_has_every_topic_with_explanations_links_and_must_items(db: Any) -> None:
    keys = set(Onderwerp.objects.values_list("sleutel", flat=True))
    assert {"verzekeringen", "digid", "geld", "toeslagen", "inkomen", "studiefinanciering", "school", "werk",
            "wonen", "vrije-tijd", "zorg-na-18"} <= keys  # fmt: skip
    items = list(Onderdeel.objects.all())
    assert all(i.uitleg and i.link.startswith("https://") for i in items)
    must = {i.sleutel for i in items if i.voor_18}
    assert {"zorgverzekering", "digid-aanvragen", "bankrekening", "verlengde-jeugdhulp"} <= must
    assert {"pleegzorg-tot-21", "zorgtoeslag", "huurtoeslag", "studiefinanciering-aanvragen"} <= {
        i.sleutel for i in items
    }


def test_new_items_appear_retired_items_keep_their_progress(region: Any) -> None:
    _gezin, youth, _ = family_in_care(geboortedatum=born_for_age(17))
    give_login(youth, "tp-jongere")
    me = as_actor("tp-jongere")
    plan = services.toekomstplan_starten(jeugdige=youth, by=me)
    werk = Onderwerp.objects.get(sleutel="werk")
    services.onderwerpen_kiezen(
        toegang=toegang("tp-jongere", plan, segment=Segment.ONDERWERPEN), by=me, onderwerpen=[werk]
    )
    cv = Onderdeel.objects.get(sleutel="cv")
    services.onderdeel_bijwerken(
        toegang=toegang("tp-jongere", plan, segment=Segment.ONDERDELEN),
        by=me,
        onderdeel=cv,
        status=Status.GEREGELD,
        notitie="Klaar bij de mentor",
    )
    before = selectors.overview(plan)
    assert cv.pk in {r.onderdeel.pk for r in before.regels}
    # The region adds an item to a chosen topic, and a must item to a topic the youth did not choose.
    nieuw = OnderdeelFactory(onderwerp=werk, titel="Stage zoeken")
    moet = OnderdeelFactory(onderwerp=Onderwerp.objects.get(sleutel="toeslagen"), voor_18=True)
    after = selectors.overview(plan)
    shown = {r.onderdeel.pk for r in after.regels}
    assert {nieuw.pk, moet.pk} <= shown
    assert after.moet_totaal == before.moet_totaal + 1
    # The region retires the cv item: gone from the to-do list, progress kept and shown.
    Onderdeel.objects.filter(pk=cv.pk).update(actief=False)
    retired = selectors.overview(plan)
    assert cv.pk not in {r.onderdeel.pk for r in retired.regels}
    assert [(r.onderdeel.pk, r.status) for r in retired.niet_meer_in_lijst] == [(cv.pk, Status.GEREGELD)]
    assert Planonderdeel.objects.get(plan=plan, onderdeel=cv).notitie == "Klaar bij de mentor"
    page = client_as("tp-jongere").get(f"/toekomstplan/{plan.uuid}/").content.decode()
    assert "Niet meer in de lijst" in page
    # Back in the list: the progress is back too.
    Onderdeel.objects.filter(pk=cv.pk).update(actief=True)
    assert next(r for r in selectors.overview(plan).regels if r.onderdeel.pk == cv.pk).status == Status.GEREGELD
    # A retired topic takes its items out (must items included), keeping their progress rows.
    Onderwerp.objects.filter(pk=werk.pk).update(actief=False)
    assert cv.pk in {r.onderdeel.pk for r in selectors.overview(plan).niet_meer_in_lijst}


def test_the_region_maintains_the_list_in_beheer_but_cannot_delete_used_items(region: Any) -> None:
    client = client_as("beheer")
    assert client.get("/beheer/toekomstplan/onderwerp/").status_code == 200
    item = Onderdeel.objects.get(sleutel="cv")
    assert client.get(f"/beheer/toekomstplan/onderdeel/{item.pk}/change/").status_code == 200
    assert client.get(f"/beheer/toekomstplan/onderdeel/{item.pk}/delete/").status_code == 403
    assert client_as("toegang").get("/beheer/toekomstplan/onderwerp/").status_code in (302, 404)
