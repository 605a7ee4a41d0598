"""Pages: the access matrix, form messages, stale edits, query counts, print and PDF, and the
guard rail that one change writes one access-log entry per part it touches."""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from jeugdketen.core import kalender
from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.demo.zuid_kennemerland import MUNICIPALITIES, zuid_kennemerland_demo
from jeugdketen.gezinnen import services as gezin_services
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, Toestemming
from jeugdketen.gezinsplan import services
from jeugdketen.gezinsplan.models import Instemming
from tests.conftest import actor, commits_in, login
from tests.gezinnen.factories import GezinslidFactory, JeugdigeFactory, NetwerklidFactory, ToestemmingFactory
from tests.gezinnen.helpers import (
    consent_for,
    last_log_id,
    link_citizen,
    log_rows_by_part,
    make_family,
    make_plan,
    organisation_of,
    plan_access,
)
from tests.gezinsplan.factories import nieuwe_versie

PAGES = [
    "/gezinnen/{g}/",
    "/gezinnen/{g}/plan/",
    "/gezinnen/{g}/plan/versies/",
    "/gezinnen/{g}/plan/afdrukken/",
    "/gezinnen/{g}/plan/bewerken/",
    "/gezinnen/{g}/toestemming/",
]
PROFESSIONALS = ["toegang", "aanbieder", "school", "huisarts", "gi", "veiligthuis", "crisisdienst"]
OTHER_ROLES = ["beleid", "beheer", "logbeheer", "functioneelbeheer"]


def _not_found_body(client: Client, page: str) -> bytes:
    """The 404 body for a random uuid on the same page (the page echoes its own path)."""
    random = str(uuid.uuid4())
    return _normal(client.get(page.format(g=random)).content, random)


def _normal(body: bytes, ident: str) -> bytes:
    """Without the per-response CSRF mask and the echoed id, two 404 bodies must be equal."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body.replace(ident.encode(), b"X"))


@pytest.fixture
def families(region: Any) -> dict[str, Any]:
    own = make_family(naam="Gezin Eigen")
    make_plan(own)
    other = make_family("school", naam="Gezin Ander")
    make_plan(other, by="school")
    link_citizen(own, "ouder")
    return {"own": own, "other": other}


@pytest.mark.parametrize("username", PROFESSIONALS + OTHER_ROLES + ["ouder", "jongere"])
def test_access_matrix_own_other_withdrawn_and_ended(families: dict[str, Any], client_for: Any, username: str) -> None:
    client = client_for(username)
    own, other = families["own"], families["other"]
    # a family someone has no part in: 404, byte-equal to a random uuid
    if username != "school":
        for page in PAGES:
            response = client.get(page.format(g=other.uuid))
            assert response.status_code == 404, page
            assert _normal(response.content, str(other.uuid)) == _not_found_body(client, page)
    toestemming = None
    if username in PROFESSIONALS and username != "toegang":
        toestemming = consent_for(own, username)
    can_see = username in PROFESSIONALS or username == "ouder"
    for page in PAGES[:4]:
        assert client.get(page.format(g=own.uuid)).status_code == (200 if can_see else 404), page
    if toestemming is not None:
        gezin_services.toestemming_intrekken(toestemming=toestemming, by=actor("ouder"))
        assert client.get(f"/gezinnen/{own.uuid}/plan/").status_code == 404  # the very next request
        ending = consent_for(own, username, days=0)
        assert client.get(f"/gezinnen/{own.uuid}/plan/").status_code == 200
        # the end date has passed (moving the clock would also end the 15-minute session)
        yesterday = kalender.vandaag() - dt.timedelta(days=1)
        Toestemming.objects.filter(pk=ending.pk).update(ingangsdatum=yesterday, einddatum=yesterday)
        assert client.get(f"/gezinnen/{own.uuid}/plan/").status_code == 404


def test_new_family_form_keeps_input_and_explains(families: Any, client_for: Any) -> None:
    client = client_for("toegang")
    gemeente = families["own"].gemeente
    future = (kalender.vandaag() + dt.timedelta(days=5)).isoformat()
    data = {
        "naam": "Gezin Nieuw",
        "gemeente": gemeente.pk,
        "doel": "Plan maken",
        "einddatum": (kalender.vandaag() + dt.timedelta(days=90)).isoformat(),
        "toestemming_gegeven": "on",
        "leden-TOTAL_FORMS": "3",
        "leden-INITIAL_FORMS": "0",
        "leden-MIN_NUM_FORMS": "1",
        "leden-MAX_NUM_FORMS": "12",
        "leden-0-soort": "jeugdige",
        "leden-0-voornaam": "Sem",
        "leden-0-achternaam": "Nieuw",
        "leden-0-bsn": "123456789",
        "leden-0-geboortedatum": "2015-01-01",
        "leden-1-soort": "jeugdige",
        "leden-1-voornaam": "Noor",
        "leden-1-achternaam": "Nieuw",
        "leden-1-bsn": "111222333",
        "leden-1-geboortedatum": future,
        "leden-2-soort": "jeugdige",
        "leden-2-voornaam": "Noor",
        "leden-2-achternaam": "Nieuw",
        "leden-2-bsn": "111222333",
        "leden-2-geboortedatum": "2016-02-02",
    }
    response = client.post("/gezinnen/nieuw/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "11-proef" in page
    assert "De geboortedatum ligt in de toekomst" in page
    assert 'value="Gezin Nieuw"' in page and 'value="Sem"' in page and 'value="Plan maken"' in page
    data.update({"leden-0-bsn": "999990019", "leden-1-geboortedatum": "2014-03-03"})
    page = client.post("/gezinnen/nieuw/", data).content.decode()  # the form's own checks pass: the service's
    assert "Deze jeugdige staat al in het gezin" in page
    data.update({"leden-2-bsn": "999990020"})
    response = client.post("/gezinnen/nieuw/", data)
    assert response.status_code == 302


def test_stale_edit_is_refused_and_shows_the_newer_text(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("toegang")
    form = {
        "basis_versie": "1",
        "situatie": "Mijn tekst.",
        "krachten": "",
        "volgende_evaluatie": "",
        "toelichting": "",
        "taal_gezien": "1",
    }
    for prefix in ("doelen", "afspraken"):
        form.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "40",
            }
        )
    services.plan_wijzigen(
        toegang=plan_access(own.plan, "toegang"), by=actor("toegang"), basis_versie=1, situatie="Tekst van een collega."
    )
    response = client.post(f"/gezinnen/{own.uuid}/plan/bewerken/", form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Uw wijziging is niet opgeslagen" in page and "Tekst van een collega." in page and "Mijn tekst." in page
    own.plan.refresh_from_db()
    assert own.plan.versie == 2


def test_plain_language_tips_then_save_anyway(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("toegang")
    form = {
        "basis_versie": "1",
        "situatie": "Er is sprake van multiproblematiek.",
        "krachten": "",
        "volgende_evaluatie": "",
        "toelichting": "",
        "leeg_bevestigd": "1",  # emptying "Wat gaat goed?" is meant here
    }
    for prefix in ("doelen", "afspraken"):
        form.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "40",
            }
        )
    response = client.post(f"/gezinnen/{own.uuid}/plan/bewerken/", form)
    assert (
        "Tips voor eenvoudige taal" in response.content.decode() and "meerdere problemen" in response.content.decode()
    )
    response = client.post(f"/gezinnen/{own.uuid}/plan/bewerken/", {**form, "taal_gezien": "1"})
    assert response.status_code == 302


def test_citizen_agrees_comments_and_sees_the_access_log(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("ouder")
    assert client.post(f"/gezinnen/{own.uuid}/plan/instemmen/", {"versie": "1"}).status_code == 302
    client.post(f"/gezinnen/{own.uuid}/plan/reactie/", {"soort": "voorstel", "tekst": "Graag ook oma erbij."})
    page = client.get(f"/gezinnen/{own.uuid}/plan/").content.decode()
    assert "U heeft ingestemd met deze versie" in page and "Graag ook oma erbij." in page
    assert client_for("toegang").get(f"/gezinnen/{own.uuid}/plan/").status_code == 200
    log = client.get(f"/gezinnen/{own.uuid}/toegangslog/").content.decode()
    assert "Sanne Jacobs" in log  # the toegang worker who just read the plan
    # the network does not see the log
    _lid, code = gezin_services.netwerklid_uitnodigen(gezin=own, by=actor("ouder"), naam="Oma Test", relatie="familie")
    gezin_services.uitnodiging_accepteren(code=code, username="oma-test", password="een-lang-wachtwoord-42")
    oma = Client()
    oma.post("/inloggen/", {"username": "oma-test", "password": "een-lang-wachtwoord-42"})
    assert oma.get(f"/gezinnen/{own.uuid}/plan/").status_code == 200
    assert oma.get(f"/gezinnen/{own.uuid}/toegangslog/").status_code == 404
    assert oma.get(f"/gezinnen/{own.uuid}/toestemming/").status_code == 404


def test_looking_at_the_access_log_is_one_entry_and_a_refused_professional_leaves_only_the_denial(
    families: Any, client_for: Any
) -> None:
    """The family's look at its log is recorded once; the professional who may not read it gets
    the 404 page and the log shows only the denied attempt, never a read that did not happen."""
    own = families["own"]
    rows = Toegangslogregel.objects.filter(object_id=str(own.uuid), segment="toegangslog")
    assert client_for("ouder").get(f"/gezinnen/{own.uuid}/toegangslog/").status_code == 200
    assert [(r.actie, r.uitkomst) for r in rows] == [(Actie.READ, "success")]
    assert client_for("toegang").get(f"/gezinnen/{own.uuid}/toegangslog/").status_code == 404
    assert sorted((r.gebruiker_naam, r.uitkomst) for r in rows.filter(gebruiker__username="toegang")) == [
        ("Sanne Jacobs", "denied")
    ]


def test_the_family_filters_its_access_log_by_period(families: Any, client_for: Any) -> None:
    """SECURITY A9: a chronological list the family can filter by period."""
    import datetime as dt

    from django.utils import timezone

    own = families["own"]
    client = client_for("ouder")
    assert client_for("toegang").get(f"/gezinnen/{own.uuid}/").status_code == 200  # Sanne looks today
    today = timezone.localdate()
    url = f"/gezinnen/{own.uuid}/toegangslog/"
    assert "Sanne Jacobs" in client.get(url, {"van": today.isoformat(), "tot": today.isoformat()}).content.decode()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    assert "Sanne Jacobs" not in client.get(url, {"tot": yesterday}).content.decode()
    bad = client.get(url, {"van": "31-02-2026"})
    assert bad.status_code == 200 and "Vul een datum in" in bad.content.decode()
    wrong_way = client.get(url, {"van": today.isoformat(), "tot": yesterday})
    assert "De begindatum ligt na de einddatum" in wrong_way.content.decode()


def _grow(gezin: Any, n: int) -> None:
    """A new version with n goals and n agreements, n more members and n network members."""
    plan = gezin.plan
    plan.refresh_from_db()
    nieuwe_versie(plan, doelen=n, afspraken=n)
    GezinslidFactory.create_batch(n, gezin=gezin, gezag=False)
    JeugdigeFactory.create_batch(n, gezin=gezin, leeftijd=13)
    NetwerklidFactory.create_batch(n, gezin=gezin)


def test_query_counts_do_not_grow(families: Any, client_for: Any, django_assert_max_num_queries: Any) -> None:
    own = families["own"]
    client = client_for("toegang")
    _grow(own, 2)
    client.get(f"/gezinnen/{own.uuid}/plan/")
    client.get("/gezinnen/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = [
        f"/gezinnen/{own.uuid}/plan/",
        "/gezinnen/",
        f"/gezinnen/{own.uuid}/",
        f"/gezinnen/{own.uuid}/toestemming/",
    ]
    small = {}
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200, page
        small[page] = len(queries)
    for i in range(6):
        make_plan(make_family(naam=f"Gezin {i}"))
        ToestemmingFactory(gezin=own, organisatie=organisation_of("school"))
    _grow(own, 12)
    for page in pages:
        with django_assert_max_num_queries(small[page], info=page):
            client.get(page)


@pytest.mark.django_db(transaction=True)
def test_the_plan_and_what_the_modules_show_on_it_commit_once(no_2fa: None) -> None:
    """The plan page logs the plan and the help in place (jeugdhulp, through uitbreidingen):
    both entries in one transaction, for the page, its print version and its PDF."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jeugdketen.demo.generator import build
    from jeugdketen.gezinnen.models import Gezin

    build(size=1)  # Gezin Janssen, with help in place that toegang sees
    janssen = Gezin.objects.get(naam="Gezin Janssen")
    client = login(Client(), "toegang")
    for pagina in ("", "afdrukken/", "pdf/"):
        before = Toegangslogregel.objects.count()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/gezinnen/{janssen.uuid}/plan/{pagina}").status_code == 200
        nieuw = Toegangslogregel.objects.order_by("-id")[: Toegangslogregel.objects.count() - before]
        assert sorted(r.object_type for r in nieuw) == ["gezinsplan", "hulp_in_gezin"], pagina
        assert commits_in(queries) == 1, pagina
        # The family's consent is read once, by the plan's fetch: no check precedes it, and the
        # help in place and the toekomstplan link take the relation it found.
        consent_reads = [q for q in queries.captured_queries if '"gezinnen_toestemming"' in q["sql"]]
        assert len(consent_reads) == 1, pagina


