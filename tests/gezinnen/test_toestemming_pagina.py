"""Consent as the law and the family need it: a youth of 16+ decides alone (Jeugdwet 7.3.4), the
picker offers only organisations that take part in youth-care plans, withdrawing asks first, the
withdrawal's notification leads to the consent page, and the family's log names roles in words."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jeugdketen.core.models import OutboxBericht
from jeugdketen.gezinnen import services
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, Toestemming
from jeugdketen.organisaties.models import Gebruiker, Organisatie, OrganisatieSoort
from tests.conftest import actor
from tests.gezinnen.factories import ToestemmingFactory
from tests.gezinnen.helpers import link_citizen, make_family, organisation_of


@pytest.fixture
def family_with_youth_of_17(region: Any) -> Any:
    gezin = make_family(naam="Gezin Zeventien", youth_age=17)
    link_citizen(gezin, "ouder")
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    return gezin


def _given_by_youth(gezin: Any) -> Toestemming:
    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    return ToestemmingFactory(
        gezin=gezin,
        organisatie=organisation_of("school"),
        gegeven_door=youth,
        vastgelegd_door=Gebruiker.objects.get(username="jongere"),
    )


def test_a_parent_cannot_withdraw_what_a_youth_of_16_or_older_gave(family_with_youth_of_17: Any) -> None:
    consent = _given_by_youth(family_with_youth_of_17)
    with pytest.raises(ValidationError, match="beslist\\s+zelf over de eigen hulp"):
        services.toestemming_intrekken(toestemming=consent, by=actor("ouder"))
    consent.refresh_from_db()
    assert consent.ingetrokken_op is None
    services.toestemming_intrekken(toestemming=consent, by=actor("jongere"))  # the youth can
    consent.refresh_from_db()
    assert consent.ingetrokken_op is not None


def test_a_parent_still_withdraws_a_consent_a_parent_gave(family_with_youth_of_17: Any) -> None:
    parent = Gezinslid.objects.get(gezin=family_with_youth_of_17, soort=LidSoort.OUDER)
    consent = ToestemmingFactory(
        gezin=family_with_youth_of_17, organisatie=organisation_of("school"), gegeven_door=parent
    )
    services.toestemming_intrekken(toestemming=consent, by=actor("ouder"))
    consent.refresh_from_db()
    assert consent.ingetrokken_op is not None


def test_the_parent_sees_the_refusal_on_the_page(family_with_youth_of_17: Any, client_for: Any) -> None:
    consent = _given_by_youth(family_with_youth_of_17)
    client = client_for("ouder")
    url = reverse(
        "gezinnen:toestemming_intrekken", kwargs={"gezin": family_with_youth_of_17.uuid, "toestemming": consent.uuid}
    )
    page = client.post(url, follow=True).content.decode()
    assert "beslist zelf over de eigen hulp" in page
    consent.refresh_from_db()
    assert consent.ingetrokken_op is None


def test_withdrawing_asks_first_on_a_page_and_only_the_post_withdraws(region: Any, client_for: Any) -> None:
    gezin = make_family(naam="Gezin Vraag")
    link_citizen(gezin, "ouder")
    consent = ToestemmingFactory(
        gezin=gezin,
        organisatie=organisation_of("school"),
        gegeven_door=Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER),
        vastgelegd_door=Gebruiker.objects.get(username="toegang"),
    )
    client = client_for("ouder")
    overview = client.get(reverse("gezinnen:toestemming", kwargs={"gezin": gezin.uuid})).content.decode()
    ask = reverse("gezinnen:toestemming_intrekken_vragen", kwargs={"gezin": gezin.uuid, "toestemming": consent.uuid})
    assert f'href="{ask}"' in overview  # the list links to the question, it does not withdraw
    question = client.get(ask)
    assert question.status_code == 200
    body = question.content.decode()
    assert "Toestemming intrekken?" in body and "Ja, intrekken" in body and "Nee, terug" in body
    consent.refresh_from_db()
    assert consent.ingetrokken_op is None  # looking at the question changes nothing
    do = reverse("gezinnen:toestemming_intrekken", kwargs={"gezin": gezin.uuid, "toestemming": consent.uuid})
    assert f'action="{do}"' in body
    client.post(do)
    consent.refresh_from_db()
    assert consent.ingetrokken_op is not None
    # someone with no part in the family gets 404 for the question too
    assert client_for("aanbieder").get(ask).status_code == 404


def test_the_withdrawal_notification_leads_to_the_consent_page(region: Any) -> None:
    gezin = make_family(naam="Gezin Bericht")
    link_citizen(gezin, "ouder")
    consent = ToestemmingFactory(
        gezin=gezin,
        organisatie=organisation_of("school"),
        gegeven_door=Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER),
        vastgelegd_door=Gebruiker.objects.get(username="toegang"),
    )
    services.toestemming_intrekken(toestemming=consent, by=actor("ouder"))
    links = set(OutboxBericht.objects.filter(soort="toestemming_ingetrokken").values_list("link", flat=True))
    assert links == {reverse("gezinnen:toestemming", kwargs={"gezin": gezin.uuid})}


def test_the_picker_offers_only_care_organisations_grouped_and_searchable(region: Any, client_for: Any) -> None:
    gezin = make_family(naam="Gezin Kiezer")
    regio = gezin.gemeente.regio
    police = Organisatie.objects.create(naam="Politie Eenheid Test", soort=OrganisatieSoort.POLITIE, regio=regio)
    policy = Organisatie.objects.create(
        naam="Beleid Gemeente Test", soort=OrganisatieSoort.GEMEENTE_BELEID, regio=regio
    )
    url = reverse("gezinnen:toestemming", kwargs={"gezin": gezin.uuid})
    client = client_for("toegang")
    page = client.get(url).content.decode()
    assert police.naam not in page and policy.naam not in page
    assert '<optgroup label="School">' in page and organisation_of("school").naam in page
    found = client.get(url, {"zoek": "bron"}).content.decode()  # works without a script: a GET form
    assert organisation_of("school").naam in found and organisation_of("aanbieder").naam not in found
    # posting the police anyway is refused by the form, and the service refuses it too
    lid = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    response = client.post(
        url, {"organisatie": police.pk, "doel": "x", "einddatum": "2099-01-01", "gegeven_door": lid.uuid}
    )
    assert not Toestemming.objects.filter(organisatie=police).exists() and response.status_code == 200
    with pytest.raises(ValidationError, match="doet niet mee"):
        services.toestemming_geven(
            gezin=gezin,
            by=actor("toegang"),
            organisatie=police,
            doel="x",
            einddatum=gezin.aangemaakt.date(),
            gegeven_door=lid,
        )


def test_the_family_log_names_roles_in_words(region: Any, client_for: Any) -> None:
    from jeugdketen.core.toegangslog import log_access  # noqa: F401 - the log is written by the page reads

    gezin = make_family(naam="Gezin Logboek")
    link_citizen(gezin, "ouder")
    assert client_for("toegang").get(reverse("gezinnen:detail", kwargs={"gezin": gezin.uuid})).status_code == 200
    page = client_for("ouder").get(reverse("gezinnen:toegangslog", kwargs={"gezin": gezin.uuid})).content.decode()
    assert "Hulpverlener (werkt met gezinnen)" in page
    assert "hulpverlener,meldingsbevoegd" not in page and "Rol: hulpverlener" not in page
