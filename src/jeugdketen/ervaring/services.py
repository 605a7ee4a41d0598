"""Every write of family experience.

`uitnodigen_na_evaluatie` is called by gezinsplan (through `gezinsplan.uitbreidingen`) in the
transaction that records an evaluation; gezinsplan does not import this app. `antwoord_geven`
stores the scores apart from the person (models.py) and refuses a second answer.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, refuse, require
from jeugdketen.core.forms import Verouderd
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.teller import tel
from jeugdketen.gezinsplan.models import Gezinsplan

from . import logevents, regels, selectors
from .logevents import ObjectType, Segment
from .models import Antwoord, Uitnodiging


def uitnodigen_na_evaluatie(plan: Gezinsplan, datum: dt.date) -> list[Uitnodiging]:
    """Invite every parent or carer, and every youth of 12 or older, to score the core values: one
    invitation per person per evaluation day (several goals scored on one day are one evaluation).
    A member with a login gets a notification linking to their invitation, without personal data;
    for members without one, the plan's regisseur is told to hand out their one-time codes
    (`codes_maken`, on the page `ervaring:codes`)."""
    nieuw = []
    zonder_inlog = 0
    for lid in plan.gezin.leden.select_related("gebruiker"):
        if not regels.uitnodigen(soort=lid.soort, geboortedatum=lid.geboortedatum, op=datum):
            continue
        gebruiker = lid.gebruiker if lid.gebruiker is not None and lid.gebruiker.is_active else None
        uitnodiging, created = Uitnodiging.objects.get_or_create(
            gezinslid=lid,
            evaluatie_datum=datum,
            defaults={"gebruiker": gebruiker, "gemeente_id": plan.gezin.gemeente_id},
        )
        if not created:
            continue
        nieuw.append(uitnodiging)
        if gebruiker is None:
            zonder_inlog += 1
            continue
        notify(
            ontvanger=gebruiker,
            soort="ervaring_uitnodiging",
            titel=_("Hoe ging het? Geef in een minuut uw mening over de hulp"),
            link=reverse("ervaring:uitnodiging", kwargs={"uuid": uitnodiging.uuid}),
            dedupe_key=f"ervaring:{uitnodiging.uuid}",
        )
    if zonder_inlog and plan.regisseur_medewerker is not None:
        notify(
            ontvanger=plan.regisseur_medewerker,
            soort="ervaring_codes",
            titel=_("Gezinsleden zonder account kunnen hun mening geven: geef hun de persoonlijke code"),
            link=reverse("ervaring:codes", kwargs={"plan": plan.uuid}),
            dedupe_key=f"ervaring-codes:{plan.uuid}:{datum.isoformat()}",
        )
    return nieuw


class AlBeantwoord(Verouderd):
    """This invitation was answered before: a second answer is refused (the first one counts)."""

    bericht = gettext_lazy("U heeft deze vragen al beantwoord. Een tweede antwoord kan niet: uw eerste antwoord telt.")


def _controleer(scores: Mapping[str, int | None], opmerking: str) -> str:
    errors: dict[str, list[str]] = {}
    for veld, score in scores.items():
        if veld not in regels.VELDEN:
            errors["__all__"] = [_("Onbekende vraag.")]
        elif score is not None and not regels.SCORE_MIN <= score <= regels.SCORE_MAX:
            errors[veld] = [_("Kies een cijfer van 1 tot en met 5.")]
    if not any(scores.get(v) is not None for v in regels.VELDEN):
        errors.setdefault("__all__", []).append(_("Kies bij minstens één vraag een cijfer."))
    opmerking = (opmerking or "").strip()
    if len(opmerking) > regels.MAX_OPMERKING:
        errors["opmerking"] = [_("Gebruik hoogstens 1000 tekens.")]
    if errors:
        raise ValidationError(errors)
    return opmerking


def _opslaan(uitnodiging: Uitnodiging, scores: Mapping[str, int | None], opmerking: str) -> None:
    # One answer per invitation: only the first update finds the invitation unanswered.
    if not Uitnodiging.objects.filter(pk=uitnodiging.pk, beantwoord_op__isnull=True).update(
        beantwoord_op=kalender.vandaag()
    ):
        raise AlBeantwoord
    Antwoord.objects.create(
        gemeente_id=uitnodiging.gemeente_id,
        jaar=uitnodiging.evaluatie_datum.year,
        opmerking=opmerking,
        **{v: scores.get(v) for v in regels.VELDEN},
    )


@transaction.atomic
def antwoord_geven(
    *, toegang: Toegang[Uitnodiging], by: Actor, scores: Mapping[str, int | None], opmerking: str = ""
) -> None:
    uitnodiging = toegang.obj
    if uitnodiging.gebruiker_id is None or uitnodiging.gebruiker_id != by.user_pk:
        refuse(
            by,
            object_type=ObjectType.UITNODIGING,
            object_id=str(uitnodiging.uuid),
            segment=Segment.ANTWOORD,
            actie=Actie.CREATE,
        )
    _opslaan(uitnodiging, scores, _controleer(scores, opmerking))


# --- Members without a login: a one-time personal code ----------------------------------------

# The code's alphabet and length: regels.CODE_TEKENS, regels.CODE_LENGTE (about 79 bits).


@dataclass(frozen=True)
class Code:
    voornaam: str
    code: str  # plain, shown once to the regisseur
    verloopt_op: dt.datetime

    @property
    def leesbaar(self) -> str:
        return regels.code_leesbaar(self.code)


@transaction.atomic
def codes_maken(*, toegang: Toegang[Gezinsplan], by: Actor) -> list[Code]:
    """For the plan's regisseur: a fresh one-time code for each open invitation of a member
    without a login (an earlier code of that invitation stops working). Returns each member's
    first name and code, to print or read out; only the hash is stored."""
    plan = require(
        by,
        toegang,
        plan_regisseur(toegang.obj, by),
        segment=Segment.CODES,
        actie=Actie.UPDATE,
    )
    verloopt = timezone.now() + dt.timedelta(days=regels.CODE_GELDIG_DAGEN)
    result = []
    for uitnodiging in selectors.zonder_inlog_open(plan):
        code = "".join(secrets.choice(regels.CODE_TEKENS) for _i in range(regels.CODE_LENGTE))
        uitnodiging.code_hash, uitnodiging.code_verloopt_op = selectors.code_hash(code), verloopt
        uitnodiging.save(update_fields=["code_hash", "code_verloopt_op"])
        result.append(Code(uitnodiging.gezinslid.voornaam, code, verloopt))
    return result


def plan_regisseur(plan: Gezinsplan, by: Actor) -> bool:
    return by.user_pk is not None and plan.regisseur_medewerker_id == by.user_pk


def poging_toegestaan(ip: str) -> bool:
    """Count one try of a code page from this address; False once there were too many this hour."""
    totaal, _over = tel(f"ervaring-code:{ip}", 3600)
    return totaal <= regels.CODE_POGINGEN


@transaction.atomic
def antwoord_met_code(*, code_hash: str, by: Actor, scores: Mapping[str, int | None], opmerking: str = "") -> None:
    """Store the answer of a member without a login, for the invitation whose current code has
    `code_hash` (selectors.code_hash: the code page checks the typed code once and keeps only its
    hash in the session). The code works once, until it expires, and only while it is the
    invitation's current code (`CodeOngeldig` with the reason otherwise, `AlBeantwoord` when a
    second answer races the first)."""
    uitnodiging = selectors.uitnodiging_met_hash(code_hash)
    reden = selectors.code_reden(uitnodiging)
    if reden is not None:
        raise CodeOngeldig(reden)
    assert uitnodiging is not None
    _opslaan(uitnodiging, scores, _controleer(scores, opmerking))
    logevents.met_code(by, uitnodiging, segment=Segment.ANTWOORD, actie=Actie.CREATE)


class CodeOngeldig(Exception):
    """The code is unknown, used or expired (`reden`: selectors.ONBEKEND, GEBRUIKT, VERLOPEN)."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden
