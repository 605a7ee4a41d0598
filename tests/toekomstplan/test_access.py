"""Who sees a toekomstplan: the youth, their assistant, professionals with consent, parents by the
age rules (SECURITY B4, issue 5.5) — and nobody else (404 + a denied log row)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.access import Geweigerd
from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.organisaties.models import Organisatie
from jeugdketen.toekomstplan import selectors, services
from jeugdketen.toekomstplan.logevents import Segment
from jeugdketen.toekomstplan.models import Toekomstplan

from .factories import (
    ToekomstplanFactory,
    as_actor,
    born_for_age,
    client_as,
    denied_logged,
    family_in_care,
    give_login,
    network_member,
    toegang,
)

pytestmark = pytest.mark.usefixtures("no_2fa")


def _plan_for(years: int, months: int = 0) -> tuple[Toekomstplan, Any, Any]:
    gezin, youth, parent = family_in_care(geboortedatum=born_for_age(years, months))
    give_login(youth, f"jongere-{youth.pk}")
    give_login(parent, f"ouder-{parent.pk}")
    return ToekomstplanFactory(jeugdige=youth), youth, parent


def _delen(plan: Toekomstplan, who: str, *, delen: bool) -> Toekomstplan:
    return services.delen_met_ouders(toegang=toegang(who, plan, segment=Segment.DELEN), by=as_actor(who), delen=delen)


def _sees(username: str, plan: Toekomstplan) -> bool:
    return selectors.toekomstplannen_visible_to(as_actor(username)).filter(pk=plan.pk).exists()


def test_youth_and_professional_with_consent_see_it_and_the_reads_are_logged(region: Any) -> None:
    plan, youth, _parent = _plan_for(17)
    for who in (f"jongere-{youth.pk}", "toegang"):
        response = client_as(who).get(f"/toekomstplan/{plan.uuid}/")
        assert response.status_code == 200, who
        assert Toegangslogregel.objects.filter(
            object_id=str(plan.uuid), uitkomst=Uitkomst.SUCCESS, gebruiker__username=who, client_id=str(youth.uuid)
        ).exists()


@pytest.mark.parametrize("who", ["aanbieder", "huisarts", "beleid", "logbeheer", "beheer"])
def test_professionals_without_consent_and_other_roles_get_404_and_a_denied_log(region: Any, who: str) -> None:
    plan, _youth, _parent = _plan_for(17)
    response = client_as(who).get(f"/toekomstplan/{plan.uuid}/")
    assert response.status_code == 404
    assert denied_logged(str(plan.uuid))


@pytest.mark.parametrize("pagina", ["wie-heeft-gekeken/", "mijn-gegevens/", "assistent/"])
def test_the_youths_own_parts_refuse_the_professional_without_recording_a_read(region: Any, pagina: str) -> None:
    """The professional with consent sees the plan, not the youth's own parts: the 404 page, and
    the log holds only the denied attempt (no read that did not happen)."""
    plan, youth, _parent = _plan_for(17)
    rows = Toegangslogregel.objects.filter(object_id=str(plan.uuid), gebruiker__username="toegang")
    assert client_as("toegang").get(f"/toekomstplan/{plan.uuid}/{pagina}").status_code == 404
    assert [r.uitkomst for r in rows] == [Uitkomst.DENIED]
    assert client_as(f"jongere-{youth.pk}").get(f"/toekomstplan/{plan.uuid}/{pagina}").status_code == 200


def test_a_professional_sees_it_while_consent_lasts(region: Any) -> None:
    plan, youth, _parent = _plan_for(17)
    assert not _sees("aanbieder", plan)
    consent = gezinnen_services.toestemming_geven(
        gezin=plan.gezin,
        by=as_actor("toegang"),
        organisatie=Organisatie.objects.get(uuid=as_actor("aanbieder").organisatie_id),
        doel="Meedoen aan het toekomstplan",
        einddatum=kalender.vandaag() + dt.timedelta(days=30),
        gegeven_door=youth,
    )
    assert _sees("aanbieder", plan)
    gezinnen_services.toestemming_intrekken(toestemming=consent, by=as_actor(f"jongere-{youth.pk}"))
    assert not _sees("aanbieder", plan)
    assert client_as("aanbieder").get(f"/toekomstplan/{plan.uuid}/").status_code == 404


def test_the_assistant_sees_it_other_network_members_do_not(region: Any) -> None:
    plan, youth, _parent = _plan_for(17)
    helper = network_member(plan.gezin, "assistent-anna")
    network_member(plan.gezin, "buurman-bob", naam="Buurman Bob")
    jongere = f"jongere-{youth.pk}"
    services.assistent_kiezen(
        toegang=toegang(jongere, plan, segment=Segment.ASSISTENT), by=as_actor(jongere), netwerklid=helper
    )
    assert _sees("assistent-anna", plan)
    assert not _sees("buurman-bob", plan)
    assert client_as("assistent-anna").get(f"/toekomstplan/{plan.uuid}/").status_code == 200
    assert client_as("buurman-bob").get(f"/toekomstplan/{plan.uuid}/").status_code == 404
    # The assistant works on items but cannot choose topics or share with the parents.
    assert client_as("assistent-anna").get(f"/toekomstplan/{plan.uuid}/onderwerpen/").status_code == 404
    assert client_as("assistent-anna").get(f"/toekomstplan/{plan.uuid}/mijn-gegevens/").status_code == 404


def test_parents_see_the_plan_of_a_youth_under_16(region: Any) -> None:
    gezin, youth, parent = family_in_care(geboortedatum=born_for_age(15, 6))
    give_login(parent, "ouder-jong")
    plan = services.toekomstplan_starten(jeugdige=youth, by=as_actor("toegang"))
    assert _sees("ouder-jong", plan)
    assert toegang("ouder-jong", plan, segment=Segment.TOEKOMSTPLAN, actie=Actie.READ).relatie == "ouder"


def test_parents_from_16_only_with_the_youths_consent_and_not_after_18_unless_shared_again(region: Any) -> None:
    plan, youth, parent = _plan_for(17, 0)
    ouder, jongere = f"ouder-{parent.pk}", f"jongere-{youth.pk}"
    assert not _sees(ouder, plan)
    assert client_as(ouder).get(f"/toekomstplan/{plan.uuid}/").status_code == 404
    assert denied_logged(str(plan.uuid))

    _delen(plan, jongere, delen=True)
    assert _sees(ouder, plan)
    assert client_as(ouder).get(f"/toekomstplan/{plan.uuid}/").status_code == 200
    # Parents read only: no item updates.
    item = selectors.overview(plan).regels[0].onderdeel
    response = client_as(ouder).post(f"/toekomstplan/{plan.uuid}/onderdeel/{item.uuid}/", {"status": "geregeld"})
    assert response.status_code == 404

    assert youth.geboortedatum is not None
    eighteen = kalender.achttien(youth.geboortedatum)
    day_before = timezone.make_aware(dt.datetime.combine(eighteen - dt.timedelta(days=1), dt.time(23, 30)))
    birthday = timezone.make_aware(dt.datetime.combine(eighteen, dt.time(0, 5)))
    with time_machine.travel(day_before, tick=False):
        assert _sees(ouder, plan)
    with time_machine.travel(birthday, tick=False):
        assert not _sees(ouder, plan)  # a sharing given as a minor ends on the 18th birthday
        assert not selectors.parents_see(plan)
        own_page = client_as(jongere).get(f"/toekomstplan/{plan.uuid}/").content.decode()
        assert "Nee, je ouders zien je toekomstplan niet." in own_page and "Deel met mijn ouders" in own_page
        _delen(plan, jongere, delen=True)
        assert _sees(ouder, plan)  # shared again as an adult
        _delen(plan, jongere, delen=False)
        assert not _sees(ouder, plan)


def test_parents_cannot_share_and_a_youth_under_16_need_not(region: Any) -> None:
    plan, youth, parent = _plan_for(17)
    ouder = f"ouder-{parent.pk}"
    with pytest.raises(Geweigerd):  # the parent does not see the plan of a youth of 17 at all
        toegang(ouder, plan, segment=Segment.DELEN)
    _delen(plan, f"jongere-{youth.pk}", delen=True)
    with pytest.raises(Geweigerd):  # and once shared with them, they read; sharing stays the youth's
        _delen(plan, ouder, delen=False)
    assert denied_logged(str(plan.uuid))
    plan.refresh_from_db()
    assert plan.ouders_delen
    # A youth under 16: the parents look along anyway, there is nothing to share.
    gezin, jong, _ouder = family_in_care(geboortedatum=born_for_age(15, 2))
    give_login(jong, "jong-15")
    with pytest.raises(ValidationError, match="Tot je 16e"):
        _delen(ToekomstplanFactory(jeugdige=jong), "jong-15", delen=True)


def test_youth_of_another_family_and_a_sibling_do_not_see_it(region: Any) -> None:
    plan, _youth, _parent = _plan_for(17)
    other, other_youth, _ = family_in_care(geboortedatum=born_for_age(17))
    give_login(other_youth, "andere-jongere")
    assert not _sees("andere-jongere", plan)
    assert client_as("andere-jongere").get(f"/toekomstplan/{plan.uuid}/").status_code == 404


def test_the_family_plan_page_links_the_toekomstplan_for_who_may_see_it(region: Any) -> None:
    """Issue 5.1: the toekomstplan is visible from the family plan, within the same rules."""
    plan, youth, parent = _plan_for(17)
    link = f"/toekomstplan/{plan.uuid}/"
    page = client_as("toegang").get(f"/gezinnen/{plan.gezin.uuid}/plan/").content.decode()
    assert link in page and "Toekomstplan van" in page
    # The parent of a youth of 17 reads the family plan, but not the toekomstplan unless shared.
    parent_page = client_as(f"ouder-{parent.pk}").get(f"/gezinnen/{plan.gezin.uuid}/plan/")
    assert parent_page.status_code == 200
    assert link not in parent_page.content.decode()


def test_the_list_holds_the_family_scope_once_and_the_link_needs_none(region: Any) -> None:
    """The list logs no basis per plan, so its statement holds the actor's family scope once; a
    fetch's holds it three times (the consent or mandate as the basis, issue 16). The family plan's
    link has the relation the page's fetch found: a professional's needs no scope at all, the
    parent's still goes through it. The same plans either way."""
    from jeugdketen.gezinnen.selectors import gezinnen_visible_to, rol_in_gezin

    plan, _youth, parent = _plan_for(17)
    actor = as_actor("toegang")

    def consent_reads(qs: Any) -> int:
        return len(re.findall(r'(?:FROM|JOIN) "gezinnen_toestemming"', str(qs.query)))

    once = consent_reads(gezinnen_visible_to(actor).values("pk"))
    assert once >= 1
    lijst = selectors.plans_list_for(actor)
    assert consent_reads(lijst) == once and list(lijst) == [plan]
    link = selectors.toekomstplannen_van_gezin(actor, plan.gezin, rol_in_gezin(actor, plan.gezin))
    assert consent_reads(link) == 0 and list(link) == [plan]
    ouder = as_actor(f"ouder-{parent.pk}")  # a parent of a 17-year-old: not without sharing
    assert not selectors.toekomstplannen_van_gezin(ouder, plan.gezin, rol_in_gezin(ouder, plan.gezin)).exists()
    fetched = selectors.toekomstplannen_visible_to(actor).get(pk=plan.pk)
    assert fetched.toegang_soort and fetched.toegang_grondslag  # what the fetch logs as the basis


