"""Every write of the crisis service: typed, keyword-only, atomic, permission-checked, logged.

Each function that changes a case fetches it through `core.access.fetch` inside its transaction:
that checks the actor's relation to the case and writes the one access-log entry of the change
(with a segment marking special-category data). A refusal is logged and raised as `Geweigerd`;
bad input is a ValidationError with a plain-Dutch message per field. After every change of the
moments or the triage the norm clocks are derived again (`klokken_bijwerken`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, fetch, refuse, require
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, MandaatGrondslag
from jeugdketen.gezinsplan import selectors as plan_selectors
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie
from jeugdketen.organisaties.selectors import acting_person

from . import logevents, selectors
from . import normen as normregels
from .logevents import ObjectType, Segment
from .models import (
    Aanpak,
    Crisisafspraak,
    Crisiscasus,
    CrisisJeugdige,
    Deelname,
    Gevaar,
    Kanaal,
    MelderRelatie,
    MelderSoort,
    Moment,
    MomentSoort,
    Normklok,
    Overdracht,
    OverdrachtRoute,
    Terugblik,
    Terugblikthema,
)

# A clock on another machine may run a little ahead: a time up to this far in the future is "now".
KLOKMARGE = dt.timedelta(minutes=5)
MAX_LEEFTIJD = 22  # youths 0-23: under 23 on the day of the report (Jeugdwet 1.1, 7.1.1.1)

# Moments only the hand-over and closing record (not the moment form).
EIGEN_DIENST = (MomentSoort.OVERGEDRAGEN, MomentSoort.GESLOTEN)
HULP_NA_TRIAGE = frozenset(
    {
        MomentSoort.VERBLIJF_START,
        MomentSoort.AMBULANT_START,
        MomentSoort.OVERBRUGGING_START,
        MomentSoort.RONDETAFEL,
        MomentSoort.VERVOLGHULP,
    }
)
EIND_VAN: dict[str, str] = {
    MomentSoort.VERBLIJF_EIND: MomentSoort.VERBLIJF_START,
    MomentSoort.AMBULANT_EIND: MomentSoort.AMBULANT_START,
    MomentSoort.OVERBRUGGING_EIND: MomentSoort.OVERBRUGGING_START,
}


@dataclass(frozen=True)
class JeugdigeInvoer:
    voornaam: str = ""
    achternaam: str = ""
    geboortedatum: dt.date | None = None
    leeftijd: int | None = None
    bsn: str = ""

    @property
    def leeg(self) -> bool:
        return not (self.voornaam.strip() or self.achternaam.strip() or self.geboortedatum or self.leeftijd is not None)


@dataclass(frozen=True)
class AfspraakInvoer:
    wat: str
    wie: str  # a name, or a key from selectors.wie_opties when the case has a family plan
    uiterlijk: dt.date | None = None


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _door(by: Actor) -> Gebruiker:  # an organisation's system has no crisis work to do here
    return acting_person(by, object_type=ObjectType.CRISISCASUS, segment=Segment.SCHRIJVEN)


def _casus(
    by: Actor,
    toegang: Toegang[Crisiscasus],
    *,
    segment: Segment,
    relaties: Iterable[str] = (selectors.CRISISDIENST,),
) -> Crisiscasus:
    """The case for a change, as the view fetched it (`Actie.UPDATE`: its one access-log entry),
    only for the given relations (else the logged refusal), and locked for the change."""
    casus = require(by, toegang, toegang.relatie in tuple(relaties), segment=segment)
    Crisiscasus.objects.select_for_update().filter(pk=casus.pk).values_list("pk", flat=True).first()
    return casus


def _tijdstip(value: dt.datetime | None, *, veld: str, niet_voor: dt.datetime | None = None) -> dict[str, list[str]]:
    if value is None:
        return {veld: [_("Vul de datum en de tijd in.")]}
    if value > timezone.now() + KLOKMARGE:
        return {veld: [_("Dit tijdstip ligt in de toekomst. Leg een moment vast als het is gebeurd.")]}
    try:
        # A typo such as 01-01-0001 would start a norm clock that is decades overdue.
        kalender.aannemelijk(value, kalender.Doel.RECENT)
    except ValidationError as exc:
        return {veld: list(exc.messages)}
    if niet_voor is not None and value < niet_voor:
        return {
            veld: [
                _("Dit tijdstip ligt vóór {wat} ({wanneer}). Controleer de datum en de tijd.").format(
                    wat=_("de melding"), wanneer=timezone.localtime(niet_voor).strftime("%d-%m-%Y %H:%M")
                )
            ]
        }
    return {}


def _jeugdige_fouten(j: JeugdigeInvoer, i: int, op: dt.date) -> tuple[dict[str, list[str]], str]:
    errors: dict[str, list[str]] = {}
    bsn = ""
    if j.bsn.strip():
        try:
            bsn = validate_bsn(j.bsn)
        except ValidationError as exc:
            errors[f"jeugdige-{i}-bsn"] = list(exc.messages)
    if j.geboortedatum is not None:
        if j.geboortedatum > op:
            errors[f"jeugdige-{i}-geboortedatum"] = [_("De geboortedatum ligt in de toekomst. Controleer de datum.")]
        elif kalender.leeftijd(j.geboortedatum, op) > MAX_LEEFTIJD:
            errors[f"jeugdige-{i}-geboortedatum"] = [
                _("De crisisdienst jeugd helpt jongeren tot 23 jaar. Deze persoon is 23 of ouder.")
            ]
    if j.leeftijd is not None and not 0 <= j.leeftijd <= MAX_LEEFTIJD:
        errors[f"jeugdige-{i}-leeftijd"] = [_("Vul een leeftijd in van 0 tot en met 22 jaar.")]
    return errors, bsn


# --- The report ---------------------------------------------------------------------------------


@transaction.atomic
def melding_vastleggen(
    *,
    by: Actor,
    ontvangen_op: dt.datetime | None,
    kanaal: str,
    melder_soort: str,
    gemeente: Gemeente | None,
    wat_speelt: str,
    gevaar: str,
    jeugdigen: list[JeugdigeInvoer],
    melder_organisatie: Organisatie | None = None,
    melder_naam: str = "",
    melder_relatie: str = "",
    melder_telefoon: str = "",
    plaats: str = "",
    verantwoordelijke_gemeente: Gemeente | None = None,
) -> Crisiscasus:
    """One reporting point: the crisis worker records a report on one page (the case starts)."""
    if not selectors.is_crisisdienst(by):
        refuse(by, object_type=ObjectType.CRISISCASUS, segment=Segment.MELDING, actie=Actie.CREATE)
    door = _door(by)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    errors = _tijdstip(ontvangen_op, veld="ontvangen_op")
    if kanaal not in Kanaal.values:
        errors["kanaal"] = [_("Kies hoe de melding binnenkwam.")]
    if melder_soort not in MelderSoort.values:
        errors["melder_soort"] = [_("Kies wie meldt: een professional of een burger.")]
    elif melder_soort == MelderSoort.PROFESSIONAL:
        if melder_organisatie is None:
            errors["melder_organisatie"] = [_("Kies de organisatie van de professional die meldt.")]
        elif melder_organisatie.regio_id != organisatie.regio_id:
            errors["melder_organisatie"] = [_("Kies een organisatie uit de eigen regio.")]
        if not melder_naam.strip():
            errors["melder_naam"] = [_("Vul de naam in van de professional die meldt.")]
    elif melder_relatie not in MelderRelatie.values:
        errors["melder_relatie"] = [_("Kies wat de melder van de jongere is.")]
    if gemeente is None:
        errors["gemeente"] = [_("Kies de gemeente waar de crisis is.")]
    elif gemeente.regio_id != organisatie.regio_id:
        errors["gemeente"] = [_("Kies een gemeente uit de eigen regio.")]
    if not wat_speelt.strip():
        errors["wat_speelt"] = [_("Schrijf kort op wat er speelt.")]
    if gevaar not in Gevaar.values:
        errors["gevaar"] = [_("Kies een eerste inschatting van het gevaar.")]
    if all(j.leeg for j in jeugdigen):
        errors["jeugdige-0-voornaam"] = [_("Vul minstens één jongere in: een voornaam of een leeftijd is genoeg.")]
    op = timezone.localtime(ontvangen_op).date() if ontvangen_op else kalender.vandaag()
    ingevuld, bsns = [], []
    for i, j in enumerate(jeugdigen):
        if j.leeg:
            continue
        fouten, bsn = _jeugdige_fouten(j, i, op)
        errors.update(fouten)
        ingevuld.append(j)
        bsns.append(bsn)
    _raise(errors)
    assert ontvangen_op is not None and gemeente is not None
    casus = Crisiscasus.objects.create(
        regio_id=organisatie.regio_id,
        organisatie=organisatie,
        ontvangen_op=ontvangen_op.replace(second=0, microsecond=0),
        kanaal=kanaal,
        melder_soort=melder_soort,
        melder_organisatie=melder_organisatie if melder_soort == MelderSoort.PROFESSIONAL else None,
        melder_naam=melder_naam.strip()[:160],
        melder_relatie=melder_relatie if melder_soort == MelderSoort.BURGER else "",
        melder_telefoon=melder_telefoon.strip()[:32],
        gemeente=gemeente,
        verantwoordelijke_gemeente=verantwoordelijke_gemeente or gemeente,
        plaats=plaats.strip()[:200],
        wat_speelt=wat_speelt.strip(),
        gevaar=gevaar,
        vastgelegd_door=door,
        casushouder=door,
    )
    CrisisJeugdige.objects.bulk_create(
        [
            CrisisJeugdige(
                casus=casus,
                voornaam=j.voornaam.strip()[:80],
                achternaam=j.achternaam.strip()[:120],
                geboortedatum=j.geboortedatum,
                leeftijd_schatting=j.leeftijd,
                bsn=bsn,
            )
            for j, bsn in zip(ingevuld, bsns, strict=True)
        ]
    )
    klokken_bijwerken(casus)
    logevents.melding_recorded(by, casus)
    return casus


@transaction.atomic
def jeugdige_aanvullen(
    *, toegang: Toegang[Crisiscasus], by: Actor, jeugdige_uuid: Any | None, invoer: JeugdigeInvoer
) -> CrisisJeugdige:
    """Complete (or add) a youth's identity later: name, birth date, BSN."""
    casus = _casus(by, toegang, segment=Segment.JEUGDIGE)
    op = timezone.localtime(casus.ontvangen_op).date()
    fouten, bsn = _jeugdige_fouten(invoer, 0, op)
    if invoer.leeg:
        fouten["jeugdige-0-voornaam"] = [_("Vul een voornaam, een geboortedatum of een leeftijd in.")]
    _raise({k.replace("jeugdige-0-", ""): v for k, v in fouten.items()})
    if jeugdige_uuid is None:
        jeugdige = CrisisJeugdige(casus=casus)
    else:
        found = next((j for j in casus.jeugdigen.all() if str(j.uuid) == str(jeugdige_uuid)), None)
        if found is None:
            refuse(by, object_type=ObjectType.CRISISJEUGDIGE, object_id=str(jeugdige_uuid), segment=Segment.JEUGDIGE)
        jeugdige = found
    jeugdige.voornaam = invoer.voornaam.strip()[:80]
    jeugdige.achternaam = invoer.achternaam.strip()[:120]
    jeugdige.geboortedatum = invoer.geboortedatum
    jeugdige.leeftijd_schatting = invoer.leeftijd
    jeugdige.bsn = bsn
    jeugdige.save()
    return jeugdige


# --- Triage and moments ---------------------------------------------------------------------------


@transaction.atomic
def triage_vastleggen(
    *,
    toegang: Toegang[Crisiscasus],
    by: Actor,
    tijdstip: dt.datetime | None,
    aanpak: str,
    deelnemers: str,
    ggz: bool,
    lvb: bool,
    ter_plaatse_nodig: bool,
    toelichting: str = "",
) -> Crisiscasus:
    """Integral triage: the approach, who took part (GGZ and LVB expertise), when, and whether an
    on-site assessment is needed. May be recorded again (the triage can be revised)."""
    casus = _casus(by, toegang, segment=Segment.TRIAGE)
    errors = _tijdstip(tijdstip, veld="tijdstip", niet_voor=casus.ontvangen_op)
    if aanpak not in Aanpak.values:
        errors["aanpak"] = [_("Kies de aanpak die de triage heeft besloten.")]
    if not deelnemers.strip():
        errors["deelnemers"] = [_("Schrijf op wie aan de triage meededen.")]
    _raise(errors)
    if casus.gesloten_op is not None:
        raise ValidationError({"__all__": [_("Deze casus is gesloten.")]})
    casus.triage_op = tijdstip
    casus.aanpak = aanpak
    casus.triage_deelnemers = deelnemers.strip()[:300]
    casus.triage_ggz = ggz
    casus.triage_lvb = lvb
    casus.ter_plaatse_nodig = ter_plaatse_nodig
    casus.triage_toelichting = toelichting.strip()
    casus.triage_door = _door(by)
    casus.save(
        update_fields=[
            "triage_op",
            "aanpak",
            "triage_deelnemers",
            "triage_ggz",
            "triage_lvb",
            "ter_plaatse_nodig",
            "triage_toelichting",
            "triage_door",
        ]
    )
    klokken_bijwerken(casus)
    return casus


