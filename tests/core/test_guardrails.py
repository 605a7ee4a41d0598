"""Guard rails that make the safe way the only way.

1. Views and API modules never query a model manager themselves (`Model.objects...`): personal data
   is reached through a scoped selector or `core.access.fetch`, so the scope and the access log
   cannot be forgotten. A short allowlist names the few justified exceptions, each with its reason.
2. Every page that shows a person's data writes an access-log entry for that person: each GET
   route, opened with the demo data by a login that may see it, leaves a success entry with the
   client id of the family or youth on the page (or, for a list, a search entry). Routes that show
   no one's data are listed with the reason; a new route must be put in one of the lists.
3. The access log's vocabulary is code: no `segment=` or `object_type=` argument is a string
   literal outside an app's `logevents.py`, so a typo cannot start a new, unsearchable segment.
"""

from __future__ import annotations

import ast
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.organisaties.models import Gebruiker
from tests.conftest import demo_built_once
from tests.core.test_routes import ALL, declared_policy

SRC = Path(__file__).resolve().parents[2] / "src" / "jeugdketen"

# --- 1. No manager queries in views and API modules ------------------------------------------

MANAGERS = {"objects", "_default_manager", "_base_manager"}

# (module relative to src/jeugdketen, model) → why this module may use the manager itself.
ALLOWED_MANAGER_USE: dict[tuple[str, str], str] = {
    ("organisaties/views.py", "TOTPDevice"): (
        "the logged-in person's own second factor during login, before any role or scope applies"
    ),
}

# Modules still to be moved onto selectors and `fetch` by the kernel issue's migration. Strict:
# as soon as a module is clean this test passes, the xfail turns into a failure, and its line
# here must go.
MIGRATING: dict[str, str] = {}


def view_modules() -> list[str]:
    """Every views.py and api.py (or module in a views/ or api/ package) of the project."""
    found = [
        p
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts and (p.name in ("views.py", "api.py") or p.parent.name in ("views", "api"))
    ]
    return sorted(str(p.relative_to(SRC)) for p in found)


