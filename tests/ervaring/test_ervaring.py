"""Family experience: an evaluation invites the parent and youths from 12, each sees only their own
invitation, answers once, and the scores are stored apart from the person and given out only as
counts and means per municipality, year and core value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from jeugdketen.core.models import OutboxBericht, Toegangslogregel, Uitkomst
from jeugdketen.ervaring import selectors
from jeugdketen.ervaring.models import Antwoord, Uitnodiging
from jeugdketen.ervaring.regels import OPMERKINGEN_VANAF, VELDEN
from jeugdketen.gezinnen.models import Gezinslid
from jeugdketen.organisaties.models import Gemeente
from tests.gezinnen.factories import JeugdigeFactory
from tests.gezinnen.helpers import denied_logged
from tests.gezinsplan.factories import nieuwe_versie
from tests.toekomstplan.factories import born_for_age, client_as, family_in_care, give_login

ALL_FIVES = dict.fromkeys(VELDEN, "5")


def _evaluate(gezin: Any, client: Client) -> None:
    """The regisseur records a score for a goal of the plan: an evaluation, through the real page."""
    plan = gezin.plan
    versie = nieuwe_versie(plan, doelen=1)
    doel = versie.doelen.get()
    response = client.post(
        reverse("gezinsplan:score", kwargs={"gezin": gezin.uuid}), {"doel": doel.sleutel, "score": 7}
    )
    assert response.status_code == 302


@pytest.fixture
def family(region: Any) -> dict[str, Any]:
    gezin, youth, parent = family_in_care(geboortedatum=born_for_age(12))  # 12 today: invited
    young = JeugdigeFactory(gezin=gezin, geboortedatum=born_for_age(11, 11))  # not yet 12
    return {
        "gezin": gezin,
        "parent": give_login(parent, "e-ouder"),
        "youth": give_login(youth, "e-jongere"),
        "young": give_login(young, "e-kind"),
    }


def test_an_evaluation_invites_the_parent_and_the_youth_from_12_with_a_notification(
    family: dict[str, Any], client_for: Any
) -> None:
    _evaluate(family["gezin"], client_for("toegang"))
    invited = set(Uitnodiging.objects.values_list("gebruiker__username", flat=True))
    assert invited == {"e-ouder", "e-jongere"}
    for u in Uitnodiging.objects.all():
        link = reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})
        assert OutboxBericht.objects.filter(ontvanger=u.gebruiker, soort="ervaring_uitnodiging", link=link).exists()
    # A second goal scored the same day is the same evaluation: no second invitation.
    _evaluate(family["gezin"], client_for("toegang"))
    assert Uitnodiging.objects.count() == 2


def test_a_parent_scores_once_and_a_second_answer_is_refused(family: dict[str, Any], client_for: Any) -> None:
    _evaluate(family["gezin"], client_for("toegang"))
    u = Uitnodiging.objects.get(gebruiker=family["parent"])
    url = reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})
    client = client_as(family["parent"])
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.count(b"<legend") == 6
    assert b"Luister naar me" in page.content and b"Sta naast me" in page.content
    response = client.post(url, {**ALL_FIVES, "kiezen": "", "opmerking": "Fijn gesprek."})
    assert response.status_code == 302
    antwoord = Antwoord.objects.get()
    assert (antwoord.luister, antwoord.kiezen, antwoord.opmerking) == (5, None, "Fijn gesprek.")
    assert antwoord.gemeente == family["gezin"].gemeente
    again = client.post(url, {**ALL_FIVES, "luister": "1"})
    assert again.status_code == 409
    assert "U heeft deze vragen al beantwoord" in again.content.decode()
    assert Antwoord.objects.count() == 1 and Antwoord.objects.get().luister == 5


def test_an_answer_without_any_score_or_out_of_range_gets_a_dutch_message(
    family: dict[str, Any], client_for: Any
) -> None:
    _evaluate(family["gezin"], client_for("toegang"))
    u = Uitnodiging.objects.get(gebruiker=family["parent"])
    url = reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})
    client = client_as(family["parent"])
    empty = client.post(url, {"opmerking": "alleen tekst"})
    assert empty.status_code == 200 and "Kies bij minstens één vraag een cijfer." in empty.content.decode()
    wrong = client.post(url, {"luister": "9"})
    assert wrong.status_code == 200 and b'id="id_luister_error"' in wrong.content
    assert Antwoord.objects.count() == 0
    u.refresh_from_db()
    assert u.beantwoord_op is None


def test_the_answer_keeps_no_link_to_the_person() -> None:
    fields = {f.name for f in Antwoord._meta.get_fields()}
    assert fields == {"id", "gemeente", "jaar", "opmerking", *VELDEN}
    assert Antwoord._meta.pk is not None and Antwoord._meta.pk.get_internal_type() == "UUIDField"


def test_only_the_invitee_sees_the_invitation(family: dict[str, Any], client_for: Any) -> None:
    _evaluate(family["gezin"], client_for("toegang"))
    u = Uitnodiging.objects.get(gebruiker=family["parent"])
    url = reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})
    other_gezin, _y, other_parent = family_in_care(geboortedatum=born_for_age(14))
    outsider = give_login(other_parent, "ander-ouder")
    for client in (client_as(outsider), client_as(family["youth"]), client_for("toegang"), client_for("beleid")):
        assert client.get(url).status_code == 404
        assert client.post(url, ALL_FIVES).status_code == 404
    assert denied_logged(str(u.uuid))
    assert Antwoord.objects.count() == 0


def test_opening_the_invitation_writes_an_access_log_entry_for_the_family(
    family: dict[str, Any], client_for: Any
) -> None:
    _evaluate(family["gezin"], client_for("toegang"))
    u = Uitnodiging.objects.get(gebruiker=family["parent"])
    client_as(family["parent"]).get(reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid}))
    from jeugdketen.core.toegangslog import _pending_list

    entries = [
        (e.client_id, e.uitkomst)
        for e in Toegangslogregel.objects.filter(object_id=str(u.uuid), gebruiker=family["parent"])
    ] + [(v["client_id"], v["uitkomst"]) for v in _pending_list() if v.get("object_id") == str(u.uuid)]
    assert (str(family["gezin"].uuid), Uitkomst.SUCCESS) in entries


def test_a_youth_is_invited_from_the_day_they_turn_12(region: Any, client_for: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        gezin, youth, _parent = family_in_care(geboortedatum=dt.date(2014, 3, 11))  # 12 tomorrow
        give_login(youth, "bijna12")
        _evaluate(gezin, client_for("toegang"))
        assert not Uitnodiging.objects.filter(gebruiker__username="bijna12").exists()
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        _evaluate(Gezinslid.objects.get(pk=youth.pk).gezin, client_for("toegang"))
        assert Uitnodiging.objects.filter(gebruiker__username="bijna12").exists()


def test_the_figures_are_counts_and_means_per_municipality_year_and_core_value(
    region: Any, django_assert_max_num_queries: Any
) -> None:
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    Antwoord.objects.all().delete()
    Antwoord.objects.bulk_create(
        [Antwoord(gemeente=heerlen, jaar=2025, luister=s, eerlijk=None) for s in (1, 2, 4)]
        + [Antwoord(gemeente=heerlen, jaar=2024, luister=5)]
    )
    with django_assert_max_num_queries(1):
        cijfers = selectors.ervaring_cijfers(regio=region, jaar_van=2025, jaar_tot=2025)
    luister = next(c for c in cijfers if c.kernwaarde == "luister")
    assert (luister.gemeente_code, luister.jaar, luister.aantal, str(luister.gemiddelde)) == ("GM0917", 2025, 3, "2.33")
    eerlijk = next(c for c in cijfers if c.kernwaarde == "eerlijk")
    assert (eerlijk.aantal, eerlijk.gemiddelde) == (0, None)
    assert {c.jaar for c in cijfers} == {2025}


def test_policy_staff_see_remarks_only_of_a_group_of_at_least_10(region: Any, client_for: Any) -> None:
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    kerkrade = Gemeente.objects.get(cbs_code="GM0928")
    jaar = dt.date.today().year
    Antwoord.objects.all().delete()
    Antwoord.objects.bulk_create(
        [Antwoord(gemeente=heerlen, jaar=jaar, luister=4, opmerking=f"Heerlen opmerking {i}") for i in range(10)]
        + [
            Antwoord(gemeente=kerkrade, jaar=jaar, luister=2, opmerking="Kerkrade klein")
            for _ in range(OPMERKINGEN_VANAF - 1)
        ]
    )
    page = client_for("beleid").get(reverse("ervaring:cijfers"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Heerlen opmerking 3" in text
    assert "Kerkrade klein" not in text
    assert "&lt; 10" in text
    assert client_for("toegang").get(reverse("ervaring:cijfers")).status_code == 404
    assert client_for("ouder").get(reverse("ervaring:cijfers")).status_code == 404


def test_the_invitation_page_speaks_english_when_chosen(family: dict[str, Any], client_for: Any) -> None:
    from django.conf import settings

    _evaluate(family["gezin"], client_for("toegang"))
    u = Uitnodiging.objects.get(gebruiker=family["parent"])
    client = client_as(family["parent"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid})).content.decode()
    for text in ("How did it go?", "Listen to me", "Stand beside me", "Send", "You may skip a question."):
        assert text in body
