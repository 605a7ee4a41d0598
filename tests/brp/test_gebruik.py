"""The uses of the BRP, each with the BRP reachable and unreachable (docs/brp.md):

(a) a family member's name, birth date and address come from the BRP, with the date checked;
(b) the responsible municipality of a youth follows the BRP's gemeenteVanInschrijving;
(c) consent for a youth under 16 needs a parent with custody according to the BRP;
(d) a death recorded in the BRP removes the youth's verwijsindex registrations and stops invitations;
(e) an address under BRP geheimhouding is shown to nobody but the person themself.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jeugdketen.brp import standin
from jeugdketen.core import kalender
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.gezinnen import selectors as gezinnen_selectors
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, Uitnodiging
from jeugdketen.organisaties.models import Gemeente, Organisatie
from jeugdketen.personen import selectors as personen_selectors
from jeugdketen.personen.models import BrpGegevens, Jeugdige, Woonplaatsperiode
from jeugdketen.personen.services import personen_brp_bijwerken
from jeugdketen.verwijsindex.models import Match, MatchStatus, Melding
from tests.conftest import actor
from tests.verwijsindex.factories import RegistratieFactory

from .conftest import EVA, ILSE, LARS, LOTTE, ROEL, gezin_met, stop_brp

pytestmark = pytest.mark.django_db


def geboren(persoon: Any, bsn: str) -> date:
    return date.fromisoformat(persoon(bsn)["geboorte"]["datum"]["datum"])


def vaessen(persoon: Any, gemeente: str = "GM0917") -> Gezin:
    """Eva (custody), Roel (father of Lars, no custody in the BRP but recorded 'met gezag' here,
    and with his name misspelt) and Lars (8)."""
    return gezin_met(
        "Gezin Vaessen",
        gemeente,
        ("ouder", EVA, "Eva", "Vaessen"),
        ("ouder", ROEL, "Roeland", "Klein"),
        ("jeugdige", LARS, "Lars", "Kleijnen"),
    )


def lid(gezin: Gezin, bsn: str) -> Gezinslid:
    return Gezinslid.objects.get(gezin=gezin, bsn=bsn)


# (a) ------------------------------------------------------------------------------------------


def test_family_page_shows_brp_data_and_keeps_it_when_the_brp_is_down(
    region: Any, brp: Any, persoon: Any, client_for: Any, settings: Any
) -> None:
    gezin = vaessen(persoon)
    client = client_for("toegang")
    page = client.get(f"/gezinnen/{gezin.uuid}/").content.decode()
    assert "Roel Kleijnen" in page and "Roeland Klein" not in page  # the BRP's name
    assert "Hoofdstraat 41" in page  # Roel's address (no geheimhouding)
    assert "komen uit de BRP (gecontroleerd op" in page
    gegevens = BrpGegevens.objects.get(bsn=ROEL)
    assert gegevens.brp_gecontroleerd_op is not None and gegevens.geslachtsnaam == "Kleijnen"
    assert Jeugdige.objects.get(bsn=LARS).brp_gecontroleerd_op is not None
    # each BRP call is in the access log with its purpose and the family's id, never a BSN
    rows = Toegangslogregel.objects.filter(object_type="brp_bevraging")
    assert set(rows.values_list("segment", flat=True)) == {
        "gezinslid_persoonsgegevens",
        "woonplaatsbeginsel",
        "toestemming_gezag",
    }
    assert set(rows.values_list("client_id", flat=True)) == {f"gezin:{gezin.uuid}"}

    stop_brp(settings, brp)
    response = client.get(f"/gezinnen/{gezin.uuid}/")
    assert response.status_code == 200
    page = response.content.decode()
    datum = timezone.localtime(gegevens.brp_gecontroleerd_op)
    assert f"Gegevens uit de BRP van {datum.day}" in page and "de BRP is nu niet bereikbaar" in page
    assert "Roel Kleijnen" in page and "Hoofdstraat 41" in page  # the last known data


def test_family_page_without_any_brp_answer_says_so(
    region: Any, brp_onbereikbaar: str, persoon: Any, client_for: Any
) -> None:
    gezin = vaessen(persoon)
    response = client_for("toegang").get(f"/gezinnen/{gezin.uuid}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "De BRP is nu niet bereikbaar. U ziet de gegevens zoals ze in Jeugdketen zijn vastgelegd." in page
    assert "Roeland Klein" in page


def test_network_member_view_asks_no_brp(region: Any, brp: Any, persoon: Any) -> None:
    gezin = vaessen(persoon)
    rol = gezinnen_selectors.GezinsRol(soort=gezinnen_selectors.NETWERK, gezin_id=gezin.pk, grondslag="netwerk")
    assert all(not lid.adres and lid.geboortedatum is None for lid in gezinnen_selectors.ledenoverzicht(rol, gezin))


# (b) ------------------------------------------------------------------------------------------


def test_responsible_municipality_follows_the_brp(region: Any, brp: Any, persoon: Any, settings: Any) -> None:
    vaessen(persoon, gemeente="GM0917")  # recorded in Heerlen; the BRP has Lars in Brunssum
    jeugdige = Jeugdige.objects.get(bsn=LARS)
    a_year_ago = kalender.vandaag() - timedelta(days=365)
    Woonplaatsperiode.objects.filter(jeugdige=jeugdige).update(vanaf=a_year_ago)  # recorded a year ago
    assert personen_selectors.gemeente_op(jeugdige, kalender.vandaag()).cbs_code == "GM0917"
    stand = personen_brp_bijwerken(bsns=[LARS], actor=actor("toegang"), client_id="test")
    assert stand.bereikbaar
    assert personen_selectors.gemeente_op(jeugdige, kalender.vandaag()).cbs_code == "GM0899"
    history = list(personen_selectors.geschiedenis(jeugdige))
    assert [p.gemeente.cbs_code for p in history] == ["GM0917", "GM0899"]
    assert history[0].tot == a_year_ago and history[1].vanaf == a_year_ago + timedelta(days=1)
    # again: idempotent
    personen_brp_bijwerken(bsns=[LARS], actor=actor("toegang"), client_id="test")
    assert len(personen_selectors.geschiedenis(jeugdige)) == 2
    # the BRP down: nothing changes, no error
    stop_brp(settings, brp)
    stand = personen_brp_bijwerken(bsns=[LARS], actor=actor("toegang"), client_id="test")
    assert not stand.bereikbaar and stand.gecontroleerd_op is not None
    assert personen_selectors.gemeente_op(jeugdige, kalender.vandaag()).cbs_code == "GM0899"


def test_nightly_check_moves_a_youth_in_care_to_the_municipality_the_brp_says(
    region: Any, brp: Any, persoon: Any, settings: Any
) -> None:
    """A youth known only to jeugdhulp (no family page) follows the BRP through the nightly job;
    jeugdhulp scopes its lists per municipality through personen.selectors.jeugdigen_in."""
    from django.core.management import call_command

    from jeugdketen.personen.services import jeugdige_vastleggen
    from jeugdketen.personen.tasks import brp_controle

    heerlen, brunssum = Gemeente.objects.get(cbs_code="GM0917"), Gemeente.objects.get(cbs_code="GM0899")
    jeugdige = jeugdige_vastleggen(
        bsn=LARS, geboortedatum=geboren(persoon, LARS), achternaam="Kleijnen", gemeente=heerlen,
        vanaf=kalender.vandaag() - timedelta(days=400),
    )  # fmt: skip
    vandaag = kalender.vandaag()
    assert jeugdige in personen_selectors.jeugdigen_in(Gemeente.objects.filter(pk=heerlen.pk), vandaag)
    stop_brp(settings, brp)
    assert brp_controle() == 0  # the BRP down: nothing checked, nothing changed, no error
    assert jeugdige in personen_selectors.jeugdigen_in(Gemeente.objects.filter(pk=heerlen.pk), vandaag)
    server = standin.start()
    settings.BRP_API_URL = server.url
    try:
        call_command("personen_brp_bijwerken")
    finally:
        server.stop()
    assert jeugdige in personen_selectors.jeugdigen_in(Gemeente.objects.filter(pk=brunssum.pk), vandaag)
    assert jeugdige not in personen_selectors.jeugdigen_in(Gemeente.objects.filter(pk=heerlen.pk), vandaag)
    rows = Toegangslogregel.objects.filter(object_type="brp_bevraging", client_id=f"jeugdige:{jeugdige.uuid}")
    assert rows.count() == 3


def test_a_municipality_typed_today_is_corrected_to_the_brp(region: Any, brp: Any, persoon: Any) -> None:
    vaessen(persoon, gemeente="GM0917")
    jeugdige = Jeugdige.objects.get(bsn=LARS)
    personen_brp_bijwerken(bsns=[LARS], actor=actor("toegang"), client_id="test")
    assert [p.gemeente.cbs_code for p in personen_selectors.geschiedenis(jeugdige)] == ["GM0899"]


# (c) ------------------------------------------------------------------------------------------


def geef(gezin: Gezin, door: Gezinslid) -> Any:
    return gezinnen_services.toestemming_geven(
        gezin=gezin,
        by=actor("toegang"),
        organisatie=Organisatie.objects.get(naam__startswith="Huisartsenpraktijk"),
        doel="Meedenken",
        einddatum=kalender.vandaag() + timedelta(days=30),
        gegeven_door=door,
    )


def test_consent_needs_custody_according_to_the_brp(region: Any, brp: Any, persoon: Any, settings: Any) -> None:
    gezin = vaessen(persoon)
    # before any BRP answer, what is recorded counts (Roel is recorded 'met gezag')
    personen_brp_bijwerken(bsns=[EVA, ROEL, LARS], actor=actor("toegang"), client_id="test")
    assert BrpGegevens.objects.get(bsn=LARS).gezag_ouders == [EVA]
    with pytest.raises(ValidationError) as exc:
        geef(gezin, lid(gezin, ROEL))
    message = exc.value.message_dict["gegeven_door"][0]
    assert "Volgens de BRP heeft Roeland geen gezag over Lars" in message
    assert "wordt geïnformeerd, maar kan geen toestemming geven" in message
    assert geef(gezin, lid(gezin, EVA)).actief_sinds is not None
    # the BRP down: the last known custody still decides
    stop_brp(settings, brp)
    personen_brp_bijwerken(bsns=[EVA, ROEL, LARS], actor=actor("toegang"), client_id="test")
    with pytest.raises(ValidationError, match="geen gezag"):
        geef(gezin, lid(gezin, ROEL))


def test_family_page_says_who_has_custody_by_the_brp(region: Any, brp: Any, persoon: Any, client_for: Any) -> None:
    gezin = vaessen(persoon)
    page = client_for("toegang").get(f"/gezinnen/{gezin.uuid}/").content.decode()
    assert "met gezag volgens de BRP" in page
    assert "zonder gezag volgens de BRP (wordt geïnformeerd, geeft geen toestemming)" in page


# (d) ------------------------------------------------------------------------------------------


def habets(persoon: Any) -> Gezin:
    return gezin_met(
        "Gezin Habets",
        "GM0917",
        ("ouder", ILSE, "Ilse", "Habets"),
        ("jeugdige", LOTTE, "Lotte", "Habets"),
    )


def test_a_death_in_the_brp_removes_registrations_and_stops_invitations(
    region: Any, brp: Any, persoon: Any, settings: Any, client_for: Any
) -> None:
    url = settings.BRP_API_URL
    settings.BRP_API_URL = ""  # registered and invited before the death was known
    for door in ("school", "toegang"):
        RegistratieFactory(door=door, bsn=LOTTE, geboortedatum=geboren(persoon, LOTTE))
    match = Match.objects.get()
    gezin = habets(persoon)
    lotte = lid(gezin, LOTTE)
    gezinnen_services.gezinslid_uitnodigen(gezinslid=lotte, by=actor("toegang"), email="lotte@example.org")
    assert Uitnodiging.objects.filter(verloopt_op__gt=timezone.now()).count() == 1

    settings.BRP_API_URL = url
    page = client_for("toegang").get(f"/gezinnen/{gezin.uuid}/").content.decode()
    assert "Overleden op" in page
    assert not Melding.objects.exists()  # every registration, in every region
    match.refresh_from_db()
    assert match.status == MatchStatus.BEEINDIGD
    assert not Uitnodiging.objects.filter(verloopt_op__gt=timezone.now()).exists()
    rows = Toegangslogregel.objects.filter(object_type="verwijsindex_melding", segment="verwijderd:overleden")
    assert rows.count() == 2 and set(rows.values_list("bronsysteem", flat=True)) == {"verwijsindex-brp"}
    lotte.refresh_from_db()
    lotte.gebruiker = None
    with pytest.raises(ValidationError, match="overleden"):
        gezinnen_services.gezinslid_uitnodigen(gezinslid=lotte, by=actor("toegang"))


def test_a_death_is_not_acted_on_while_the_brp_is_down(
    region: Any, brp_onbereikbaar: str, persoon: Any, settings: Any
) -> None:
    url = settings.BRP_API_URL
    settings.BRP_API_URL = ""
    RegistratieFactory(door="school", bsn=LOTTE, geboortedatum=geboren(persoon, LOTTE))
    settings.BRP_API_URL = url
    stand = personen_brp_bijwerken(bsns=[LOTTE], actor=actor("toegang"), client_id="test")
    assert not stand.bereikbaar
    assert Melding.objects.count() == 1


# (e) ------------------------------------------------------------------------------------------


def test_geheimhouding_hides_the_address_from_all_but_the_person(
    region: Any, brp: Any, persoon: Any, client_for: Any, settings: Any
) -> None:
    gezin = vaessen(persoon)
    page = client_for("toegang").get(f"/gezinnen/{gezin.uuid}/").content.decode()
    assert "Lindeplein" not in page  # Eva's and Lars's address (both geheimhouding)
    assert page.count("Adres afgeschermd: deze persoon heeft geheimhouding in de BRP.") == 2
    assert "Hoofdstraat 41" in page  # Roel has none
    eva = lid(gezin, EVA)
    zelf = gezinnen_selectors.GezinsRol(
        soort=gezinnen_selectors.OUDER, gezin_id=gezin.pk, grondslag="ouder", gezinslid=eva
    )
    overzicht = {lid.uuid: lid for lid in gezinnen_selectors.ledenoverzicht(zelf, gezin)}
    assert overzicht[eva.uuid].adres.startswith("Lindeplein 7") and not overzicht[eva.uuid].adres_afgeschermd
    assert overzicht[lid(gezin, LARS).uuid].adres_afgeschermd  # her son's secret address stays hidden to her
    # still hidden on the last known data when the BRP is down
    stop_brp(settings, brp)
    page = client_for("toegang").get(f"/gezinnen/{gezin.uuid}/").content.decode()
    assert "Lindeplein" not in page and "Adres afgeschermd" in page