def manager_uses(source: str) -> Iterator[tuple[int, str]]:
    """(line, model) of every `<Model>.objects` (or another manager attribute) in the source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", ast.unparse(owner))
            yield node.lineno, name


def test_the_manager_finder_sees_every_form() -> None:
    source = (
        "a = Gezin.objects.filter(x=1)\n"
        "b = models.Gezin.objects\n"
        "c = Melding._default_manager.all()\n"
        "d = type(obj)._base_manager.get(pk=1)\n"
        "e = gezin.leden.all()\n"  # a related manager of a fetched object: not a manager query
        "f = '.objects.'\n"  # text, not code
    )
    assert [model for _line, model in manager_uses(source)] == ["Gezin", "Gezin", "Melding", "type(obj)"]


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=MIGRATING[m])) if m in MIGRATING else m
        for m in view_modules()
    ],
)
def test_views_and_api_do_not_query_models_themselves(module: str) -> None:
    found = [
        f"{module}:{line} {model}.objects"
        for line, model in manager_uses((SRC / module).read_text())
        if (module, model) not in ALLOWED_MANAGER_USE
    ]
    assert found == [], "reach personal data through a selector or core.access.fetch, not the manager: " + ", ".join(
        found
    )


def test_the_allowlist_has_no_stale_lines() -> None:
    """An allowed use that no longer exists leaves the list, so the list stays short and true."""
    used = {(m, model) for m in view_modules() for _line, model in manager_uses((SRC / m).read_text())}
    assert set(ALLOWED_MANAGER_USE) - used == set()


def test_migrating_lists_only_existing_modules() -> None:
    assert set(MIGRATING) <= set(view_modules())


# --- 2. Every page with a person's data writes an access-log entry for that person ----------


@dataclass
class Demo:
    """The demo objects the pages are opened with (the demo region at size 1)."""

    gezin: Any  # the Janssen family: toegang is the regisseur, ouder and jongere are members
    lid: Any  # a family member without a login yet (invitable)
    lid_gezin: Any
    toestemming: Any
    reactie: Any
    toekomstplan: Any
    onderdeel: Any
    melding: Any  # a registration of toegang's organisation that has a match
    match: Any
    organisatie: Any  # an organisation connected to the index (functional management)
    jeugdhulp: Any = None  # Daan's decision and trajectory, a received message, a measure, a thuiszitter
    gezinsmatch: Any = None  # a family match with toegang's registration (tests/brp has the real path)


def load_demo() -> Demo:
    from jeugdketen.demo.gezinsplan import JANSSEN
    from jeugdketen.demo.jeugdhulp import demo_objecten
    from jeugdketen.gezinnen.models import Gezin, Gezinslid, Toestemming
    from jeugdketen.gezinsplan.models import Reactie
    from jeugdketen.organisaties.models import Organisatie
    from jeugdketen.toekomstplan.models import Planonderdeel, Toekomstplan
    from jeugdketen.verwijsindex.models import Melding, MeldingStatus

    gezin = Gezin.objects.get(naam=JANSSEN)
    lid = Gezinslid.objects.filter(gebruiker__isnull=True, gezin__plan__isnull=False).select_related("gezin").first()
    assert lid is not None
    toekomstplan = Toekomstplan.objects.get(jeugdige__gebruiker__username="jongere")
    onderdeel = Planonderdeel.objects.filter(plan=toekomstplan).select_related("onderdeel").first()
    melding = Melding.objects.filter(
        organisatie__naam="Toegangsteam Jeugd Heerlen", status=MeldingStatus.ACTIEF, match__isnull=False
    ).first()
    assert melding is not None and melding.match is not None
    return Demo(
        gezinsmatch=_gezinsmatch(melding),
        gezin=gezin,
        lid=lid,
        lid_gezin=lid.gezin,
        toestemming=Toestemming.objects.filter(gezin=gezin).first(),
        reactie=Reactie.objects.filter(plan__gezin=gezin).first(),
        toekomstplan=toekomstplan,
        onderdeel=onderdeel.onderdeel if onderdeel else None,
        melding=melding,
        match=melding.match,
        organisatie=Organisatie.objects.get(naam="Toegangsteam Jeugd Heerlen"),
        jeugdhulp=demo_objecten(gezin.gemeente.regio),
    )


def _gezinsmatch(melding: Any) -> Any:
    """A family match of toegang's youth and another organisation's youth. The demo builds one only
    with the BRP stand-in running (the test region is built without a BRP), so it is made here."""
    from django.utils import timezone

    from jeugdketen.verwijsindex.models import Gezinsmatch, Jongere, Melding, MeldingStatus

    ander = (
        Melding.objects.filter(status=MeldingStatus.ACTIEF)
        .exclude(jongere=melding.jongere)
        .exclude(organisatie=melding.organisatie)
        .first()
    )
    gezinsmatch = Gezinsmatch.objects.create(aangemaakt=timezone.now())
    Jongere.objects.filter(pk__in=[melding.jongere_id, ander.jongere_id]).update(gezinsmatch=gezinsmatch)
    return gezinsmatch


Kwargs = Callable[[Demo], dict[str, Any]]


@dataclass(frozen=True)
class Shows:
    """A page that shows a person's data: opened by `login`, it logs a read for `client`."""

    login: str
    kwargs: Kwargs
    client: Callable[[Demo], str]


@dataclass(frozen=True)
class Lists:
    """A list of people: opened by `login`, it writes one search entry."""

    login: str
    kwargs: Kwargs = lambda d: {}


def family(d: Demo) -> str:
    return str(d.gezin.uuid)


def youth(d: Demo) -> str:
    return str(d.toekomstplan.jeugdige.uuid)


def registered(d: Demo) -> str:
    return f"vi:{d.melding.jongere.uuid}"


def gezin_kwargs(d: Demo) -> dict[str, Any]:
    return {"gezin": d.gezin.uuid}


def plan_kwargs(d: Demo) -> dict[str, Any]:
    return {"plan": d.toekomstplan.uuid}