def test_one_change_is_one_log_entry_of_the_part_it_touches(region: Any) -> None:
    plan, youth, _parent = _plan_for(17)
    item = selectors.overview(plan).regels[0].onderdeel
    before = Toegangslogregel.objects.filter(object_id=str(plan.uuid)).count()
    response = client_as(f"jongere-{youth.pk}").post(
        f"/toekomstplan/{plan.uuid}/onderdeel/{item.uuid}/", {"status": "bezig", "snel": "1"}
    )
    assert response.status_code == 302
    new = Toegangslogregel.objects.filter(object_id=str(plan.uuid)).order_by("id")[before:]
    assert [(r.actie, r.segment, r.uitkomst) for r in new] == [(Actie.UPDATE, "onderdelen", Uitkomst.SUCCESS)]
    assert new[0].grondslag == "eigen toekomstplan" and new[0].client_id == str(youth.uuid)


def test_who_looked_does_not_list_someone_who_was_only_told(region: Any) -> None:
    """Being told something (Actie.INFORM) is not looking: the youth's list leaves it out."""
    from jeugdketen.core.toegangslog import log_access

    plan, youth, _parent = _plan_for(17)
    client_as("toegang").get(f"/toekomstplan/{plan.uuid}/")  # a professional looks
    told = as_actor("aanbieder")
    log_access(
        told, actie=Actie.INFORM, object_type="toekomstplan", object_id=str(plan.uuid), client_id=str(youth.uuid)
    )
    listed = list(selectors.access_log_of(plan))
    assert {r.actie for r in listed} >= {Actie.READ} and Actie.INFORM not in {r.actie for r in listed}
    page = client_as(f"jongere-{youth.pk}").get(f"/toekomstplan/{plan.uuid}/wie-heeft-gekeken/").content.decode()
    assert as_actor("toegang").display_name in page
    assert told.display_name not in page


def test_the_scope_gives_each_reader_their_role_in_the_plan(region: Any) -> None:
    plan, youth, parent = _plan_for(17)
    helper = network_member(plan.gezin, "assistent-bram", naam="Bram")
    jongere = f"jongere-{youth.pk}"
    services.assistent_kiezen(
        toegang=toegang(jongere, plan, segment=Segment.ASSISTENT), by=as_actor(jongere), netwerklid=helper
    )
    _delen(plan, jongere, delen=True)
    roles = {
        who: toegang(who, plan, segment=Segment.TOEKOMSTPLAN, actie=Actie.READ).relatie
        for who in (jongere, "assistent-bram", f"ouder-{parent.pk}", "toegang")
    }
    assert roles == {
        jongere: "jongere",
        "assistent-bram": "assistent",
        f"ouder-{parent.pk}": "ouder",
        "toegang": "professional",
    }
