"""The youth's pages: start, choose topics, complete items, assistant, exports — and bad input
always gets a clear Dutch message, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.core.models import Actie, OutboxBericht, Toegangslogregel
from jeugdketen.gezinnen.models import Netwerklid
from jeugdketen.toekomstplan import services
from jeugdketen.toekomstplan.logevents import Segment
from jeugdketen.toekomstplan.models import Onderdeel, Onderwerp, Planonderdeel, Status, Toekomstplan

from .factories import (
    PlanonderdeelFactory,
    as_actor,
    born_for_age,
    client_as,
    family_in_care,
    give_login,
    toegang,
)

pytestmark = pytest.mark.usefixtures("no_2fa")


@pytest.fixture
def youth(region: Any) -> Any:
    gezin, lid, parent = family_in_care(geboortedatum=born_for_age(16, 8))
    give_login(lid, "tp-daan")
    return lid


def _start(client: Any, lid: Any) -> Toekomstplan:
    response = client.post(f"/toekomstplan/starten/{lid.uuid}/")
    assert response.status_code == 302
    return Toekomstplan.objects.get(jeugdige=lid)


def test_the_youth_starts_chooses_topics_and_completes_items(youth: Any) -> None:
    client = client_as("tp-daan")
    assert "Toekomstplan starten" in client.get("/toekomstplan/").content.decode()
    plan = _start(client, youth)
    assert plan.gezinsplan is not None  # linked to the family plan
    werk, wonen = Onderwerp.objects.get(sleutel="werk"), Onderwerp.objects.get(sleutel="wonen")
    response = client.post(f"/toekomstplan/{plan.uuid}/onderwerpen/", {"onderwerpen": [werk.uuid, wonen.uuid]})
    assert response.status_code == 302
    page = client.get(f"/toekomstplan/{plan.uuid}/").content.decode()
    assert "Een cv maken" in page and "DigiD aanvragen" in page  # chosen topic + must item
    assert "Studiefinanciering of tegemoetkoming" not in page  # not chosen
    cv = Onderdeel.objects.get(sleutel="cv")
    response = client.post(f"/toekomstplan/{plan.uuid}/onderdeel/{cv.uuid}/", {"status": "geregeld", "snel": "1"})
    assert response.status_code == 302
    assert Planonderdeel.objects.get(plan=plan, onderdeel=cv).status == Status.GEREGELD
    response = client.post(
        f"/toekomstplan/{plan.uuid}/onderdeel/{cv.uuid}/", {"status": "bezig", "eigenaar": "assistent", "notitie": "ok"}
    )
    row = Planonderdeel.objects.get(plan=plan, onderdeel=cv)
    assert (row.status, row.eigenaar, row.notitie) == (Status.BEZIG, "assistent", "ok")
    assert (
        Toegangslogregel.objects.filter(object_id=str(plan.uuid), actie=Actie.UPDATE, segment="onderdelen").count() == 2
    )


def test_bad_input_gets_dutch_messages(youth: Any) -> None:
    client = client_as("tp-daan")
    plan = _start(client, youth)
    response = client.post(f"/toekomstplan/{plan.uuid}/onderwerpen/", {"onderwerpen": ["geen-uuid"]})
    assert response.status_code == 200 and "staat niet meer in de lijst" in response.content.decode()
    digid = Onderdeel.objects.get(sleutel="digid-aanvragen")
    url = f"/toekomstplan/{plan.uuid}/onderdeel/{digid.uuid}/"
    for data, message in [
        ({"status": "vergeten"}, "Kies een van de mogelijkheden"),
        ({"status": "niet_nodig"}, "Kies een van de mogelijkheden"),  # a must item cannot be 'not needed'
        ({}, "Maak een keuze"),
        ({"status": "open", "notitie": "x" * 301}, "maximaal 300 tekens"),
        ({"status": "open", "eigenaar": "buurman"}, "Kies een van de mogelijkheden"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    with pytest.raises(Exception, match="Niet nodig|18e"):
        services.onderdeel_bijwerken(
            toegang=toegang("tp-daan", plan, segment=Segment.ONDERDELEN),
            by=as_actor("tp-daan"),
            onderdeel=digid,
            status=Status.NIET_NODIG,
        )
    # An item of a topic the youth did not choose is not in the plan.
    cv = Onderdeel.objects.get(sleutel="cv")
    response = client.post(f"/toekomstplan/{plan.uuid}/onderdeel/{cv.uuid}/", {"status": "geregeld"}, follow=True)
    assert "staat niet (meer) in dit toekomstplan" in response.content.decode()
    # Starting twice: one plan per youth.
    response = client.post(f"/toekomstplan/starten/{youth.uuid}/", follow=True)
    assert "Er is al een toekomstplan" in response.content.decode()
    assert Toekomstplan.objects.filter(jeugdige=youth).count() == 1
    response = client.post(f"/toekomstplan/{plan.uuid}/delen/", {"delen": "misschien"}, follow=True)
    assert "ja of nee" in response.content.decode()


def test_a_youth_under_16_cannot_start_alone_but_a_professional_can_from_15(region: Any) -> None:
    _g, lid, _p = family_in_care(geboortedatum=born_for_age(15, 2))
    give_login(lid, "tp-jong")
    assert client_as("tp-jong").post(f"/toekomstplan/starten/{lid.uuid}/").status_code == 404
    assert client_as("toegang").post(f"/toekomstplan/starten/{lid.uuid}/").status_code == 302
    assert Toekomstplan.objects.filter(jeugdige=lid).exists()
    assert OutboxBericht.objects.filter(ontvanger__username="tp-jong", soort="toekomstplan_gestart").exists()


def test_invite_an_assistant_who_sees_only_the_toekomstplan(youth: Any) -> None:
    client = client_as("tp-daan")
    plan = _start(client, youth)
    response = client.post(f"/toekomstplan/{plan.uuid}/assistent/", {"actie": "uitnodigen", "nodig-relatie": "familie"})
    assert response.status_code == 200 and "Vul de naam in" in response.content.decode()
    response = client.post(
        f"/toekomstplan/{plan.uuid}/assistent/",
        {"actie": "uitnodigen", "nodig-naam": "Anna Janssen", "nodig-relatie": "familie", "nodig-email": ""},
    )
    assert response.status_code == 200 and "Geef deze code aan je assistent" in response.content.decode()
    plan.refresh_from_db()
    lid = Netwerklid.objects.get(pk=plan.assistent_id)
    assert lid.naam == "Anna Janssen" and lid.ziet_plan is False


def test_pdf_and_own_data_download(youth: Any) -> None:
    client = client_as("tp-daan")
    plan = _start(client, youth)
    pdf = client.get(f"/toekomstplan/{plan.uuid}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    data = client.get(f"/toekomstplan/{plan.uuid}/mijn-gegevens/")
    assert data.status_code == 200
    body = json.loads(data.content)
    assert body["id"] == str(plan.uuid) and body["jongere"]["voornaam"] == youth.voornaam
    assert any(o["onderdeel"] == "DigiD aanvragen" and o["moet_voor_18"] for o in body["onderdelen"])
    assert Toegangslogregel.objects.filter(object_id=str(plan.uuid), actie=Actie.EXPORT).count() == 2
    # Professionals may print the plan, but the data download is the youth's own.
    assert client_as("toegang").get(f"/toekomstplan/{plan.uuid}/pdf/").status_code == 200
    assert client_as("toegang").get(f"/toekomstplan/{plan.uuid}/mijn-gegevens/").status_code == 404
    assert client.get(f"/toekomstplan/{plan.uuid}/wie-heeft-gekeken/").status_code == 200


def test_the_plan_page_query_count_does_not_grow_with_the_catalogue(youth: Any, django_assert_num_queries: Any) -> None:
    client = client_as("tp-daan")
    plan = _start(client, youth)
    client.post(f"/toekomstplan/{plan.uuid}/onderwerpen/", {"onderwerpen": [o.uuid for o in Onderwerp.objects.all()]})
    client.get(f"/toekomstplan/{plan.uuid}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/toekomstplan/{plan.uuid}/")
    werk = Onderwerp.objects.get(sleutel="werk")
    PlanonderdeelFactory.create_batch(10, plan=plan, onderdeel__onderwerp=werk, status=Status.BEZIG)
    with django_assert_num_queries(len(before)):
        assert client.get(f"/toekomstplan/{plan.uuid}/").status_code == 200