SYSTEM = "systeem:"  # a login "systeem:<organisation>" is that organisation's demo API key
TOEGANG_SYSTEEM = SYSTEM + "Toegangsteam Jeugd Heerlen"  # the access team's case system
AANBIEDER_SYSTEEM = SYSTEM + "Jeugdhulp Parkstad"  # the provider's client system


def jh(key: str) -> Kwargs:
    return lambda d: {"uuid": d.jeugdhulp[key].uuid}


def jh_youth(key: str) -> Callable[[Demo], str]:
    return lambda d: str(d.jeugdhulp[key].jeugdige.uuid)


def crisis_case(d: Demo) -> Any:
    """The demo crisis case handed over to the access team of Heerlen: a youth, a hand-over."""
    from jeugdketen.crisis.models import Crisiscasus
    from jeugdketen.demo.crisis import OVERGEDRAGEN_AAN_TOEGANG

    return Crisiscasus.objects.prefetch_related("jeugdigen").get(jeugdigen__voornaam=OVERGEDRAGEN_AAN_TOEGANG)


def ervaring_kwargs(d: Demo) -> dict[str, Any]:
    """The demo parent's invitation after the Janssen family's evaluation (demo/ervaring.py)."""
    from jeugdketen.ervaring.models import Uitnodiging

    return {"uuid": Uitnodiging.objects.get(gezinslid__gezin=d.gezin, gebruiker__username="ouder").uuid}


def crisis_kwargs(d: Demo) -> dict[str, Any]:
    return {"casus": crisis_case(d).uuid}


def crisis_client(d: Demo) -> str:
    from jeugdketen.crisis.logevents import client_id

    return client_id(crisis_case(d))


def crisis_shows() -> Shows:
    return Shows("crisisdienst", crisis_kwargs, crisis_client)


def reservering(d: Demo) -> Any:
    """A demo reservation on a place of Jeugdhulp Parkstad (plekvrij's only personal data)."""
    from jeugdketen.plekvrij.models import Reservering

    return Reservering.objects.filter(plek__naam="Crisisgroep De Linde", status="aangevraagd").get()


def reservering_kwargs(d: Demo) -> dict[str, Any]:
    return {"uuid": reservering(d).uuid}


def reserved(d: Demo) -> str:
    return f"reservering:{reservering(d).uuid}"


PAGES: dict[str, Shows | Lists] = {
    "toekomstplan:mijn": Lists("jongere"),
    "toekomstplan:signalen": Lists("toegang"),
    "toekomstplan:plan": Shows("jongere", plan_kwargs, youth),
    "toekomstplan:onderwerpen": Shows("jongere", plan_kwargs, youth),
    "toekomstplan:onderdeel": Shows(
        "jongere", lambda d: {"plan": d.toekomstplan.uuid, "onderdeel": d.onderdeel.uuid}, youth
    ),
    "toekomstplan:assistent": Shows("jongere", plan_kwargs, youth),
    "toekomstplan:pdf": Shows("jongere", plan_kwargs, youth),
    "toekomstplan:gegevens": Shows("jongere", plan_kwargs, youth),
    "toekomstplan:toegangslog": Shows("jongere", plan_kwargs, youth),
    "gezinnen:detail": Shows("toegang", gezin_kwargs, family),
    "gezinnen:lid_toevoegen": Shows("toegang", gezin_kwargs, family),
    "gezinnen:netwerk_uitnodigen": Shows("toegang", gezin_kwargs, family),
    "gezinnen:toestemming": Shows("toegang", gezin_kwargs, family),
    "gezinnen:toegangslog": Shows("ouder", gezin_kwargs, family),
    "gezinnen:toestemming_intrekken_vragen": Shows(
        "toegang",
        lambda d: {
            "gezin": d.gezin.uuid,
            "toestemming": d.gezin.toestemmingen.filter(ingetrokken_op=None).first().uuid,
        },
        family,
    ),
    "gezinnen:api-gezin-list": Lists("toegang"),
    "gezinnen:api-gezin-detail": Shows("toegang", lambda d: {"uuid": d.gezin.uuid}, family),
    "gezinsplan:lijst": Lists("toegang"),
    "gezinsplan:plan": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:bewerken": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:regie": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:bijeenkomst": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:versies": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:afdrukken": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:pdf": Shows("toegang", gezin_kwargs, family),
    "gezinsplan:api-gezinsplan-list": Lists("toegang"),
    "gezinsplan:api-gezinsplan-detail": Shows("toegang", lambda d: {"uuid": d.gezin.plan.uuid}, family),
    "verwijsindex:meldingen": Lists("toegang"),
    "verwijsindex:melding": Shows("toegang", lambda d: {"uuid": d.melding.uuid}, registered),
    "verwijsindex:matches": Lists("toegang"),
    "verwijsindex:match": Shows("toegang", lambda d: {"uuid": d.match.uuid}, registered),
    "verwijsindex:gezinsmatch": Shows(
        "toegang", lambda d: {"uuid": d.gezinsmatch.uuid}, lambda d: f"vi-gezin:{d.gezinsmatch.uuid}"
    ),
    "verwijsindex:beheer_regie": Lists("functioneelbeheer"),
    "verwijsindex:api-melding-list": Lists(TOEGANG_SYSTEEM),
    "verwijsindex:api-melding-detail": Shows(TOEGANG_SYSTEEM, lambda d: {"uuid": d.melding.uuid}, registered),
    "verwijsindex:api-match-list": Lists(TOEGANG_SYSTEEM),
    "verwijsindex:api-match-detail": Shows(TOEGANG_SYSTEEM, lambda d: {"uuid": d.match.uuid}, registered),
    "plekvrij:reserveringen": Lists("aanbieder"),
    "plekvrij:reservering": Shows("aanbieder", reservering_kwargs, reserved),
    "plekvrij:api-reservering-list": Lists(AANBIEDER_SYSTEEM),
    "plekvrij:api-reservering-detail": Shows(AANBIEDER_SYSTEEM, reservering_kwargs, reserved),
    ":toegangslog": Lists("logbeheer"),
    ":home": Lists("toegang"),  # 'Mijn werk' names families: "Evaluatie te laat: Gezin Janssen"
    "jeugdhulp:trajecten": Lists("toegang"),
    "jeugdhulp:traject": Shows("toegang", jh("traject"), jh_youth("traject")),
    "jeugdhulp:beschikking": Shows("toegang", jh("beschikking"), jh_youth("beschikking")),
    "jeugdhulp:beschikking_pdf": Shows("jongere", jh("beschikking"), jh_youth("beschikking")),
    "jeugdhulp:mijn": Lists("jongere"),
    "jeugdhulp:ijw": Lists("aanbieder"),
    "jeugdhulp:ijw_voorbeeld": Shows("aanbieder", lambda d: {"soort": "jw305"}, jh_youth("voorbeeld")),
    "jeugdhulp:ontvangst": Shows("aanbieder", jh("ontvangst"), jh_youth("ontvangst")),
    "jeugdhulp:ontvangst_retour": Shows("aanbieder", jh("ontvangst"), jh_youth("ontvangst")),
    "jeugdhulp:maatregelen": Lists("gi"),
    "jeugdhulp:maatregel": Shows("gi", jh("maatregel"), jh_youth("maatregel")),
    "jeugdhulp:thuiszitters": Lists("school"),
    "jeugdhulp:thuiszitter": Shows("school", jh("thuiszitter"), jh_youth("thuiszitter")),
    "jeugdhulp:api-jeugdhulp-traject-list": Lists(TOEGANG_SYSTEEM),
    "jeugdhulp:api-jeugdhulp-traject-detail": Shows(TOEGANG_SYSTEEM, jh("traject"), jh_youth("traject")),
    "jeugdhulp:api-jeugdhulp-ijw-detail": Shows(AANBIEDER_SYSTEEM, jh("ontvangst"), jh_youth("ontvangst")),
    "crisis:bord": Lists("crisisdienst"),
    "crisis:overdrachten": Lists("toegang"),
    "crisis:casus": crisis_shows(),
    "crisis:triage": crisis_shows(),
    "crisis:moment": crisis_shows(),
    "crisis:jeugdige_nieuw": crisis_shows(),
    "crisis:jeugdige": Shows(
        "crisisdienst",
        lambda d: {"casus": crisis_case(d).uuid, "jeugdige": crisis_case(d).jeugdigen.get().uuid},
        crisis_client,
    ),
    "crisis:gezin_koppelen": crisis_shows(),
    "crisis:deelname": crisis_shows(),
    "crisis:crisisplek": crisis_shows(),
    "crisis:overdragen": crisis_shows(),
    "crisis:overdracht_bekijken": crisis_shows(),
    "crisis:sluiten": crisis_shows(),
    "crisis:terugblik": crisis_shows(),
    "crisis:gezin": crisis_shows(),
    "ervaring:uitnodiging": Shows("ouder", ervaring_kwargs, family),
    "ervaring:codes": Shows("toegang", lambda d: {"plan": d.gezin.plan.uuid}, family),
}

# Routes that show no one's data (no access-log entry expected), each with the reason.
NO_PERSON: dict[str, str] = {
    ":tweede_factor": "the person's own second-factor code entry",
    ":tweede_factor_instellen": "the person's own second-factor setup",
    ":uitloggen": "logging out",
    ":organisatie_kiezen": "the choice of the organisation one acts for",
    "gezinnen:mijn_gezin": "redirects to the person's own family page, which logs its read",
    ":notificaties": "the person's own notifications: 'there is news in your plan', never personal data",
    "gezinnen:nieuw": "an empty form for a new family",
    "verwijsindex:melden": "an empty registration form (the registration itself is logged)",
    "verwijsindex:zoeken": "an empty search form (the search is a POST and is logged)",
    "verwijsindex:upload": "an empty file-upload form",
    "verwijsindex:beheer": "functional management's start page: counts, no persons",
    "verwijsindex:beheer_organisatie": "an organisation's connection, staff and keys: no client data",
    "verwijsindex:beheer_regels": "the coordination rules of the region",
    "verwijsindex:beheer_gebruik": "usage figures per organisation, aggregates only",
    "verwijsindex:beheer_logboek": "an empty search form (the search is a POST and is logged)",
    "verwijsindex:beheer_overlijden": "an empty form to record a death",
    "jeugdhulp:beschikking_nieuw": "an empty form for a decision (the decision itself is logged)",
    "jeugdhulp:csv": "an empty file-upload form",
    "jeugdhulp:maatregel_nieuw": "an empty form for a measure",
    "jeugdhulp:thuiszitter_nieuw": "an empty form to report a thuiszitter",
    "crisis:melding": "an empty report form (the report itself is logged by its service)",
    "plekvrij:zoeken": "available places: kinds, ages, numbers, no person",
    "plekvrij:crisis": "redirects to the search for free crisis places",
    "plekvrij:plek": "one place's availability and contact",
    "plekvrij:reserveren": "a place and an empty reservation form (the reservation is logged)",
    "plekvrij:zoekopdrachten": "the person's own saved searches: criteria, no person",
    "plekvrij:mijn_plekken": "the provider's own places and their numbers",
    "plekvrij:mijn_plekken_bestand": "the upload form; its download holds places only",
    "plekvrij:mijn_plekken_locatie": "an empty form for a new location",
    "plekvrij:mijn_plekken_nieuw": "an empty form for a new place",
    "plekvrij:plek_wijzigen": "a place's numbers and details",
    "plekvrij:plek_geschiedenis": "a place's numbers over time, and which staff member changed them",
    "plekvrij:aanbod": "the organisation's offers on the public sociale kaart",
    "plekvrij:aanbod_nieuw": "an empty form for an offer",
    "plekvrij:aanbod_wijzigen": "an offer of the public sociale kaart",
    "plekvrij:cijfers": "aggregates per kind, small counts suppressed",
    "plekvrij:api-plek-list": "the provider's own places (availability, no person)",
    "plekvrij:api-plek-detail": "one place's availability",
    "plekvrij:api-plek-zoeken": "the search for available places",
    "agenda:overzicht": "the region's policy agendas: public policy, no person",
    "agenda:agenda": "a policy agenda with its statuses, budgets and inspraak: public policy, no person",
    "agenda:agenda_csv": "a policy agenda's tables as CSV: public policy, no person",
    "agenda:activiteit_nieuw": "an empty form for an activity of the agenda",
    "agenda:activiteit_wijzigen": "an activity of the policy agenda",
    "agenda:status": "an activity's status per year",
    "agenda:advies_nieuw": "an empty form for advice of the youth panel or parents (a body, no person)",
    "agenda:advies_wijzigen": "advice of the youth panel or parents, stored without names",
    "ervaring:cijfers": "family experience as counts and means per municipality and year, small groups hidden",
    "ervaring:cijfers_csv": "the family experience table as CSV: the page's suppressed counts and means",
    "monitor:overzicht": "the region's indicators: suppressed aggregates, never a person",
    "monitor:overzicht_csv": "the overview as CSV: suppressed aggregates",
    "monitor:indicator": "one indicator's definition, chart and tables: suppressed aggregates",
    "monitor:indicator_csv": "one indicator's table as CSV: suppressed aggregates",
    "monitor:bevolking": "population figures per municipality and age band (CBS), and the upload form",
    "monitor:basiswaarden": "entered 2018 baselines (figures and their sources) and the form",
    "monitor:jaarrapport": "the yearly report (PDF): suppressed aggregates and the agenda",
    "monitor:aanbieder": "the provider's own waiting-time and occupancy figures (aggregates)",
    "monitor:aanbieder_csv": "the same figures as CSV (aggregates)",
    "monitor:bevolking_csv": "the CBS population figures as CSV (aggregates)",
    "monitor:basiswaarden_csv": "the entered 2018 baselines as CSV (aggregates)",
    "monitor:api-indicator-list": "the indicators' definitions (API): no figures, no person",
    "monitor:api-indicator-detail": "one indicator's suppressed figures (API): aggregates, never a person",
}

# Routes that answer GET with 405: every change is a POST (logged by its service).
POST_ONLY: dict[str, str] = {
    "gezinsplan:score": "toegang",
    "gezinsplan:reactie_afhandelen": "toegang",
    "gezinsplan:reactie": "ouder",
    "gezinsplan:instemmen": "ouder",
    "gezinnen:mandaat": "toegang",
    "gezinnen:lid_uitnodigen": "toegang",
    ":notificaties_gelezen": "toegang",
    "digid:logout": "ouder",
    "toekomstplan:starten": "toegang",
    "toekomstplan:delen": "jongere",
    "gezinnen:toestemming_intrekken": "toegang",
    "gezinnen:toestemming_bevestigen": "ouder",
    "gezinsplan:starten": "toegang",
    "verwijsindex:melding_verwijderen": "toegang",
    "verwijsindex:melding_informeren": "toegang",
    "verwijsindex:match_regie": "toegang",
    "verwijsindex:match_contact": "toegang",
    "verwijsindex:beheer_regie_toewijzen": "functioneelbeheer",
    "verwijsindex:api-melding-verwijderen": TOEGANG_SYSTEEM,
    "jeugdhulp:traject_starten": "aanbieder",
    "jeugdhulp:traject_stoppen": "aanbieder",
    "jeugdhulp:traject_wachttijd": "aanbieder",
    "jeugdhulp:api-jeugdhulp-traject-start": AANBIEDER_SYSTEEM,
    "jeugdhulp:api-jeugdhulp-traject-stop": AANBIEDER_SYSTEEM,
    "jeugdhulp:api-jeugdhulp-traject-wachttijd": AANBIEDER_SYSTEEM,
    "jeugdhulp:api-jeugdhulp-ijw-list": AANBIEDER_SYSTEEM,
    "plekvrij:zoekopdracht_bewaren": "toegang",
    "plekvrij:zoekopdracht_verwijderen": "toegang",
    "plekvrij:reservering_actie": "aanbieder",
    "plekvrij:plek_snel": "aanbieder",
    "plekvrij:api-plek-bijwerken": AANBIEDER_SYSTEEM,
    "plekvrij:api-reservering-bevestigen": AANBIEDER_SYSTEEM,
    "plekvrij:api-reservering-afwijzen": AANBIEDER_SYSTEEM,
    "plekvrij:api-reservering-geplaatst": AANBIEDER_SYSTEEM,
    "plekvrij:api-reservering-intrekken": TOEGANG_SYSTEEM,
    "monitor:herberekenen": "beleid",
}

# Pages that do not log yet while their app is being moved onto `core.access.fetch`; strict, so
# each line must go as soon as its page logs.
NOT_YET: dict[str, str] = {}


def route_names() -> list[str]:
    """Every non-public route once, as 'namespace:name' (format-suffix twins of API routes count once)."""
    names = []
    for _route, namespace, pattern in ALL:
        declared = declared_policy(pattern)
        if declared is not None and declared.public:
            continue
        name = f"{namespace}:{pattern.name}"
        if name not in names:
            names.append(name)
    return names


def test_every_route_is_in_exactly_one_list() -> None:
    """A new route must say what it shows: a person (PAGES), no one (NO_PERSON) or nothing on GET."""
    lists = [set(PAGES), set(NO_PERSON), set(POST_ONLY)]
    names = set(route_names())
    assert names - set().union(*lists) == set(), "put the new route in PAGES, NO_PERSON or POST_ONLY"
    assert set().union(*lists) - names == set(), "a listed route no longer exists"
    assert sum(len(s) for s in lists) == len(set().union(*lists)), "a route is in more than one list"


@pytest.fixture(scope="module")
def demo_region(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Demo]:
    """The demo region at size 1, built once for this module, with the objects the pages need."""
    with demo_built_once(django_db_blocker):
        yield load_demo()


def url_of(name: str, kwargs: dict[str, Any]) -> str:
    return reverse(name.removeprefix(":"), kwargs=kwargs)


def open_as(login: str, url: str) -> tuple[Any, list[Toegangslogregel]]:
    """GET `url` as a demo login (or an organisation's system); the new log entries of that actor."""
    from jeugdketen.demo.verwijsindex import DEMO_API_KEYS
    from jeugdketen.organisaties.models import Organisatie

    client = Client()
    if login.startswith(SYSTEM):
        organisatie = Organisatie.objects.get(naam=login.removeprefix(SYSTEM))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {DEMO_API_KEYS[organisatie.naam][1]}"}
        by_actor: dict[str, Any] = {"gebruiker__isnull": True, "organisatie_id": str(organisatie.uuid)}
    else:
        user = Gebruiker.objects.get(username=login)
        client.force_login(user)
        headers = {}
        by_actor = {"gebruiker": user}
    last = Toegangslogregel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url, HTTP_ACCEPT="text/html,application/json", **headers)
    return response, list(Toegangslogregel.objects.filter(id__gt=last, **by_actor).order_by("id"))


def marked(names: list[str]) -> list[Any]:
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[n])) if n in NOT_YET else n for n in names
    ]


@pytest.mark.parametrize("name", marked([n for n, p in PAGES.items() if isinstance(p, Shows)]))
def test_a_page_with_a_persons_data_logs_a_read_for_that_person(
    db: Any, no_2fa: None, demo_region: Demo, name: str
) -> None:
    page = PAGES[name]
    assert isinstance(page, Shows)
    response, entries = open_as(page.login, url_of(name, page.kwargs(demo_region)))

    assert response.status_code == 200, f"{name} as {page.login}: {response.status_code}"
    client = page.client(demo_region)
    logged = [e for e in entries if e.uitkomst == Uitkomst.SUCCESS]
    assert client in {e.client_id for e in logged}, (
        f"{name} showed {client}'s data to {page.login} without an access-log entry for them; "
        f"logged: {[(e.actie, e.object_type, e.client_id) for e in entries]}"
    )