@transaction.atomic
def moment_vastleggen(
    *,
    toegang: Toegang[Crisiscasus],
    by: Actor,
    soort: str,
    tijdstip: dt.datetime | None,
    toelichting: str = "",
    plek: str = "",
    plek_ref: str = "",
    corrigeer: bool = False,
) -> Moment:
    """Record a moment of the case with its time and who recorded it; `corrigeer` corrects the
    time of a moment recorded before (the correction is in the access log)."""
    casus = _casus(by, toegang, segment=Segment.MOMENT)
    door = _door(by)
    bestaande = selectors.momenten_van(casus)
    errors: dict[str, list[str]] = {}
    if soort not in MomentSoort.values or soort in EIGEN_DIENST:
        errors["soort"] = [_("Kies welk moment u vastlegt.")]
    if casus.gesloten_op is not None:
        errors["__all__"] = [_("Deze casus is gesloten. U kunt geen momenten meer vastleggen.")]
    errors.update(_tijdstip(tijdstip, veld="tijdstip", niet_voor=casus.ontvangen_op))
    if not errors:
        assert tijdstip is not None
        if soort in HULP_NA_TRIAGE and not casus.aanpak:
            errors["soort"] = [_("Leg eerst de triage vast: die bepaalt de aanpak.")]
        elif soort == MomentSoort.VERBLIJF_START and casus.aanpak not in (Aanpak.VERBLIJF, Aanpak.BEIDE):
            errors["soort"] = [_("De triage koos geen crisisverblijf. Pas eerst de triage aan.")]
        elif soort == MomentSoort.AMBULANT_START and casus.aanpak not in (Aanpak.AMBULANT, Aanpak.BEIDE):
            errors["soort"] = [_("De triage koos geen ambulante crisishulp. Pas eerst de triage aan.")]
        if soort == MomentSoort.VERBLIJF_START and not plek.strip():
            errors["plek"] = [_("Vul in waar de jongere verblijft.")]
        if soort in EIND_VAN:
            begin = bestaande.get(EIND_VAN[soort])
            if begin is None:
                errors["soort"] = [_("Leg eerst vast wanneer deze hulp begon.")]
            elif tijdstip < begin.tijdstip:
                errors["tijdstip"] = [_("Het einde ligt vóór het begin. Controleer de datum en de tijd.")]
        if soort in bestaande and not corrigeer:
            errors["soort"] = [
                _("Dit moment is al vastgelegd op {wanneer}. Kies 'correctie' als u de tijd wilt aanpassen.").format(
                    wanneer=timezone.localtime(bestaande[soort].tijdstip).strftime("%d-%m-%Y %H:%M")
                )
            ]
    _raise(errors)
    assert tijdstip is not None
    velden = {
        "tijdstip": tijdstip,
        "toelichting": toelichting.strip()[:300],
        "plek": plek.strip()[:200],
        "plek_ref": plek_ref.strip()[:64],
        "vastgelegd_door": door,
        "vastgelegd_door_naam": (by.display_name or str(door))[:200],
    }
    if soort in bestaande:
        moment = bestaande[soort]
        for naam, waarde in velden.items():
            setattr(moment, naam, waarde)
        moment.save()
    else:
        try:
            with transaction.atomic():
                moment = Moment.objects.create(casus=casus, soort=soort, **velden)
        except IntegrityError:  # a colleague recorded the same moment at the same time
            raise ValidationError({"soort": [_("Dit moment is net door iemand anders vastgelegd.")]}) from None
    klokken_bijwerken(casus)
    return moment