def test_pdf_and_print(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("ouder")
    response = client.get(f"/gezinnen/{own.uuid}/plan/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(f"/gezinnen/{own.uuid}/plan/afdrukken/").status_code == 200


def test_network_members_see_the_family_page_only_when_shared_and_never_birth_dates(
    families: Any, client_for: Any
) -> None:
    own = families["own"]
    lid, code = gezin_services.netwerklid_uitnodigen(gezin=own, by=actor("ouder"), naam="Buurvrouw", relatie="buur")
    gezin_services.uitnodiging_accepteren(code=code, username="buurvrouw", password="een-lang-wachtwoord-42")
    buur = Client()
    buur.post("/inloggen/", {"username": "buurvrouw", "password": "een-lang-wachtwoord-42"})
    lid.refresh_from_db()
    lid.ziet_plan = True
    lid.save(update_fields=["ziet_plan"])
    page = buur.get(f"/gezinnen/{own.uuid}/")
    assert page.status_code == 200 and "Geboren" not in page.content.decode()
    # the template never even receives them: the selector gave it only the allowed fields
    youth = own.leden.get(soort=LidSoort.JEUGDIGE)
    assert all(lid.geboortedatum is None and lid.bsn_gemaskeerd == "" for lid in page.context["leden"])
    # what the page shows, without its links and ids (a random UUID may hold the BSN's last digits)
    shown = re.sub(r"<[^>]*>", " ", page.content.decode())
    assert youth.bsn[-3:] not in shown and "BSN" not in shown
    # the network adds no members and invites nobody, not even the form shows
    assert buur.get(f"/gezinnen/{own.uuid}/leden/nieuw/").status_code == 404
    assert buur.get(f"/gezinnen/{own.uuid}/netwerk/uitnodigen/").status_code == 404
    lid.ziet_plan = False
    lid.save(update_fields=["ziet_plan"])
    assert buur.get(f"/gezinnen/{own.uuid}/").status_code == 404
    assert "Geboren" in client_for("ouder").get(f"/gezinnen/{own.uuid}/").content.decode()


def test_consent_for_a_person_only_names_staff_of_that_organisation(families: Any, client_for: Any) -> None:
    import datetime as dt

    from jeugdketen.gezinnen.models import Toestemming
    from jeugdketen.organisaties.models import Organisatie

    own = families["own"]
    school = Organisatie.objects.get(naam="Basisschool De Bron")
    form = {"organisatie": school.pk, "doel": "Meedoen", "einddatum": (dt.date.today() + dt.timedelta(days=30))}
    before = Toestemming.objects.filter(gezin=own).count()
    # "huisarts" exists, but not at the school: the same answer as a name that does not exist
    wrong = client_for("ouder").post(f"/gezinnen/{own.uuid}/toestemming/", {**form, "medewerker": "huisarts"})
    unknown = client_for("ouder").post(f"/gezinnen/{own.uuid}/toestemming/", {**form, "medewerker": "niemand-x"})
    for response in (wrong, unknown):
        assert "hoort niet bij een medewerker van deze organisatie" in response.content.decode()
    assert Toestemming.objects.filter(gezin=own).count() == before
    client_for("ouder").post(f"/gezinnen/{own.uuid}/toestemming/", {**form, "medewerker": "school"})
    assert Toestemming.objects.filter(gezin=own).count() == before + 1


def test_the_family_page_shows_only_the_last_three_bsn_digits(families: Any, client_for: Any) -> None:
    own = families["own"]
    youth = own.leden.get(soort=LidSoort.JEUGDIGE)
    page = client_for("toegang").get(f"/gezinnen/{own.uuid}/").content.decode()
    assert f"******{youth.bsn[-3:]}" in page and youth.bsn not in page


# --- Guard rail: one change, one access-log entry per part it touches -------------------------


def _edit_form(**extra: str) -> dict[str, str]:
    form = {
        "basis_versie": "1",
        "situatie": "Nieuwe tekst.",
        "krachten": "",
        "volgende_evaluatie": "",
        "toelichting": "",
    }
    form["taal_gezien"] = "1"
    form["leeg_bevestigd"] = "1"  # emptying "Wat gaat goed?" is meant here
    for prefix in ("doelen", "afspraken"):
        form |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0"}
        form[f"{prefix}-MAX_NUM_FORMS"] = "40"
    return form | extra


def test_an_edit_of_the_plan_writes_one_log_entry(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("toegang")
    before = last_log_id()
    assert client.post(f"/gezinnen/{own.uuid}/plan/bewerken/", _edit_form()).status_code == 302
    assert log_rows_by_part(before) == {"gezinsplan": 1}
    entry = Toegangslogregel.objects.get(pk__gt=before)
    assert entry.actie == Actie.UPDATE and entry.object_id == str(own.plan.uuid) and entry.client_id == str(own.uuid)
    own.plan.refresh_from_db()
    assert own.plan.versie == 2


def test_saving_an_agreement_writes_one_log_entry(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("ouder")
    before = last_log_id()
    assert client.post(f"/gezinnen/{own.uuid}/plan/instemmen/", {"versie": "1"}).status_code == 302
    assert log_rows_by_part(before) == {"gezinsplan": 1}
    assert Toegangslogregel.objects.get(pk__gt=before).actie == Actie.UPDATE
    assert Instemming.objects.filter(plan=own.plan, gezinslid__gebruiker__username="ouder").count() == 1


@pytest.mark.parametrize(
    ("url", "data", "parts"),
    [
        ("plan/reactie/", {"soort": "opmerking", "tekst": "Goed plan."}, {"gezinsplan": 1}),
        ("plan/regie/", {"naar": "lid", "reden": "Moeder wil zelf de regie"}, {"gezinsplan": 1}),
        ("plan/bijeenkomst/", {"aanwezigen": "Moeder, Sanne", "besluiten": "Elke week bellen"}, {"gezinsplan": 1}),
        ("leden/nieuw/", {"soort": "ouder", "voornaam": "Piet", "achternaam": "Test"}, {"gezin": 1, "gezinslid": 1}),
        ("netwerk/uitnodigen/", {"naam": "Oma Test", "relatie": "familie"}, {"gezin": 1, "netwerklid": 1}),
        ("toestemming/", {"doel": "Meedoen"}, {"gezin": 1, "toestemming": 1}),
    ],
)
def test_every_change_writes_one_log_entry_per_part(
    families: Any, client_for: Any, url: str, data: dict[str, str], parts: dict[str, int]
) -> None:
    own = families["own"]
    ouder = Gezinslid.objects.get(gezin=own, soort=LidSoort.OUDER)
    data = dict(data)
    if url == "plan/regie/":
        data["naar"] = f"lid:{ouder.uuid}"
    if url == "plan/bijeenkomst/":
        data["datum"] = kalender.vandaag().isoformat()
    if url == "toestemming/":
        eind = kalender.vandaag() + dt.timedelta(days=30)
        data |= {"organisatie": str(organisation_of("school").pk), "einddatum": eind.isoformat()}
        data["gegeven_door"] = str(ouder.uuid)
    client = client_for("toegang")
    before = last_log_id()
    response = client.post(f"/gezinnen/{own.uuid}/{url}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert log_rows_by_part(before) == parts


def test_an_api_edit_writes_one_log_entry(families: Any, client_for: Any) -> None:
    own = families["own"]
    client = client_for("toegang")
    before = last_log_id()
    response = client.patch(
        f"/api/v1/gezinsplannen/{own.plan.uuid}/",
        {"situatie": "Via de API."},
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200 and response["ETag"] == '"2"'
    assert log_rows_by_part(before) == {"gezinsplan": 1}
    assert Toegangslogregel.objects.get(pk__gt=before).actie == Actie.UPDATE


def test_a_refused_change_writes_the_denial_and_changes_nothing(families: Any, client_for: Any) -> None:
    other = families["other"]
    client = client_for("toegang")
    before = last_log_id()
    assert client.post(f"/gezinnen/{other.uuid}/plan/bewerken/", _edit_form()).status_code == 404
    assert client.post(f"/gezinnen/{other.uuid}/plan/instemmen/", {"versie": "1"}).status_code == 404
    other.plan.refresh_from_db()
    assert other.plan.versie == 1 and not Instemming.objects.filter(plan=other.plan).exists()
    assert not Toegangslogregel.objects.filter(pk__gt=before, uitkomst="success", client_id=str(other.uuid)).exists()
    assert Toegangslogregel.objects.filter(pk__gt=before, uitkomst="denied", object_id=str(other.uuid)).count() == 2


def test_plan_services_get_what_the_page_fetched(families: Any) -> None:
    """A page's service call takes the fetched plan with its relation: no second scope query."""
    own = families["own"]
    toegang = plan_access(own.plan, "toegang")
    services.plan_wijzigen(toegang=toegang, by=actor("toegang"), basis_versie=1, situatie="Zonder extra vraag.")
    assert toegang.obj.versie == 2


# --- Issue 9, 2b: an edit that would empty a part that had text asks first ----------------------


def _plan_met_tekst(own: Any, *, krachten: str = "Oma helpt elke week.") -> None:
    services.plan_wijzigen(
        toegang=plan_access(own.plan, "toegang"),
        by=actor("toegang"),
        basis_versie=own.plan.versie,
        situatie="Sem gaat niet meer naar school.",
        krachten=krachten,
    )
    own.plan.refresh_from_db()


def _leeg_form(own: Any, **extra: str) -> dict[str, str]:
    form = _edit_form(basis_versie=str(own.plan.versie), situatie="", krachten="")
    del form["leeg_bevestigd"]
    return form | extra


def test_an_empty_submit_saves_nothing_and_names_the_parts_it_would_empty(families: Any, client_for: Any) -> None:
    own = families["own"]
    _plan_met_tekst(own)
    versie = own.plan.versie
    response = client_for("toegang").post(f"/gezinnen/{own.uuid}/plan/bewerken/", _leeg_form(own))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uw wijziging is nog niet opgeslagen." in page and "U maakt deze delen van het plan leeg:" in page
    melding = page[page.index('id="leeg"') : page.index("</div>", page.index('id="leeg"'))]
    assert "Waar maken we ons zorgen over?" in melding and "Wat gaat goed?" in melding
    assert 'name="leeg_bevestigd" value="1"' in page  # the confirming button
    own.plan.refresh_from_db()
    assert own.plan.versie == versie  # no new version


def test_only_a_part_that_had_text_is_named_and_text_typed_again_is_saved_without_asking(
    families: Any, client_for: Any
) -> None:
    own = families["own"]
    _plan_met_tekst(own, krachten="")
    client = client_for("toegang")
    url = f"/gezinnen/{own.uuid}/plan/bewerken/"
    page = client.post(url, _leeg_form(own)).content.decode()
    melding = page[page.index('id="leeg"') : page.index("</div>", page.index('id="leeg"'))]
    assert "Waar maken we ons zorgen over?" in melding and "Wat gaat goed?" not in melding
    # Someone who keeps the text is not asked: a plain save.
    assert client.post(url, _leeg_form(own) | {"situatie": "Andere woorden."}).status_code == 302


def test_the_confirmed_empty_submit_saves_a_new_version(families: Any, client_for: Any) -> None:
    own = families["own"]
    _plan_met_tekst(own)
    versie = own.plan.versie
    response = client_for("toegang").post(f"/gezinnen/{own.uuid}/plan/bewerken/", _leeg_form(own, leeg_bevestigd="1"))
    assert response.status_code == 302
    own.plan.refresh_from_db()
    assert own.plan.versie == versie + 1
    nieuw = own.plan.versies.get(nummer=own.plan.versie)
    assert (nieuw.situatie, nieuw.krachten) == ("", "")


def test_the_family_lists_municipality_filter_offers_the_teams_own_region(region: Any, client_for: Any) -> None:
    """Not every municipality of the country (342 at national scale, rendered on every visit of
    the list): the region of the team's organisation. Zuid-Kennemerland's team sees its four,
    Parkstad's none of them."""
    zuid_kennemerland_demo(password=make_password(DEMO_PASSWORD), rng=random.Random(1))
    zk = {naam for naam, _code in MUNICIPALITIES}
    parkstad = [g.naam for g in client_for("toegang").get("/gezinnen/").context["gemeenten"]]
    assert parkstad and "Heerlen" in parkstad and not zk & set(parkstad)
    kennemerland = [g.naam for g in client_for("zk-toegang").get("/gezinnen/").context["gemeenten"]]
    assert kennemerland == sorted(zk)