@pytest.mark.parametrize("name", marked([n for n, p in PAGES.items() if isinstance(p, Lists)]))
def test_a_list_of_people_logs_a_search(db: Any, no_2fa: None, demo_region: Demo, name: str) -> None:
    page = PAGES[name]
    assert isinstance(page, Lists)
    response, entries = open_as(page.login, url_of(name, page.kwargs(demo_region)))

    assert response.status_code == 200, f"{name} as {page.login}: {response.status_code}"
    searches = [e for e in entries if e.actie == Actie.SEARCH and e.uitkomst == Uitkomst.SUCCESS]
    assert searches, f"{name} listed people for {page.login} without a search entry in the access log"


@pytest.mark.parametrize("name", marked(sorted(POST_ONLY)))
def test_a_post_only_route_shows_nothing_on_get(db: Any, no_2fa: None, demo_region: Demo, name: str) -> None:
    pattern = next(p for _r, ns, p in ALL if f"{ns}:{p.name}" == name)
    kwargs = {key: uuid.uuid4() for key in pattern.pattern.regex.groupindex if key != "format"}
    response, entries = open_as(POST_ONLY[name], url_of(name, kwargs))
    assert response.status_code == 405, f"{name} answers GET with {response.status_code}: list it in PAGES"
    assert entries == []


# --- 3. The access log's vocabulary is code ---------------------------------------------------

LOG_KEYWORDS = ("segment", "object_type")

# (module relative to src/jeugdketen, keyword, literal) → why it may be written out there.
ALLOWED_LOG_LITERALS: dict[tuple[str, str, str], str] = {}


def log_literals(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, keyword, text) of every `segment=` / `object_type=` keyword argument that is a string
    literal or an f-string (a value computed from a named constant is fine)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg in LOG_KEYWORDS:
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.lineno, node.arg, value.value
            elif isinstance(value, ast.JoinedStr):
                yield value.lineno, node.arg, ast.unparse(value)


def log_literal_offenders(root: Path) -> list[str]:
    """`module:line keyword="text"` for each literal under `root`, outside `logevents.py` files
    and the allowlist."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "logevents.py":
            continue
        module = str(path.relative_to(root))
        for line, keyword, text in sorted(log_literals(path.read_text())):
            if (module, keyword, text) not in ALLOWED_LOG_LITERALS:
                found.append(f"{module}:{line} {keyword}={text!r}")
    return found


def test_the_log_literal_finder_sees_every_form() -> None:
    source = (
        "fetch(actor, Gezin, uuid=u, segment='gezin')\n"
        'refuse(actor, object_type="gezin", segment=Segment.GEZIN)\n'
        "log_access(actor, segment=f'verwijderd:{reden}')\n"
        "fetch(actor, Gezin, segment=Segment.GEZIN, object_type=ObjectType.GEZIN)\n"  # named: fine
        "fetch(actor, Gezin, segment=logevents.verwijderd(reden))\n"  # a named event function: fine
        "def f(segment: str = 'x') -> None: ...\n"  # a parameter's default is not an argument
        "x = {'segment': 'gezin'}\n"  # text, not a keyword argument
    )
    assert [(k, t) for _line, k, t in log_literals(source)] == [
        ("segment", "gezin"),
        ("object_type", "gezin"),
        ("segment", "f'verwijderd:{reden}'"),
    ]


def test_a_log_literal_outside_logevents_fails_the_tree(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "logevents.py").write_text("log_access(actor, object_type='zaak', segment='zaak')\n")
    (app / "views.py").write_text("x = 1\nfetch(actor, Zaak, uuid=u, segment='detail')\n")
    assert log_literal_offenders(tmp_path) == ["app/views.py:2 segment='detail'"]


def test_the_access_log_vocabulary_is_named_in_logevents() -> None:
    found = log_literal_offenders(SRC)
    assert found == [], (
        "name object types and segments in the app's logevents.py (a StrEnum or a log-event "
        "function), never as a free string: " + ", ".join(found)
    )


def test_the_log_literal_allowlist_has_no_stale_lines() -> None:
    used = {
        (str(p.relative_to(SRC)), keyword, text)
        for p in SRC.rglob("*.py")
        for _line, keyword, text in log_literals(p.read_text())
    }
    assert set(ALLOWED_LOG_LITERALS) - used == set()
