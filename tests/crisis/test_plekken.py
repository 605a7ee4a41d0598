"""Point 7, the case side of crisis places: the case asks the registered place finder (plekvrij,
once it is built) for places free now for the youth's age, reserves one for a set number of
hours with a pseudonymous reference, and lands on the 'crisis stay started' moment with the place
filled in. Without a place finder the page says so and the place is recorded by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jeugdketen.crisis import plekken
from jeugdketen.crisis.models import Aanpak
from tests.crisis.helpers import melding, triage


class Zoeker:
    """The interface plekvrij implements, with two places (a test double of a module not yet built)."""

    def __init__(self) -> None:
        self.gezocht: list[dict[str, Any]] = []
        self.gereserveerd: list[dict[str, Any]] = []
        nu = timezone.now()
        self.plekken = [
            plekken.Crisisplek(
                ref="p1",
                naam="Crisisgezin Kerkrade",
                aanbieder="Pleegzorg",
                gemeente="Kerkrade",
                vrij=1,
                telefoon="045-1",
                bijgewerkt=nu,
                afstand_km=6,
            ),
            plekken.Crisisplek(
                ref="p2",
                naam="Crisisopvang De Horst",
                aanbieder="Jeugdhulp",
                gemeente="Heerlen",
                vrij=2,
                telefoon="045-2",
                bijgewerkt=nu - dt.timedelta(days=3),
                afstand_km=1,
                verouderd=True,
            ),
        ]

    def zoek(self, actor: Any, *, leeftijd: int | None, gemeente: Any, op: dt.datetime) -> list[plekken.Crisisplek]:
        self.gezocht.append({"leeftijd": leeftijd, "gemeente": gemeente.cbs_code})
        return sorted(self.plekken, key=lambda p: p.afstand_km or 0)

    def reserveer(
        self, actor: Any, *, plek_ref: str, uren: int, kenmerk: str, initialen: str, leeftijd: int | None
    ) -> plekken.Reservering:
        if plek_ref == "p2":
            raise plekken.PlekNietBeschikbaar
        self.gereserveerd.append({"plek": plek_ref, "uren": uren, "kenmerk": kenmerk})
        plek = next(p for p in self.plekken if p.ref == plek_ref)
        return plekken.Reservering(ref="r1", plek=plek, tot=timezone.now() + dt.timedelta(hours=uren))


@pytest.fixture
def zoeker() -> Any:
    echt = plekken.zoeker()  # the koppelingen app's plekvrij adapter, put back afterwards
    z = Zoeker()
    plekken.register(z)
    yield z
    plekken.unregister()
    if echt is not None:
        plekken.register(echt)


@pytest.fixture
def zonder_zoeker() -> Any:
    echt = plekken.zoeker()
    plekken.unregister()
    yield
    if echt is not None:
        plekken.register(echt)


@pytest.mark.usefixtures("zonder_zoeker")
def test_without_plekvrij_the_page_says_so(client_for: Any) -> None:
    casus = melding()
    html = client_for("crisisdienst").get(f"/crisis/casus/{casus.uuid}/crisisplek/").content.decode()
    assert "nog niet aangesloten" in html
    assert f"/crisis/casus/{casus.uuid}/moment/?soort=verblijf_start" in html


def test_search_nearest_first_and_reserve_for_a_set_number_of_hours(client_for: Any, zoeker: Zoeker) -> None:
    casus = melding()
    triage(casus, Aanpak.VERBLIJF)
    client = client_for("crisisdienst")
    html = client.get(f"/crisis/casus/{casus.uuid}/crisisplek/").content.decode()
    assert zoeker.gezocht == [{"leeftijd": 15, "gemeente": "GM0917"}]
    assert html.index("Crisisopvang De Horst") < html.index("Crisisgezin Kerkrade")
    assert "niet actueel" in html
    response = client.post(f"/crisis/casus/{casus.uuid}/crisisplek/", {"plek": "p2"})
    assert response.status_code == 200 and "net bezet" in response.content.decode()
    response = client.post(f"/crisis/casus/{casus.uuid}/crisisplek/", {"plek": "p1"})
    assert zoeker.gereserveerd == [{"plek": "p1", "uren": plekken.RESERVERING_UREN, "kenmerk": f"crisis:{casus.uuid}"}]
    assert (
        response.status_code == 302
        and "soort=verblijf_start" in response["Location"]
        and "plek_ref=p1" in response["Location"]
    )
    form = client.get(response["Location"]).content.decode()
    assert 'value="Crisisgezin Kerkrade"' in form and 'value="p1"' in form
    client.post(
        f"/crisis/casus/{casus.uuid}/moment/",
        {
            "soort": "verblijf_start",
            "tijdstip": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "plek": "Crisisgezin Kerkrade",
            "plek_ref": "p1",
        },
    )
    moment = casus.momenten.get(soort="verblijf_start")
    assert (moment.plek, moment.plek_ref) == ("Crisisgezin Kerkrade", "p1")
    assert casus.klokken.filter(norm="verblijf").exists()
