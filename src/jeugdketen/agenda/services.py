"""Every write on the policy agenda: keyword-only, atomic, checked, refused (and logged) for anyone
who is not policy staff of the agenda's region.

Concurrency: an activity and an advice carry `versie`. A change names the version it was based on
and is written with `UPDATE ... SET versie = basis + 1 WHERE versie = basis`; when no row matches,
someone else saved first and `VerouderdeVersie` (with the row as it is now) is raised: nothing is
overwritten. Recording a year's status or budget changes the activity, so it bumps the same counter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, refuse
from jeugdketen.core.forms import Verouderd
from jeugdketen.core.models import Actie
from jeugdketen.organisaties.models import Regio
from jeugdketen.organisaties.selectors import person_of

from . import regels, selectors
from .logevents import ObjectType, Segment
from .models import Actielijn, Actielijnpunt, Activiteit, Activiteitstatus, Advies, Agenda, Budget, Thema

MAX_TEKST = 5000
MAX_BEDRAG = 1_000_000_000


class VerouderdeVersie(Verouderd):
    """Someone else saved in between; `nieuwste` is the row as it is now (core.forms.submit
    flashes the stale message and keeps the user's text, based on that row's version)."""

    def __init__(self, nieuwste: Any) -> None:
        super().__init__(nieuwste, versie=nieuwste.versie)


@dataclass(frozen=True)
class ActiviteitInvoer:
    activiteit: str
    huidige_stand: str = ""
    beoogd_resultaat: str = ""
    planning: str = ""
    partners: str = ""
    indicator: str = ""


@dataclass(frozen=True)
class AdviesInvoer:
    soort: str
    van: str
    datum: dt.date
    onderwerp: str
    advies: str
    reactie: str = ""
    wat_gedaan: str = ""
    thema: Thema | None = None


def _mag(by: Actor, agenda: Agenda, *, object_type: str, object_id: str, segment: str) -> None:
    if not selectors.mag_bewerken(by) or not selectors.agendas(by).filter(pk=agenda.pk).exists():
        refuse(by, object_type=object_type, object_id=object_id, segment=segment, actie=Actie.UPDATE)


def _tekst(errors: dict[str, list[str]], veld: str, waarde: str, *, verplicht: bool = False) -> str:
    waarde = (waarde or "").strip()
    if verplicht and not waarde:
        errors.setdefault(veld, []).append(_("Vul dit in."))
    if len(waarde) > MAX_TEKST:
        errors.setdefault(veld, []).append(_("Gebruik hoogstens 5000 tekens."))
    return waarde


def _activiteit_check(invoer: ActiviteitInvoer, budgetten: Mapping[int, int | None], agenda: Agenda) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    schoon = {
        veld: _tekst(errors, veld, getattr(invoer, veld), verplicht=veld == "activiteit")
        for veld in ("activiteit", "huidige_stand", "beoogd_resultaat", "planning", "partners")
    }
    if invoer.indicator and not regels.is_indicator(invoer.indicator):
        errors["indicator"] = [_("Kies een indicator uit de lijst.")]
    for jaar, bedrag in budgetten.items():
        if jaar not in agenda.jaren:
            errors.setdefault("__all__", []).append(_("Een budget hoort bij een jaar van de agenda."))
        elif bedrag is not None and not 0 <= bedrag <= MAX_BEDRAG:
            errors[f"budget_{jaar}"] = [_("Geef een bedrag in hele euro's van 0 tot 1 miljard.")]
    if errors:
        raise ValidationError(errors)
    schoon["indicator"] = invoer.indicator
    return schoon


def _budgetten_opslaan(activiteit: Activiteit, budgetten: Mapping[int, int | None]) -> None:
    for jaar, bedrag in budgetten.items():
        if bedrag is None:
            Budget.objects.filter(activiteit=activiteit, jaar=jaar).delete()
        else:
            Budget.objects.update_or_create(activiteit=activiteit, jaar=jaar, defaults={"bedrag": bedrag})


def _verhoog(rij: Activiteit, basis_versie: int, by: Actor, **velden: Any) -> None:
    updated = Activiteit.objects.filter(pk=rij.pk, versie=basis_versie).update(
        versie=F("versie") + 1, gewijzigd_op=timezone.now(), gewijzigd_door=person_of(by), **velden
    )
    if not updated:
        raise VerouderdeVersie(Activiteit.objects.prefetch_related("budgetten", "statussen").get(pk=rij.pk))


@transaction.atomic
def activiteit_toevoegen(
    *, thema: Thema, by: Actor, invoer: ActiviteitInvoer, budgetten: Mapping[int, int | None]
) -> Activiteit:
    _mag(by, thema.agenda, object_type=ObjectType.AGENDA, object_id=str(thema.agenda.uuid), segment=Segment.ACTIVITEIT)
    schoon = _activiteit_check(invoer, budgetten, thema.agenda)
    volgorde = (thema.activiteiten.order_by("-volgorde").values_list("volgorde", flat=True).first() or 0) + 1
    nieuw = Activiteit.objects.create(thema=thema, volgorde=volgorde, gewijzigd_door=person_of(by), **schoon)
    _budgetten_opslaan(nieuw, budgetten)
    return nieuw


@transaction.atomic
def activiteit_wijzigen(
    *,
    activiteit: Activiteit,
    by: Actor,
    basis_versie: int,
    invoer: ActiviteitInvoer,
    budgetten: Mapping[int, int | None],
) -> Activiteit:
    agenda = activiteit.thema.agenda
    _mag(by, agenda, object_type=ObjectType.ACTIVITEIT, object_id=str(activiteit.uuid), segment=Segment.ACTIVITEIT)
    schoon = _activiteit_check(invoer, budgetten, agenda)
    _verhoog(activiteit, basis_versie, by, **schoon)
    _budgetten_opslaan(activiteit, budgetten)
    activiteit.refresh_from_db()
    return activiteit


@transaction.atomic
def status_vastleggen(
    *, activiteit: Activiteit, by: Actor, basis_versie: int, jaar: int, status: str, toelichting: str = ""
) -> Activiteitstatus:
    agenda = activiteit.thema.agenda
    _mag(by, agenda, object_type=ObjectType.ACTIVITEIT, object_id=str(activiteit.uuid), segment=Segment.STATUS)
    errors: dict[str, list[str]] = {}
    if jaar not in agenda.jaren:
        errors["jaar"] = [
            _("Kies een jaar van de agenda (%(van)s tot en met %(tot)s).")
            % {"van": agenda.jaar_van, "tot": agenda.jaar_tot}
        ]
    if status not in regels.Status.values:
        errors["status"] = [_("Kies een status.")]
    toelichting = _tekst(errors, "toelichting", toelichting)
    if errors:
        raise ValidationError(errors)
    _verhoog(activiteit, basis_versie, by)
    rij, _created = Activiteitstatus.objects.update_or_create(
        activiteit=activiteit,
        jaar=jaar,
        defaults={"status": status, "toelichting": toelichting, "vastgelegd_door": person_of(by)},
    )
    return rij


def _advies_check(invoer: AdviesInvoer, agenda: Agenda) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if invoer.soort not in regels.AdviesSoort.values:
        errors["soort"] = [_("Kies gevraagd of ongevraagd advies.")]
    if invoer.van not in regels.Adviseur.values:
        errors["van"] = [_("Kies van wie het advies komt.")]
    if invoer.datum > kalender.vandaag():
        errors["datum"] = [_("De datum ligt in de toekomst.")]
    if invoer.thema is not None and invoer.thema.agenda_id != agenda.pk:
        errors["thema"] = [_("Kies een thema van deze agenda.")]
    onderwerp = _tekst(errors, "onderwerp", invoer.onderwerp, verplicht=True)
    if len(onderwerp) > 200:
        errors["onderwerp"] = [_("Gebruik hoogstens 200 tekens.")]
    schoon = {
        "soort": invoer.soort,
        "van": invoer.van,
        "datum": invoer.datum,
        "thema": invoer.thema,
        "onderwerp": onderwerp,
        "advies": _tekst(errors, "advies", invoer.advies, verplicht=True),
        "reactie": _tekst(errors, "reactie", invoer.reactie),
        "wat_gedaan": _tekst(errors, "wat_gedaan", invoer.wat_gedaan),
    }
    if errors:
        raise ValidationError(errors)
    return schoon


@transaction.atomic
def advies_vastleggen(*, agenda: Agenda, by: Actor, invoer: AdviesInvoer) -> Advies:
    _mag(by, agenda, object_type=ObjectType.AGENDA, object_id=str(agenda.uuid), segment=Segment.INSPRAAK)
    return Advies.objects.create(agenda=agenda, gewijzigd_door=person_of(by), **_advies_check(invoer, agenda))


@transaction.atomic
def advies_wijzigen(*, advies: Advies, by: Actor, basis_versie: int, invoer: AdviesInvoer) -> Advies:
    _mag(by, advies.agenda, object_type=ObjectType.ADVIES, object_id=str(advies.uuid), segment=Segment.INSPRAAK)
    schoon = _advies_check(invoer, advies.agenda)
    updated = Advies.objects.filter(pk=advies.pk, versie=basis_versie).update(
        versie=F("versie") + 1, gewijzigd_op=timezone.now(), gewijzigd_door=person_of(by), **schoon
    )
    if not updated:
        raise VerouderdeVersie(Advies.objects.select_related("thema").get(pk=advies.pk))
    advies.refresh_from_db()
    return advies


# --- Loading a policy document (the demo, a new region) ---------------------------------------


@transaction.atomic
def agenda_laden(*, regio: Regio, sleutel: str, gegevens: Mapping[str, Any]) -> Agenda:
    """Load an agenda from its data file (agenda/bronnen/*.json) into a region, once: a second
    load with the same `sleutel` changes nothing (what policy staff changed since stays)."""
    bestaand = Agenda.objects.filter(regio=regio, sleutel=sleutel).first()
    if bestaand is not None:
        return bestaand
    agenda = Agenda.objects.create(
        regio=regio,
        sleutel=sleutel,
        titel=gegevens["titel"],
        ondertitel=gegevens.get("ondertitel", ""),
        jaar_van=gegevens["jaar_van"],
        jaar_tot=gegevens["jaar_tot"],
        volgorde=Agenda.objects.filter(regio=regio).count(),
    )
    for t in gegevens.get("themas", []):
        thema = Thema.objects.create(
            agenda=agenda, nummer=t["nummer"], titel=t["titel"], voetnoten="\n".join(t.get("voetnoten", []))
        )
        Activiteit.objects.bulk_create(
            Activiteit(
                thema=thema,
                volgorde=i,
                activiteit=a["activiteit"],
                huidige_stand=a["huidige_stand"],
                beoogd_resultaat=a["beoogd_resultaat"],
                planning=a["planning"],
                partners=a.get("partners", ""),
                indicator=a.get("indicator", ""),
            )
            for i, a in enumerate(t["activiteiten"], start=1)
        )
    for i, lijn in enumerate(gegevens.get("actielijnen", []), start=1):
        actielijn = Actielijn.objects.create(agenda=agenda, volgorde=i, naam=lijn["naam"], droom=lijn["droom"])
        Actielijnpunt.objects.bulk_create(
            Actielijnpunt(
                actielijn=actielijn,
                volgorde=j,
                soort=p["soort"],
                kop=p["kop"],
                tekst=p["tekst"],
                indicator=p.get("indicator", ""),
            )
            for j, p in enumerate(lijn["punten"], start=1)
        )
    return agenda


def bron(naam: str) -> dict[str, Any]:
    """One of the shipped policy documents (agenda/bronnen/<naam>.json)."""
    import json
    from pathlib import Path

    data: dict[str, Any] = json.loads((Path(__file__).parent / "bronnen" / f"{naam}.json").read_text(encoding="utf-8"))
    return data
