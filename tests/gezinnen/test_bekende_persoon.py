"""Issue 9 point 2c: the same BSN entered for a new family member offers the person who already
exists instead of creating a second record of them — only to someone who may see that person.
Someone who may not is told nothing about the other family (docs/gezinsplan.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jeugdketen.core.models import Toegangslogregel, Uitkomst
from jeugdketen.gezinnen.models import Gezin, Gezinslid
from jeugdketen.personen import services as personen
from jeugdketen.personen.models import Jeugdige
from tests.gezinnen.helpers import consent_for, make_family

BSN = "111222333"
GEBOREN = dt.date(2014, 3, 3)


def _bekend() -> Gezin:
    """Gezin Bekend (the toegangsteam has consent) with the youth Kim Bekend, BSN 111222333."""
    gezin = make_family(naam="Gezin Bekend")
    persoon = personen.jeugdige_vastleggen(bsn=BSN, geboortedatum=GEBOREN, voornamen="Kim", achternaam="Bekend")
    Gezinslid.objects.filter(gezin=gezin, soort="jeugdige").update(
        bsn=BSN, voornaam="Kim", achternaam="Bekend", geboortedatum=GEBOREN, persoon=persoon
    )
    return gezin


def _lid(**extra: str) -> dict[str, str]:
    return {
        "soort": "jeugdige",
        "voornaam": "Kimmy",
        "achternaam": "Anders",
        "bsn": BSN,
        "geboortedatum": GEBOREN.isoformat(),
        **extra,
    }


def test_someone_who_may_see_the_person_is_offered_them_and_adds_the_same_person(client_for: Any) -> None:
    bekend = _bekend()
    ander = make_family(naam="Gezin Tweede")  # the toegangsteam works with both families
    client = client_for("toegang")
    url = f"/gezinnen/{ander.uuid}/leden/nieuw/"
    voor = Gezinslid.objects.count()

    page = client.post(url, _lid()).content.decode()
    assert "Deze persoon staat al in Gezin Bekend: Kim Bekend, geboren 03-03-2014." in page
    assert 'type="checkbox" name="bestaande"' in page
    assert Gezinslid.objects.count() == voor  # nothing saved until the professional says yes
    gelogd = Toegangslogregel.objects.filter(object_type="gezinslid", segment="gezinsleden", uitkomst=Uitkomst.SUCCESS)
    assert gelogd.filter(object_id=str(Gezinslid.objects.get(gezin=bekend, bsn=BSN).uuid)).exists()

    assert client.post(url, _lid(bestaande="on")).status_code == 302
    nieuw = Gezinslid.objects.get(gezin=ander, bsn=BSN)
    assert (nieuw.voornaam, nieuw.achternaam, nieuw.geboortedatum) == ("Kim", "Bekend", GEBOREN)  # the known data
    assert Jeugdige.objects.filter(bsn=BSN).count() == 1  # one person record, in both families


def test_the_new_family_page_offers_the_known_person_too(client_for: Any) -> None:
    _bekend()
    form = client_for("toegang").get("/gezinnen/nieuw/")
    gemeente = form.context["form"].fields["gemeente"].queryset.first()
    data = {
        "naam": "Gezin Nieuw",
        "gemeente": gemeente.pk,
        "doel": "Plan maken",
        "einddatum": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
        "toestemming_gegeven": "on",
        "leden-TOTAL_FORMS": "1",
        "leden-INITIAL_FORMS": "0",
        "leden-MIN_NUM_FORMS": "1",
        "leden-MAX_NUM_FORMS": "12",
        **{f"leden-0-{k}": v for k, v in _lid().items()},
    }
    client = client_for("toegang")
    page = client.post("/gezinnen/nieuw/", data).content.decode()
    assert "Deze persoon staat al in Gezin Bekend" in page
    assert not Gezin.objects.filter(naam="Gezin Nieuw").exists()
    assert client.post("/gezinnen/nieuw/", {**data, "leden-0-bestaande": "on"}).status_code == 302
    assert Gezinslid.objects.get(gezin__naam="Gezin Nieuw").achternaam == "Bekend"


def test_someone_who_may_not_see_the_person_learns_nothing_and_the_one_record_is_used(client_for: Any) -> None:
    _bekend()
    eigen = make_family(naam="Gezin School", by="toegang")
    consent_for(eigen, "school")  # the school works with this family only, not with Gezin Bekend
    client = client_for("school")
    url = f"/gezinnen/{eigen.uuid}/leden/nieuw/"

    fout = client.post(url, _lid(geboortedatum="2014-04-04")).content.decode()
    assert "Bekend" not in fout and "03-03-2014" not in fout and "staat al in" not in fout and "al bekend" not in fout
    assert "horen niet bij elkaar" in fout  # the neutral refusal: BSN and birth date do not match
    assert not Gezinslid.objects.filter(gezin=eigen, bsn=BSN).exists()

    antwoord = client.post(url, _lid())
    assert antwoord.status_code == 302
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Gezin Bekend" not in pagina
    nieuw = Gezinslid.objects.get(gezin=eigen, bsn=BSN)
    assert (nieuw.voornaam, nieuw.achternaam) == ("Kimmy", "Anders")  # as typed: nothing copied from elsewhere
    assert Jeugdige.objects.filter(bsn=BSN).count() == 1
    assert nieuw.persoon == Gezinslid.objects.get(gezin__naam="Gezin Bekend", bsn=BSN).persoon  # silently the same


def test_looking_for_known_people_costs_the_same_queries_for_one_or_six_members(client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jeugdketen.gezinnen import services
    from tests.conftest import actor
    from tests.gezinnen.helpers import BSNS

    _bekend()
    door = actor("toegang")

    def kosten(n: int) -> int:
        leden = [
            services.LidInvoer(soort="ouder", voornaam="A", achternaam="B", bsn=bsn)
            for bsn in (BSNS[1:] + ["999990032", "999990044", "999990056"])[:n]
        ]
        with CaptureQueriesContext(connection) as queries:
            services.validate_members(leden, by=door)
        return len(queries)

    assert kosten(1) == kosten(6)
