"""Every write of family experience.

`uitnodigen_na_evaluatie` is called by gezinsplan (through `gezinsplan.uitbreidingen`) in the
transaction that records an evaluation; gezinsplan does not import this app. `antwoord_geven`
stores the scores apart from the person (models.py) and refuses a second answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, refuse
from jeugdketen.core.forms import Verouderd
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.gezinsplan.models import Gezinsplan

from . import regels
from .logevents import ObjectType, Segment
from .models import Antwoord, Uitnodiging


def uitnodigen_na_evaluatie(plan: Gezinsplan, datum: dt.date) -> list[Uitnodiging]:
    """Invite every parent or carer, and every youth of 12 or older, who has a login, to score the
    core values: one invitation per person per evaluation day (several goals scored on one day are
    one evaluation). Each gets a notification linking to their invitation, without personal data."""
    nieuw = []
    leden = plan.gezin.leden.filter(gebruiker__isnull=False, gebruiker__is_active=True).select_related("gebruiker")
    for lid in leden:
        if not regels.uitnodigen(soort=lid.soort, geboortedatum=lid.geboortedatum, op=datum):
            continue
        assert lid.gebruiker is not None
        uitnodiging, created = Uitnodiging.objects.get_or_create(
            gezinslid=lid,
            evaluatie_datum=datum,
            defaults={"gebruiker": lid.gebruiker, "gemeente_id": plan.gezin.gemeente_id},
        )
        if not created:
            continue
        notify(
            ontvanger=lid.gebruiker,
            soort="ervaring_uitnodiging",
            titel=_("Hoe ging het? Geef in een minuut uw mening over de hulp"),
            link=reverse("ervaring:uitnodiging", kwargs={"uuid": uitnodiging.uuid}),
            dedupe_key=f"ervaring:{uitnodiging.uuid}",
        )
        nieuw.append(uitnodiging)
    return nieuw


class AlBeantwoord(Verouderd):
    """This invitation was answered before: a second answer is refused (the first one counts)."""

    bericht = gettext_lazy("U heeft deze vragen al beantwoord. Een tweede antwoord kan niet: uw eerste antwoord telt.")


@transaction.atomic
def antwoord_geven(
    *, toegang: Toegang[Uitnodiging], by: Actor, scores: Mapping[str, int | None], opmerking: str = ""
) -> None:
    uitnodiging = toegang.obj
    if uitnodiging.gebruiker_id != by.user_pk:
        refuse(
            by,
            object_type=ObjectType.UITNODIGING,
            object_id=str(uitnodiging.uuid),
            segment=Segment.ANTWOORD,
            actie=Actie.CREATE,
        )
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
