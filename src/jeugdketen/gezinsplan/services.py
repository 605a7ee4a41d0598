"""Every write on the family plan: typed, keyword-only, atomic, permission-checked, logged.

Concurrency: every change carries the version it was based on (`basis_versie`). The plan row is
updated with `UPDATE ... SET versie = basis + 1 WHERE versie = basis`; when no row matches,
someone else saved first and VerouderdeVersie (with the newer version) is raised — nothing is
overwritten. Versions are never updated; a change writes a complete new version.

Access: a change to a plan takes the `Toegang` that `core.access.fetch` returned for it (the plan
with the actor's relation to the family). That fetch wrote the access-log entry of the change,
with the change's action, so these services write no second entry for the plan; a service that
is handed a relation for another family refuses (logged). Starting a plan (`plan_aanmaken`) adds a
new part to a family and logs it, like the family's services.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, refuse
from jeugdketen.core.forms import Verouderd
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid
from jeugdketen.gezinnen.services import plan_gestart, require_role
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from jeugdketen.organisaties.selectors import acting_person

from . import logevents, uitbreidingen
from .logevents import ObjectType, Segment
from .models import (
    Afspraak,
    AfspraakStatus,
    Doel,
    DoelStatus,
    Evaluatiescore,
    Gezinsplan,
    Instemming,
    Levensgebied,
    Planbijeenkomst,
    Planversie,
    Reactie,
    ReactieSoort,
    ReactieStatus,
    Regieperiode,
    Veiligheidsvoorwaarde,
)


class _Unset(enum.Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET  # "leave the evaluation date as it was in the base version"


class VerouderdeVersie(Verouderd):
    """The edit was based on an older version; `nieuwste` is the version saved in between. The
    plan editor shows the conflict itself (the newer text beside the form), so no flash message."""

    bericht = ""

    def __init__(self, nieuwste: Planversie | None) -> None:
        super().__init__(nieuwste, versie=nieuwste.nummer if nieuwste else 0)
        self.nieuwste: Planversie | None = nieuwste


@dataclass(frozen=True)
class DoelInvoer:
    levensgebied: str
    voor_wie: str
    resultaat: str
    streefdatum: dt.date | None = None
    status: str = DoelStatus.NIEUW
    sleutel: uuidlib.UUID | None = None


@dataclass(frozen=True)
class AfspraakInvoer:
    wat: str
    wie: str  # "lid:<uuid>", "netwerk:<uuid>" or "org:<uuid>"
    deadline: dt.date | None = None
    status: str = AfspraakStatus.OPEN
    sleutel: uuidlib.UUID | None = None


@dataclass(frozen=True)
class VoorwaardeInvoer:
    tekst: str
    sleutel: uuidlib.UUID | None = None


Deel = TypeVar("Deel", Doel, Afspraak, Veiligheidsvoorwaarde)


def _carried_over(rows: Iterable[Deel], versie: Planversie) -> list[Deel]:
    """A part the edit did not touch: the base version's rows, as new rows of the new version
    (versions are immutable, so nothing is shared between them)."""
    copies = []
    for row in rows:
        row.pk = None
        row._state.adding = True
        row.versie = versie
        copies.append(row)
    return copies


# --- Access helpers --------------------------------------------------------------------------


def _access(toegang: Toegang[Gezinsplan], by: Actor, *, segment: str) -> tuple[gezinnen.GezinsRol, Gebruiker]:
    """The relation `fetch` returned with the plan, and the person acting (a change has a person
    as its author: an organisation's system reads only)."""
    plan, rol = toegang.obj, toegang.relatie
    if not isinstance(rol, gezinnen.GezinsRol) or rol.gezin_id != plan.gezin_id:
        refuse(by, object_type=ObjectType.GEZINSPLAN, object_id=str(plan.uuid), segment=segment, actie=Actie.UPDATE)
    return rol, acting_person(by, object_type=ObjectType.GEZINSPLAN, object_id=str(plan.uuid), segment=segment)


def may_edit(rol: gezinnen.GezinsRol | None, plan: Gezinsplan) -> bool:
    """Professionals with access edit the plan; a parent edits it while they are regisseur."""
    if rol is None:
        return False
    if rol.is_professional:
        return True
    return rol.soort == gezinnen.OUDER and rol.gezinslid is not None and plan.regisseur_gezinslid_id == rol.gezinslid.pk


def may_set_safety_conditions(by: Actor) -> bool:
    return by.organisatie_soort in gezinnen.MANDAAT_SOORTEN and gezinnen.is_professional(by)


def _editor(toegang: Toegang[Gezinsplan], by: Actor, *, segment: str) -> tuple[gezinnen.GezinsRol, Gebruiker]:
    rol, person = _access(toegang, by, segment=segment)
    if not may_edit(rol, toegang.obj):
        raise ValidationError({"__all__": [_("U kunt dit plan lezen en erop reageren, maar niet zelf wijzigen.")]})
    return rol, person


def _plan_link(gezin: Gezin) -> str:
    return reverse("gezinsplan:plan", kwargs={"gezin": gezin.uuid})


def _regisseur_user(plan: Gezinsplan) -> Gebruiker | None:
    if plan.regisseur_medewerker is not None:
        return plan.regisseur_medewerker
    lid = plan.regisseur_gezinslid
    return lid.gebruiker if lid is not None else None


def _everyone(plan: Gezinsplan, gezin: Gezin) -> list[Gebruiker]:
    users = gezinnen.users_around_family(gezin)
    regisseur = _regisseur_user(plan)
    if regisseur is not None:
        users.append(regisseur)
    unique: dict[int, Gebruiker] = {u.pk: u for u in users}
    return list(unique.values())


# --- Versions --------------------------------------------------------------------------------


def _resolve_wie(gezin: Gezin, wie: str) -> dict[str, Any]:
    kind, _sep, ident = (wie or "").partition(":")
    try:
        key = uuidlib.UUID(ident)
    except ValueError:
        key = None
    if key is not None and kind == "lid":
        lid = Gezinslid.objects.filter(gezin=gezin, uuid=key).first()
        if lid:
            return {"wie_gezinslid": lid, "wie_naam": lid.naam}
    if key is not None and kind == "netwerk":
        netwerk = Netwerklid.objects.filter(gezin=gezin, uuid=key, actief=True).first()
        if netwerk:
            return {"wie_netwerklid": netwerk, "wie_naam": netwerk.naam}
    if key is not None and kind == "org":
        org = Organisatie.objects.filter(
            uuid=key, toestemmingen__in=gezinnen.active_consents().filter(gezin=gezin)
        ).first()
        if org:
            return {"wie_organisatie": org, "wie_naam": org.naam}
    raise ValidationError(
        {
            "afspraken": [
                _("Kies wie de afspraak uitvoert: iemand uit het gezin, het netwerk of een betrokken organisatie.")
            ]
        }
    )


def _validate_doelen(doelen: list[DoelInvoer]) -> None:
    for doel in doelen:
        if doel.levensgebied not in Levensgebied.values:
            raise ValidationError({"doelen": [_("Kies een levensgebied uit de lijst.")]})
        if doel.status not in DoelStatus.values:
            raise ValidationError({"doelen": [_("Kies een status uit de lijst.")]})
        if not doel.resultaat.strip() or not doel.voor_wie.strip():
            raise ValidationError({"doelen": [_("Vul bij elk doel in voor wie het is en wat u wilt bereiken.")]})


def _write_version(
    *,
    plan: Gezinsplan,
    gezin: Gezin,
    by: Actor,
    person: Gebruiker,
    basis_versie: int,
    situatie: str | None,
    krachten: str | None,
    volgende_evaluatie: dt.date | None | _Unset,
    doelen: list[DoelInvoer] | None,
    afspraken: list[AfspraakInvoer] | None,
    voorwaarden: list[VoorwaardeInvoer] | None,
    toelichting: str,
) -> Planversie:
    if voorwaarden is not None and not may_set_safety_conditions(by):
        raise ValidationError(
            {
                "veiligheidsvoorwaarden": [
                    _("Alleen een gecertificeerde instelling of Veilig Thuis stelt vast wat moet veranderen.")
                ]
            }
        )
    if doelen is not None:
        _validate_doelen(doelen)
    resolved = [(a, _resolve_wie(gezin, a.wie)) for a in afspraken] if afspraken is not None else None
    if resolved is not None:
        for a, _wie in resolved:
            if not a.wat.strip():
                raise ValidationError({"afspraken": [_("Vul bij elke afspraak in wat er gebeurt.")]})
            if a.status not in AfspraakStatus.values:
                raise ValidationError({"afspraken": [_("Kies een status uit de lijst.")]})
    basis = (
        Planversie.objects.filter(plan=plan, nummer=basis_versie)
        .prefetch_related("doelen", "afspraken", "veiligheidsvoorwaarden")
        .first()
        if basis_versie
        else None
    )
    evaluatie = (basis.volgende_evaluatie if basis else None) if volgende_evaluatie is UNSET else volgende_evaluatie
    nieuw_nummer = basis_versie + 1
    updated = Gezinsplan.objects.filter(pk=plan.pk, versie=basis_versie).update(
        versie=nieuw_nummer, volgende_evaluatie=evaluatie, gewijzigd=timezone.now()
    )
    if not updated:
        raise VerouderdeVersie(Planversie.objects.filter(plan=plan).order_by("-nummer").first())
    versie = Planversie.objects.create(
        plan=plan,
        nummer=nieuw_nummer,
        situatie=(basis.situatie if basis else "") if situatie is None else situatie.strip(),
        krachten=(basis.krachten if basis else "") if krachten is None else krachten.strip(),
        volgende_evaluatie=evaluatie,
        toelichting=toelichting.strip()[:300],
        auteur=person,
        auteur_naam=by.display_name or person.weergavenaam,
        auteur_organisatie="" if by.is_burger else by.organisatie_naam,
    )
    if doelen is None:
        doel_rows = _carried_over(basis.doelen.all() if basis else [], versie)
    else:
        doel_rows = [
            Doel(
                versie=versie,
                sleutel=d.sleutel or uuidlib.uuid4(),
                levensgebied=d.levensgebied,
                voor_wie=d.voor_wie.strip(),
                resultaat=d.resultaat.strip(),
                streefdatum=d.streefdatum,
                status=d.status,
                volgorde=i,
            )
            for i, d in enumerate(doelen)
        ]
    Doel.objects.bulk_create(doel_rows)
    if resolved is None:
        afspraak_rows = _carried_over(basis.afspraken.all() if basis else [], versie)
    else:
        afspraak_rows = [
            Afspraak(
                versie=versie,
                sleutel=a.sleutel or uuidlib.uuid4(),
                wat=a.wat.strip(),
                deadline=a.deadline,
                status=a.status,
                volgorde=i,
                **wie,
            )
            for i, (a, wie) in enumerate(resolved)
        ]
    Afspraak.objects.bulk_create(afspraak_rows)
    if voorwaarden is None:
        voorwaarde_rows = _carried_over(basis.veiligheidsvoorwaarden.all() if basis else [], versie)
    else:
        org = Organisatie.objects.get(uuid=by.organisatie_id)
        voorwaarde_rows = [
            Veiligheidsvoorwaarde(
                versie=versie, sleutel=v.sleutel or uuidlib.uuid4(), tekst=v.tekst.strip(), organisatie=org, volgorde=i
            )
            for i, v in enumerate(voorwaarden)
            if v.tekst.strip()
        ]
    Veiligheidsvoorwaarde.objects.bulk_create(voorwaarde_rows)
    open_deadlines = [a.deadline for a in afspraak_rows if a.status == AfspraakStatus.OPEN and a.deadline]
    plan.eerste_open_deadline = min(open_deadlines, default=None)
    Gezinsplan.objects.filter(pk=plan.pk).update(huidige_versie=versie, eerste_open_deadline=plan.eerste_open_deadline)
    plan.versie, plan.huidige_versie, plan.volgende_evaluatie = nieuw_nummer, versie, evaluatie
    return versie


@transaction.atomic
def plan_aanmaken(
    *,
    gezin: Gezin,
    by: Actor,
    situatie: str = "",
    krachten: str = "",
    volgende_evaluatie: dt.date | None = None,
    rol: gezinnen.GezinsRol | None = None,
) -> Gezinsplan:
    """Start the one plan of a family; the professional who starts it is its first regisseur.
    `rol` is the relation `fetch` returned with the family (left out: the scope is asked)."""
    rol, person = require_role(by, gezin, rol, allowed=(gezinnen.PROFESSIONAL,), segment=Segment.AANMAKEN)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    try:
        with transaction.atomic():
            plan = Gezinsplan.objects.create(
                gezin=gezin, regisseur_medewerker=person, regisseur_organisatie=organisatie
            )
    except IntegrityError:
        raise ValidationError(
            {"__all__": [_("Dit gezin heeft al een gezinsplan. Er is maar één plan per gezin.")]}
        ) from None
    plan_gestart(gezin)
    Regieperiode.objects.create(
        plan=plan,
        medewerker=person,
        organisatie=organisatie,
        naam=f"{by.display_name} ({organisatie.naam})",
        van=timezone.now(),
        reden=_("Plan gestart"),
        overgedragen_door=person,
    )
    _write_version(
        plan=plan,
        gezin=gezin,
        by=by,
        person=person,
        basis_versie=0,
        situatie=situatie,
        krachten=krachten,
        volgende_evaluatie=volgende_evaluatie,
        doelen=[],
        afspraken=[],
        voorwaarden=None,
        toelichting=_("Eerste versie"),
    )
    logevents.plan_started(by, plan, grondslag=rol.grondslag)
    return plan


@transaction.atomic
def plan_wijzigen(
    *,
    toegang: Toegang[Gezinsplan],
    by: Actor,
    basis_versie: int,
    situatie: str | None = None,
    krachten: str | None = None,
    volgende_evaluatie: dt.date | None | _Unset = UNSET,
    doelen: list[DoelInvoer] | None = None,
    afspraken: list[AfspraakInvoer] | None = None,
    veiligheidsvoorwaarden: list[VoorwaardeInvoer] | None = None,
    toelichting: str = "",
) -> Planversie:
    """Save a change as a new version. Parts passed as None stay as they were in `basis_versie`.
    Raises VerouderdeVersie when someone saved a newer version in the meantime."""
    _rol, person = _editor(toegang, by, segment=Segment.WIJZIGEN)
    plan = toegang.obj
    versie = _write_version(
        plan=plan,
        gezin=plan.gezin,
        by=by,
        person=person,
        basis_versie=basis_versie,
        situatie=situatie,
        krachten=krachten,
        volgende_evaluatie=volgende_evaluatie,
        doelen=doelen,
        afspraken=afspraken,
        voorwaarden=veiligheidsvoorwaarden,
        toelichting=toelichting,
    )
    for user in _everyone(plan, plan.gezin):
        if user.pk != person.pk:
            notify(
                ontvanger=user,
                soort="plan_gewijzigd",
                titel=_("Er is een nieuwe versie van het gezinsplan"),
                link=_plan_link(plan.gezin),
                dedupe_key=f"plan-gewijzigd:{plan.uuid}:{versie.nummer}",
            )
    return versie


# --- Regie ------------------------------------------------------------------------------------


@transaction.atomic
def regie_overdragen(
    *,
    toegang: Toegang[Gezinsplan],
    by: Actor,
    reden: str,
    naar_gezinslid: Gezinslid | None = None,
    naar_medewerker: Gebruiker | None = None,
) -> Gezinsplan:
    """Hand the regie to a parent (eigen regie) or to a professional with access; with a reason.

    The plan row is locked, so concurrent handovers happen one after another; the database
    guarantees exactly one regisseur and one open period in the history."""
    _rol, person = _editor(toegang, by, segment=Segment.REGIE)
    gezin = toegang.obj.gezin
    if not reden.strip():
        raise ValidationError({"reden": [_("Schrijf op waarom de regie wordt overgedragen.")]})
    if (naar_gezinslid is None) == (naar_medewerker is None):
        raise ValidationError({"naar": [_("Kies één nieuwe regisseur: een ouder of een medewerker.")]})
    locked = Gezinsplan.objects.select_for_update().select_related("gezin").get(pk=toegang.obj.pk)
    velden: dict[str, Any]
    if naar_gezinslid is not None:
        if naar_gezinslid.gezin_id != gezin.pk or naar_gezinslid.soort == LidSoort.JEUGDIGE:
            raise ValidationError({"naar": [_("Kies een ouder of verzorger uit dit gezin.")]})
        velden = {"gezinslid": naar_gezinslid, "medewerker": None, "organisatie": None}
        naam = naar_gezinslid.naam
    else:
        assert naar_medewerker is not None
        org = (
            Organisatie.objects.filter(
                medewerkers__gebruiker=naar_medewerker,
                medewerkers__actief=True,
                medewerkers__rol=Rol.HULPVERLENER,
                toestemmingen__in=gezinnen.active_consents()
                .filter(gezin=gezin)
                .filter(Q(medewerker__isnull=True) | Q(medewerker=naar_medewerker)),
            )
            .order_by("naam")
            .first()
        )
        if org is None:
            raise ValidationError(
                {"naar": [_("Deze medewerker heeft geen toegang tot het gezin. Eerst is toestemming nodig.")]}
            )
        velden = {"gezinslid": None, "medewerker": naar_medewerker, "organisatie": org}
        naam = f"{naar_medewerker.weergavenaam} ({org.naam})"
    now = timezone.now()
    Regieperiode.objects.filter(plan=locked, tot__isnull=True).update(tot=now)
    Regieperiode.objects.create(
        plan=locked, naam=naam, van=now, reden=reden.strip(), overgedragen_door=person, **velden
    )
    locked.regisseur_gezinslid = velden["gezinslid"]
    locked.regisseur_medewerker = velden["medewerker"]
    locked.regisseur_organisatie = velden["organisatie"]
    locked.save(update_fields=["regisseur_gezinslid", "regisseur_medewerker", "regisseur_organisatie", "gewijzigd"])
    _tell_regisseur(
        locked,
        person,
        soort="regie",
        titel=_("U bent nu regisseur van een gezinsplan"),
        dedupe_key=f"regie:{locked.uuid}:{now.isoformat()}",
    )
    return locked


def _tell_regisseur(plan: Gezinsplan, by: Gebruiker, *, soort: str, titel: str, dedupe_key: str) -> None:
    """News for the plan's regisseur, unless they caused it themselves."""
    regisseur = _regisseur_user(plan)
    if regisseur is not None and regisseur.pk != by.pk:
        notify(ontvanger=regisseur, soort=soort, titel=titel, link=_plan_link(plan.gezin), dedupe_key=dedupe_key)


# --- Agreement, comments, meetings, scores ----------------------------------------------------


@transaction.atomic
def versie_instemmen(
    *, toegang: Toegang[Gezinsplan], by: Actor, versie_nummer: int, namens: Gezinslid | None = None
) -> Instemming:
    """Agree to the current version (a family member, network member or professional). A
    professional may record the agreement a family member gave in a conversation (`namens`)."""
    rol, person = _access(toegang, by, segment=Segment.INSTEMMING)
    plan = toegang.obj
    current = Gezinsplan.objects.filter(pk=plan.pk).values_list("versie", flat=True).first()
    if current != versie_nummer:
        raise VerouderdeVersie(Planversie.objects.filter(plan=plan).order_by("-nummer").first())
    versie = Planversie.objects.get(plan=plan, nummer=versie_nummer)
    persoon: dict[str, Any]
    if rol.is_professional:
        if namens is not None:
            if namens.gezin_id != plan.gezin_id:
                raise ValidationError({"namens": [_("Kies iemand uit dit gezin.")]})
            persoon = {"gezinslid": namens}
        else:
            persoon = {"medewerker": person}
    elif rol.gezinslid is not None:
        persoon = {"gezinslid": rol.gezinslid}
    else:
        persoon = {"netwerklid": rol.netwerklid}
    instemming, _created = Instemming.objects.get_or_create(
        versie=versie, plan=plan, **persoon, defaults={"vastgelegd_door": person}
    )
    return instemming


@transaction.atomic
def reactie_plaatsen(
    *, toegang: Toegang[Gezinsplan], by: Actor, soort: str, tekst: str, onderdeel: str = ""
) -> Reactie:
    _rol, person = _access(toegang, by, segment=Segment.REACTIE)
    plan = toegang.obj
    if soort not in ReactieSoort.values:
        raise ValidationError({"soort": [_("Kies: een opmerking of een voorstel.")]})
    if not tekst.strip():
        raise ValidationError({"tekst": [_("Schrijf uw opmerking of voorstel op.")]})
    huidige = Gezinsplan.objects.filter(pk=plan.pk).values_list("huidige_versie_id", flat=True).first()
    assert huidige is not None
    reactie = Reactie.objects.create(
        plan=plan,
        versie_id=huidige,
        soort=soort,
        onderdeel=onderdeel[:32],
        tekst=tekst.strip()[:5000],
        auteur=person,
        auteur_naam=by.display_name or person.weergavenaam,
    )
    _tell_regisseur(
        plan,
        person,
        soort="reactie",
        titel=_("Er is een reactie op een gezinsplan"),
        dedupe_key=f"reactie:{reactie.uuid}",
    )
    return reactie


@transaction.atomic
def reactie_afhandelen(*, toegang: Toegang[Gezinsplan], reactie: Reactie, by: Actor, status: str) -> Reactie:
    _editor(toegang, by, segment=Segment.REACTIE)
    if reactie.plan_id != toegang.obj.pk:  # a comment on another plan does not exist here
        refuse(
            by, object_type=ObjectType.REACTIE, object_id=str(reactie.uuid), segment=Segment.REACTIE, actie=Actie.UPDATE
        )
    if status not in ReactieStatus.values:
        raise ValidationError({"status": [_("Kies een status uit de lijst.")]})
    Reactie.objects.filter(pk=reactie.pk).update(status=status)
    reactie.status = status
    return reactie


@transaction.atomic
def bijeenkomst_vastleggen(
    *, toegang: Toegang[Gezinsplan], by: Actor, datum: dt.date, aanwezigen: str, besluiten: str
) -> Planbijeenkomst:
    _rol, person = _editor(toegang, by, segment=Segment.BIJEENKOMST)
    errors: dict[str, list[str]] = {}
    if datum > kalender.vandaag():
        errors["datum"] = [_("Leg een bijeenkomst vast nadat die is geweest. Deze datum ligt in de toekomst.")]
    if not aanwezigen.strip():
        errors["aanwezigen"] = [_("Schrijf op wie er waren.")]
    if not besluiten.strip():
        errors["besluiten"] = [_("Schrijf op wat er is besloten.")]
    if errors:
        raise ValidationError(errors)
    return Planbijeenkomst.objects.create(
        plan=toegang.obj,
        datum=datum,
        aanwezigen=aanwezigen.strip(),
        besluiten=besluiten.strip(),
        vastgelegd_door=person,
    )


@transaction.atomic
def evaluatiescore_toevoegen(
    *,
    toegang: Toegang[Gezinsplan],
    by: Actor,
    doel_sleutel: uuidlib.UUID,
    score: int,
    datum: dt.date,
    toelichting: str = "",
) -> Evaluatiescore:
    _rol, person = _editor(toegang, by, segment=Segment.EVALUATIE)
    plan = toegang.obj
    errors: dict[str, list[str]] = {}
    if not Doel.objects.filter(versie__plan=plan, versie__nummer=plan.versie, sleutel=doel_sleutel).exists():
        errors["doel"] = [_("Kies een doel uit het huidige plan.")]
    if not 1 <= score <= 10:
        errors["score"] = [_("Geef een cijfer van 1 tot en met 10.")]
    if datum > kalender.vandaag():
        errors["datum"] = [_("De datum ligt in de toekomst.")]
    if errors:
        raise ValidationError(errors)
    created = Evaluatiescore.objects.create(
        plan=plan,
        doel_sleutel=doel_sleutel,
        score=score,
        datum=datum,
        toelichting=toelichting.strip()[:300],
        door=person,
    )
    uitbreidingen.na_evaluatie(plan, datum)
    return created


# --- Time-based reminders (management command / Celery task) ----------------------------------


def herinneringen_versturen(*, op: dt.date, evaluatie_dagen: int = 7, afspraak_dagen: int = 3) -> int:
    """Queue 'evaluation due', 'evaluation late', 'agreement due' and 'agreement late'
    notifications; idempotent per day and state through the outbox dedupe keys."""
    count = 0
    plans = (
        Gezinsplan.objects.filter(volgende_evaluatie__lte=op + dt.timedelta(days=evaluatie_dagen))
        .select_related("gezin", "regisseur_medewerker", "regisseur_gezinslid__gebruiker")
        .order_by("id")
    )
    for plan in plans.iterator(chunk_size=500):
        regisseur = _regisseur_user(plan)
        if regisseur is None:
            continue
        assert plan.volgende_evaluatie is not None
        late = plan.volgende_evaluatie < op
        with transaction.atomic():
            notify(
                ontvanger=regisseur,
                soort="evaluatie_te_laat" if late else "evaluatie_nodig",
                titel=_("Een evaluatie van een gezinsplan is te laat")
                if late
                else _("Een gezinsplan moet binnenkort geëvalueerd worden"),
                link=_plan_link(plan.gezin),
                dedupe_key=f"evaluatie:{plan.uuid}:{plan.volgende_evaluatie}:{'laat' if late else 'binnenkort'}",
            )
        count += 1
    afspraken = (
        Afspraak.objects.filter(
            versie__plan__huidige_versie=F("versie"),
            status=AfspraakStatus.OPEN,
            deadline__lte=op + dt.timedelta(days=afspraak_dagen),
        )
        .select_related(
            "versie__plan__gezin",
            "versie__plan__regisseur_medewerker",
            "versie__plan__regisseur_gezinslid__gebruiker",
            "wie_gezinslid__gebruiker",
            "wie_netwerklid__gebruiker",
        )
        .order_by("id")
    )
    for afspraak in afspraken.iterator(chunk_size=500):
        plan = afspraak.versie.plan
        assert afspraak.deadline is not None
        late = afspraak.deadline < op
        ontvangers = [_regisseur_user(plan)]
        for wie in (afspraak.wie_gezinslid, afspraak.wie_netwerklid):
            if wie is not None and wie.gebruiker is not None and wie.gebruiker.is_active:
                ontvangers.append(wie.gebruiker)
        with transaction.atomic():
            for user in {u.pk: u for u in ontvangers if u is not None}.values():
                notify(
                    ontvanger=user,
                    soort="afspraak_te_laat" if late else "afspraak_bijna",
                    titel=_("Een afspraak in een gezinsplan is te laat")
                    if late
                    else _("Een afspraak in een gezinsplan moet bijna klaar zijn"),
                    link=_plan_link(plan.gezin),
                    dedupe_key=f"afspraak:{afspraak.sleutel}:{afspraak.deadline}:{'laat' if late else 'bijna'}",
                )
        count += 1
    return count


def tijdsignalen_versturen(*, op: dt.date | None = None) -> dict[str, int]:
    """The daily job: evaluation due/late, agreement due/late (this app) and consent ending soon
    (gezinnen). Running it again the same day sends nothing twice (outbox dedupe keys, and the
    consent's `herinnering_verstuurd`)."""
    from jeugdketen.gezinnen import services as gezinnen_services

    op = op or kalender.vandaag()
    return {
        "plannen_en_afspraken": herinneringen_versturen(op=op),
        "toestemmingen": gezinnen_services.toestemmingsherinneringen_versturen(op=op),
    }