def _momenten(casus: Crisiscasus) -> dict[str, dt.datetime]:
    return dict(Moment.objects.filter(casus=casus).values_list("soort", "tijdstip"))


def klokken_bijwerken(casus: Crisiscasus) -> list[Normklok]:
    """Derive the case's norm clocks from its report, triage and moments (with the region's norms
    in force now) and keep the nearest running deadline on the case for the board. A clock still
    running when the case closes stops then, as not met."""
    normen = selectors.normen_voor(casus.regio_id)
    momenten = _momenten(casus)
    rows = []
    for klok in normregels.klokken(
        ontvangen_op=casus.ontvangen_op,
        aanpak=casus.aanpak,
        ter_plaatse_nodig=casus.ter_plaatse_nodig,
        momenten=momenten,
        normen=normen,
        geen_vervolghulp=casus.geen_vervolghulp_nodig,
    ):
        eind, binnen = klok.eind, klok.binnen
        if eind is None and casus.gesloten_op is not None:
            eind, binnen = max(casus.gesloten_op, klok.start), False
        rows.append(
            Normklok(
                casus=casus,
                norm=klok.norm,
                start=klok.start,
                deadline=klok.deadline,
                eind=eind,
                binnen=binnen,
                duur_minuten=int((eind - klok.start).total_seconds() // 60) if eind is not None else None,
                signaal_op=klok.signaal_op,
            )
        )
    Normklok.objects.filter(casus=casus).delete()
    Normklok.objects.bulk_create(rows)
    lopend = [r.deadline for r in rows if r.eind is None]
    casus.volgende_deadline = min(lopend) if lopend else None
    Crisiscasus.objects.filter(pk=casus.pk).update(volgende_deadline=casus.volgende_deadline)
    return rows


# --- Family, participants ------------------------------------------------------------------------


@transaction.atomic
def gezin_koppelen(*, toegang: Toegang[Crisiscasus], by: Actor, gezin: Gezin) -> Crisiscasus:
    """Link the case to the family it is about: only a family the crisis service already has
    access to (consent or mandate) and with a youth of this case by BSN."""
    casus = _casus(by, toegang, segment=Segment.GEZIN)
    if not selectors.gezinnen_voor_koppeling(by, casus).filter(pk=gezin.pk).exists():
        raise ValidationError(
            {"gezin": [_("Kies een gezin uit de lijst: een gezin met een jongere van deze melding.")]}
        )
    casus.gezin = gezin
    casus.save(update_fields=["gezin"])
    bsn_naar_lid = {lid.bsn: lid for lid in gezinnen.members_of(gezin) if lid.bsn}
    for jeugdige in casus.jeugdigen.all():
        if jeugdige.bsn in bsn_naar_lid and jeugdige.gezinslid_id is None:
            jeugdige.gezinslid = bsn_naar_lid[jeugdige.bsn]
            jeugdige.save(update_fields=["gezinslid"])
    return casus


@transaction.atomic
def deelname_vastleggen(
    *, toegang: Toegang[Crisiscasus], by: Actor, organisatie: Organisatie, grondslag: str
) -> Deelname:
    """A GI or Veilig Thuis takes part by legal mandate; from now on it sees the case."""
    casus = _casus(by, toegang, segment=Segment.DEELNAME)
    errors: dict[str, list[str]] = {}
    if organisatie.soort not in gezinnen.MANDAAT_SOORTEN:
        errors["organisatie"] = [_("Alleen een gecertificeerde instelling of Veilig Thuis doet mee met een mandaat.")]
    elif organisatie.regio_id != casus.regio_id:
        errors["organisatie"] = [_("Kies een organisatie uit de eigen regio.")]
    if grondslag not in MandaatGrondslag.values:
        errors["grondslag"] = [_("Kies de wettelijke grondslag uit de lijst.")]
    _raise(errors)
    try:
        with transaction.atomic():
            return Deelname.objects.create(
                casus=casus, organisatie=organisatie, grondslag=grondslag, vastgelegd_door=_door(by)
            )
    except IntegrityError:
        raise ValidationError({"organisatie": [_("Deze organisatie doet al mee.")]}) from None


# --- Hand-over ------------------------------------------------------------------------------------


def plan_voor_overdracht(by: Actor, casus: Crisiscasus) -> Any:
    """The family plan the crisis worker may write in: the linked family's plan, visible to them
    and editable through their organisation's consent (never another path)."""
    if casus.gezin_id is None:
        return None
    plan = plan_selectors.plannen_visible_to(by).filter(gezin_id=casus.gezin_id).select_related("gezin").first()
    if plan is None:
        return None
    gezin = gezinnen.gezinnen_visible_to(by).filter(pk=casus.gezin_id).first()
    rol = gezinnen.rol_in_gezin(by, gezin) if gezin is not None else None
    return plan if plan_services.may_edit(rol, plan) else None


def _bestaande_afspraken(plan: Any) -> list[plan_services.AfspraakInvoer]:
    versie = plan_selectors.version(plan, plan.versie)
    result = []
    for a in versie.afspraken.select_related("wie_gezinslid", "wie_netwerklid", "wie_organisatie"):
        if a.wie_gezinslid is not None:
            wie = f"lid:{a.wie_gezinslid.uuid}"
        elif a.wie_netwerklid is not None:
            wie = f"netwerk:{a.wie_netwerklid.uuid}"
        else:
            assert a.wie_organisatie is not None  # the plan's constraint: exactly one "wie"
            wie = f"org:{a.wie_organisatie.uuid}"
        result.append(
            plan_services.AfspraakInvoer(wat=a.wat, wie=wie, deadline=a.deadline, status=a.status, sleutel=a.sleutel)
        )
    return result


def _naar_gezinsplan(
    *, by: Actor, casus: Crisiscasus, plan: Any, afspraken: list[AfspraakInvoer], veiligheidsplan: str
) -> int:
    opties = dict(selectors.wie_opties(plan.gezin))
    fouten = [i for i, a in enumerate(afspraken) if a.wie not in opties]
    if fouten:
        raise ValidationError(
            {
                "afspraken": [
                    _("Kies bij elke afspraak wie die uitvoert: iemand uit het gezin, het netwerk of een organisatie.")
                ]
            }
        )
    basis = plan_selectors.version(plan, plan.versie)
    datum = timezone.localtime(casus.ontvangen_op).strftime("%d-%m-%Y")
    situatie = None
    if veiligheidsplan.strip():
        kop = _("Veiligheidsplan na de crisis van {datum}").format(datum=datum)
        situatie = "\n\n".join(part for part in (basis.situatie.strip(), f"{kop}:\n{veiligheidsplan.strip()}") if part)
    nieuw = [plan_services.AfspraakInvoer(wat=a.wat.strip(), wie=a.wie, deadline=a.uiterlijk) for a in afspraken]
    try:
        # The plan is changed as the crisis service, through the plan's own scope and relation
        # (the family's consent is checked again here, at the moment of the change).
        toegang = fetch(by, Gezinsplan, uuid=plan.uuid, segment=Segment.GEZINSPLAN_OVERDRACHT, actie=Actie.UPDATE)
        versie = plan_services.plan_wijzigen(
            toegang=toegang,
            by=by,
            basis_versie=plan.versie,
            situatie=situatie,
            afspraken=_bestaande_afspraken(plan) + nieuw,
            toelichting=_("Afspraken en veiligheidsplan van de crisisdienst"),
        )
    except plan_services.VerouderdeVersie:
        raise ValidationError(
            {"__all__": [_("Het gezinsplan is net door iemand anders gewijzigd. Probeer het opnieuw.")]}
        ) from None
    regisseur = plan.regisseur_medewerker or (
        plan.regisseur_gezinslid.gebruiker if plan.regisseur_gezinslid_id and plan.regisseur_gezinslid else None
    )
    if regisseur is not None and regisseur.pk != by.user_pk:
        notify(
            ontvanger=regisseur,
            soort="crisis_overdracht",
            titel=_("De crisisdienst heeft afspraken in een gezinsplan gezet"),
            link=reverse("gezinsplan:plan", kwargs={"gezin": plan.gezin.uuid}),
            dedupe_key=f"crisis-overdracht:{casus.uuid}",
        )
    return versie.nummer


def _toegang_vertellen(casus: Crisiscasus) -> Organisatie | None:
    teams = list(selectors.toegangsteams(casus.verantwoordelijke_gemeente_id))
    medewerkers = (
        Medewerker.objects.filter(organisatie__in=teams, rol=Rol.HULPVERLENER, actief=True, gebruiker__is_active=True)
        .select_related("gebruiker")
        .order_by("id")
    )
    for m in medewerkers:
        notify(
            ontvanger=m.gebruiker,
            soort="crisis_overdracht_toegang",
            titel=_("Er is een overdracht van de crisisdienst voor uw gemeente"),
            link=reverse("crisis:overdracht_bekijken", kwargs={"casus": casus.uuid}),
            dedupe_key=f"crisis-overdracht-toegang:{casus.uuid}",
        )
    return teams[0] if teams else None


@transaction.atomic
def overdracht_vastleggen(
    *,
    toegang: Toegang[Crisiscasus],
    by: Actor,
    toestemming_gezin: bool,
    besluit: str,
    volgende_stap: str,
    contact_naam: str,
    contact_telefoon: str,
    afspraken: list[AfspraakInvoer],
    veiligheidsplan: str = "",
    toestemming_door: str = "",
    tijdstip: dt.datetime | None = None,
) -> Overdracht:
    """Hand over to the regular plan. With the family's consent and a family plan the crisis
    service may write in, the plan gets the crisis agreements and a safety section and its
    regisseur is told; otherwise the access team of the responsible municipality is told and
    can start a plan. The family sees what was decided, the next step and whom to call."""
    casus = _casus(by, toegang, segment=Segment.OVERDRACHT)
    door = _door(by)
    errors: dict[str, list[str]] = {}
    if casus.gesloten_op is not None:
        errors["__all__"] = [_("Deze casus is gesloten.")]
    if Overdracht.objects.filter(casus=casus).exists():
        errors["__all__"] = [_("Deze casus is al overgedragen.")]
    if not casus.aanpak:
        errors["__all__"] = [_("Leg eerst de triage vast.")]
    for veld, tekst, melding in (
        ("besluit", besluit, _("Schrijf op wat er is besloten, in woorden die het gezin begrijpt.")),
        ("volgende_stap", volgende_stap, _("Schrijf op wat de volgende stap is.")),
        ("contact_naam", contact_naam, _("Vul in wie het gezin kan bellen.")),
        ("contact_telefoon", contact_telefoon, _("Vul het telefoonnummer in.")),
    ):
        if not tekst.strip():
            errors[veld] = [melding]
    if toestemming_gezin and not toestemming_door.strip():
        errors["toestemming_door"] = [_("Vul in wie in het gezin toestemming gaf.")]
    afspraken = [a for a in afspraken if a.wat.strip()]
    if any(not a.wie.strip() for a in afspraken):
        errors["afspraken"] = [_("Vul bij elke afspraak in wie die uitvoert.")]
    moment_tijd = tijdstip or timezone.now()
    errors.update(_tijdstip(moment_tijd, veld="__all__", niet_voor=casus.ontvangen_op))
    _raise(errors)
    plan = plan_voor_overdracht(by, casus) if toestemming_gezin else None
    plan_versie = None
    if plan is not None:
        plan_versie = _naar_gezinsplan(
            by=by, casus=casus, plan=plan, afspraken=afspraken, veiligheidsplan=veiligheidsplan
        )
        route, toegang_org = OverdrachtRoute.GEZINSPLAN, None
    else:
        route, toegang_org = OverdrachtRoute.TOEGANG, _toegang_vertellen(casus)
    opties = dict(selectors.wie_opties(plan.gezin)) if plan is not None else {}
    overdracht = Overdracht.objects.create(
        casus=casus,
        toestemming_gezin=toestemming_gezin,
        toestemming_door=toestemming_door.strip()[:160],
        besluit=besluit.strip(),
        volgende_stap=volgende_stap.strip(),
        contact_naam=contact_naam.strip()[:160],
        contact_telefoon=contact_telefoon.strip()[:32],
        veiligheidsplan=veiligheidsplan.strip(),
        route=route,
        plan_versie=plan_versie,
        toegang_organisatie=toegang_org,
        vastgelegd_door=door,
    )
    Crisisafspraak.objects.bulk_create(
        [
            Crisisafspraak(
                overdracht=overdracht,
                wat=a.wat.strip()[:300],
                wie=opties.get(a.wie, a.wie).strip()[:200],
                wie_sleutel=a.wie if a.wie in opties else "",
                uiterlijk=a.uiterlijk,
                volgorde=i,
            )
            for i, a in enumerate(afspraken)
        ]
    )
    Moment.objects.update_or_create(
        casus=casus,
        soort=MomentSoort.OVERGEDRAGEN,
        defaults={
            "tijdstip": moment_tijd,
            "vastgelegd_door": door,
            "vastgelegd_door_naam": (by.display_name or str(door))[:200],
            "toelichting": OverdrachtRoute(route).label[:300],
        },
    )
    return overdracht


@transaction.atomic
def overdracht_oppakken(*, toegang: Toegang[Crisiscasus], by: Actor) -> Overdracht:
    """The access team marks the hand-over as picked up (it leaves their 'Mijn werk')."""
    casus = _casus(by, toegang, segment=Segment.OVERDRACHT, relaties=(selectors.TOEGANG,))
    overdracht = Overdracht.objects.get(casus=casus)
    if overdracht.opgepakt_op is None:
        overdracht.opgepakt_op = timezone.now()
        overdracht.save(update_fields=["opgepakt_op"])
    return overdracht


# --- Closing and looking back ---------------------------------------------------------------------


@transaction.atomic
def casus_sluiten(
    *, toegang: Toegang[Crisiscasus], by: Actor, tijdstip: dt.datetime | None, geen_vervolghulp: bool = False
) -> Crisiscasus:
    """Close the case. The facts the norms need must be known: stabilised, every started help
    ended, and follow-up help started (or not needed). A round-table or on-site assessment that
    never took place counts as not within its norm."""
    casus = _casus(by, toegang, segment=Segment.SLUITEN)
    door = _door(by)
    momenten = selectors.momenten_van(casus)
    errors = _tijdstip(tijdstip, veld="tijdstip", niet_voor=casus.ontvangen_op)
    if casus.gesloten_op is not None:
        errors["__all__"] = [_("Deze casus is al gesloten.")]
    if not casus.aanpak:
        errors.setdefault("__all__", []).append(_("Leg eerst de triage vast."))
    if MomentSoort.GESTABILISEERD not in momenten:
        errors.setdefault("__all__", []).append(_("Leg eerst vast wanneer de crisis gestabiliseerd was."))
    for einde, begin in EIND_VAN.items():
        if begin in momenten and einde not in momenten:
            errors.setdefault("__all__", []).append(
                _("Leg eerst vast: {wat}.").format(wat=str(MomentSoort(einde).label).lower())
            )
    tijden = {k: m.tijdstip for k, m in momenten.items()}
    if (
        normregels.crisishulp_geeindigd(tijden) is not None
        and MomentSoort.VERVOLGHULP not in momenten
        and not geen_vervolghulp
    ):
        errors.setdefault("__all__", []).append(
            _("Leg vast wanneer de vervolghulp begon, of kies: geen vervolghulp nodig.")
        )
    # Times are entered to the minute: a moment recorded earlier in the same minute is not later.
    if tijdstip is not None and any(tijdstip < m.tijdstip.replace(second=0, microsecond=0) for m in momenten.values()):
        errors["tijdstip"] = [_("De casus kan niet sluiten vóór het laatste vastgelegde moment.")]
    _raise(errors)
    assert tijdstip is not None
    casus.gesloten_op = tijdstip
    casus.geen_vervolghulp_nodig = geen_vervolghulp
    casus.save(update_fields=["gesloten_op", "geen_vervolghulp_nodig"])
    Moment.objects.create(
        casus=casus,
        soort=MomentSoort.GESLOTEN,
        tijdstip=tijdstip,
        vastgelegd_door=door,
        vastgelegd_door_naam=(by.display_name or str(door))[:200],
    )
    klokken_bijwerken(casus)
    return casus


@transaction.atomic
def terugblik_vastleggen(
    *,
    toegang: Toegang[Crisiscasus],
    by: Actor,
    wat_ging_vooraf: str,
    wat_had_eerder_gekund: str,
    themas: list[Terugblikthema],
) -> Terugblik:
    """Looking back together after closing (seed 004): what came before, what could have come
    earlier, and the themes the monitor counts."""
    casus = _casus(by, toegang, segment=Segment.TERUGBLIK)
    errors: dict[str, list[str]] = {}
    if casus.gesloten_op is None:
        errors["__all__"] = [_("Kijk terug nadat de casus is gesloten.")]
    if not wat_ging_vooraf.strip():
        errors["wat_ging_vooraf"] = [_("Schrijf op wat er aan de crisis voorafging.")]
    if not wat_had_eerder_gekund.strip():
        errors["wat_had_eerder_gekund"] = [_("Schrijf op wat eerder had kunnen gebeuren (of: niets).")]
    if not themas:
        errors["themas"] = [_("Kies minstens één thema.")]
    _raise(errors)
    terugblik, _created = Terugblik.objects.update_or_create(
        casus=casus,
        defaults={
            "wat_ging_vooraf": wat_ging_vooraf.strip(),
            "wat_had_eerder_gekund": wat_had_eerder_gekund.strip(),
            "vastgelegd_door": _door(by),
        },
    )
    terugblik.themas.set([t for t in themas if t.actief])
    return terugblik


# --- Watching the norms (the scheduled job) -------------------------------------------------------


def normen_bewaken(*, nu: dt.datetime | None = None) -> int:
    """Tell the case worker and the team lead when a running clock reaches the signal share of its
    norm and when it passes the deadline. Idempotent: the outbox dedupe key holds the case, the
    norm, its deadline and the level, so each is told once per level."""
    nu = nu or timezone.now()
    klokken = (
        Normklok.objects.filter(eind__isnull=True, signaal_op__lte=nu, casus__gesloten_op__isnull=True)
        .select_related("casus__casushouder")
        .order_by("deadline", "id")
    )
    teamleiders: dict[int, Any] = {}
    count = 0
    for klok in klokken.iterator(chunk_size=500):
        casus = klok.casus
        if casus.regio_id not in teamleiders:
            teamleiders[casus.regio_id] = selectors.normen_voor(casus.regio_id).teamleider
        over = nu > klok.deadline
        ontvangers = {
            u.pk: u for u in (casus.casushouder, teamleiders[casus.regio_id]) if u is not None and u.is_active
        }
        with transaction.atomic():
            for user in ontvangers.values():
                notify(
                    ontvanger=user,
                    soort="crisisnorm_over" if over else "crisisnorm_bijna",
                    titel=_("Een crisiscasus is over een norm heen") if over else _("Een crisiscasus nadert een norm"),
                    link=reverse("crisis:casus", kwargs={"casus": casus.uuid}),
                    dedupe_key=f"crisisnorm:{casus.uuid}:{klok.norm}:{klok.deadline.isoformat()}:"
                    f"{'over' if over else 'bijna'}",
                )
        count += 1
    return count
