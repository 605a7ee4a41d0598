"""The crisis case's "Zoek een crisisplek" page on real plekvrij data (the koppelingen adapter):
crisis places free now for the youth's age, nearest first; holding one makes a plekvrij
reservation with the youth's initials and age, and the place's free count drops."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.crisis import plekken
from jeugdketen.crisis.models import Aanpak, Crisiscasus
from jeugdketen.koppelingen.plekvrij_crisis import PlekvrijZoeker
from jeugdketen.plekvrij.models import Plek, Reservering, Soort
from jeugdketen.plekvrij.selectors import met_stand
from tests.crisis.helpers import melding, triage
from tests.plekvrij.factories import LocatieFactory, PlekFactory, gemeente


@pytest.fixture
def casus(region: Any) -> Crisiscasus:
    """A demo-like case (Sem, 15, Heerlen, crisis stay decided) with only this test's places."""
    Plek.objects.update(actief=False)
    c = melding()
    triage(c, Aanpak.VERBLIJF)
    return c


def _crisisplek(cbs: str, naam: str, **extra: Any) -> Plek:
    locatie = LocatieFactory(naam=naam, gemeente=gemeente(cbs))
    velden = {"soort": Soort.CRISISPLEK, "naam": "", "leeftijd_van": 12, "leeftijd_tot": 17, **extra}
    return PlekFactory(locatie=locatie, **velden)  # type: ignore[no-any-return]


def _vrij(plek: Plek) -> int:
    return met_stand(Plek.objects.filter(pk=plek.pk), timezone.now()).get().vrij_nu  # type: ignore[no-any-return]


def _url(casus: Crisiscasus) -> str:
    return f"/crisis/casus/{casus.uuid}/crisisplek/"


def test_the_koppelingen_app_registers_the_plekvrij_adapter() -> None:
    assert isinstance(plekken.zoeker(), PlekvrijZoeker)


def test_free_crisis_places_for_the_age_nearest_first_and_holding_one_reserves_it(
    casus: Crisiscasus, client_for: Any
) -> None:
    verder = _crisisplek("GM0928", "Crisisopvang Kerkrade", gecontracteerd=3, bezet=1)
    dichtbij = _crisisplek("GM0917", "Crisisopvang Heerlen", gecontracteerd=2, bezet=1)
    te_jong = _crisisplek("GM0917", "Crisisopvang Kleintjes", leeftijd_van=0, leeftijd_tot=11)
    PlekFactory(locatie=LocatieFactory(naam="Leefgroep Heerlen"), soort=Soort.LEEFGROEP)
    client = client_for("crisisdienst")

    html = client.get(_url(casus)).content.decode()

    assert "Crisisopvang Heerlen" in html and "Crisisopvang Kerkrade" in html
    assert html.index("Crisisopvang Heerlen") < html.index("Crisisopvang Kerkrade")
    assert "Crisisopvang Kleintjes" not in html and str(te_jong.uuid) not in html
    assert "Leefgroep Heerlen" not in html

    response = client.post(_url(casus), {"plek": str(verder.uuid)})

    assert response.status_code == 302 and f"plek_ref={verder.uuid}" in response["Location"]
    reservering = Reservering.objects.get(plek__in=[verder, dichtbij, te_jong])
    assert reservering.plek == verder
    assert (reservering.initialen, reservering.leeftijd) == ("S.", 15)
    assert reservering.organisatie.naam == "Integrale Crisisdienst Jeugd Zuid-Limburg"
    assert reservering.contact_telefoon
    assert str(casus.uuid) in reservering.toelichting and "Sem" not in reservering.toelichting
    assert _vrij(verder) == 1
    assert _vrij(dichtbij) == 1


def test_a_full_place_is_not_offered_and_cannot_be_held(casus: Crisiscasus, client_for: Any) -> None:
    vol = _crisisplek("GM0917", "Crisisopvang Vol", gecontracteerd=2, bezet=2)
    client = client_for("crisisdienst")

    html = client.get(_url(casus)).content.decode()
    assert "Crisisopvang Vol" not in html
    assert "geen passende crisisplek vrij" in html

    response = client.post(_url(casus), {"plek": str(vol.uuid)})
    assert response.status_code == 200 and "net bezet" in response.content.decode()
    assert not Reservering.objects.filter(plek=vol).exists()


def test_a_place_of_another_kind_or_a_bad_reference_is_not_held(casus: Crisiscasus, client_for: Any) -> None:
    leefgroep = PlekFactory(locatie=LocatieFactory(naam="Leefgroep Heerlen"), soort=Soort.LEEFGROEP)
    client = client_for("crisisdienst")
    for ref in (str(leefgroep.uuid), "geen-uuid", ""):
        response = client.post(_url(casus), {"plek": ref})
        assert response.status_code == 200 and "net bezet" in response.content.decode()
    assert not Reservering.objects.filter(plek=leefgroep).exists()


def test_someone_without_crisis_access_gets_404_and_reserves_nothing(casus: Crisiscasus, client_for: Any) -> None:
    plek = _crisisplek("GM0917", "Crisisopvang Heerlen")
    for username in ("veiligthuis", "aanbieder"):
        client = client_for(username)
        assert client.get(_url(casus)).status_code == 404
        assert client.post(_url(casus), {"plek": str(plek.uuid)}).status_code == 404
    assert not Reservering.objects.filter(plek=plek).exists()


def test_the_page_makes_the_same_number_of_queries_for_more_places(casus: Crisiscasus, client_for: Any) -> None:
    client = client_for("crisisdienst")
    _crisisplek("GM0917", "Crisisopvang 1")
    client.get(_url(casus))
    with CaptureQueriesContext(connection) as een:
        client.get(_url(casus))
    for n in range(2, 6):
        _crisisplek("GM0928", f"Crisisopvang {n}")
    with CaptureQueriesContext(connection) as vijf:
        html = client.get(_url(casus)).content.decode()
    assert "Crisisopvang 5" in html
    assert len(vijf) == len(een)
