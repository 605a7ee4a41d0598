"""The family match (Jeugdwet 7.1.2.3; Besluit 7.1.4.3 lid 2): registrations on youths who have a
parent in common according to the BRP.

The index stays sealed: it asks the BRP itself (jeugdketen.brp, purpose `verwijsindex_familiematch`,
fields: the parents' BSNs and a death), never the platform's families, and keeps of the answer only
keyed pseudonyms of the parents (`Ouderpseudoniem`, pseudoniem.for_ouder; re-keyed by key
rotation). The registrants are told only that it concerns another youth of the same family, with
the other professionals' contact details (the `Gezinsmatch` page).

Called from services: `ouders_opvragen` before the registration's transaction, `bijwerken` inside
it under the youth's lock, `verlaten` after any removal. Two siblings registered at the very same
moment may each miss the other (no lock spans youths); the next registration in the family joins
them. When the BRP cannot be reached the registration goes ahead without family match, and the
stored parent pseudonyms of that youth (from an earlier registration) are used if there are any.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.brp import client as brp
from jeugdketen.core.access import Actor
from jeugdketen.core.outbox import Bericht, notify_many

from . import logevents, pseudoniem
from .models import Gezinsmatch, Jongere, MatchStatus, Melding, MeldingStatus, Ouderpseudoniem


def ouders_opvragen(actor: Actor, *, bsn: str, jongere_uuid: uuidlib.UUID) -> list[str] | None:
    """The parents of this youth as pseudonyms, asked of the BRP (None: no answer, or no BRP).

    A youth the BRP records as deceased is refused: nobody registers, and nobody is signalled
    about, someone who died (art. 7.1.4.5 lid 2)."""
    if not bsn or not brp.geconfigureerd():
        return None
    try:
        gevonden = brp.raadpleeg([bsn], doel=brp.Doel.FAMILIEMATCH, actor=actor, client_id=f"vi:{jongere_uuid}")
    except brp.BrpFout:
        return None
    persoon = gevonden.get(bsn)
    if persoon is None:
        return []
    if persoon.overleden_op is not None:
        raise ValidationError(
            _("Volgens de BRP is deze jongere overleden. Een melding in de verwijsindex kan niet meer."),
            code="overleden",
        )
    return sorted({pseudoniem.for_ouder(ouder) for ouder in persoon.ouders})


def _signaleer(actor: Actor, gezinsmatch: Gezinsmatch, *, paren: list[tuple[Melding, Melding]]) -> None:
    """Tell each (registrant, about) pair of the family match, in one outbox statement; each told
    registrant in the logbook (`Actie.INFORM`)."""
    verteld = [(ontvanger, over) for ontvanger, over in paren if ontvanger.melder is not None]
    notify_many(
        Bericht(
            ontvanger=ontvanger.melder,
            soort="verwijsindex_gezinsmatch",
            titel=_("Er is een gezinsmatch in de verwijsindex"),
            link=reverse("verwijsindex:gezinsmatch", kwargs={"uuid": gezinsmatch.uuid}),
            dedupe_key=f"vi-gezinsmatch:{gezinsmatch.uuid}:{ontvanger.uuid}:{over.uuid}",
        )
        for ontvanger, over in verteld
        if ontvanger.melder is not None
    )
    for ontvanger, _over in verteld:
        logevents.gezinsmatch_informed(actor, ontvanger)


def bijwerken(actor: Actor, *, melding: Melding, ouders: list[str] | None, nu: datetime) -> Gezinsmatch | None:
    """After a new registration (under the youth's lock): record the parents' pseudonyms, and
    create or join the family match with the other registered youths who share a parent."""
    jongere = melding.jongere
    if ouders is not None:
        Ouderpseudoniem.objects.filter(jongere=jongere).exclude(sleutel__in=ouders).delete()
        bestaand = set(Ouderpseudoniem.objects.filter(jongere=jongere).values_list("sleutel", flat=True))
        Ouderpseudoniem.objects.bulk_create(
            [Ouderpseudoniem(jongere=jongere, sleutel=s) for s in ouders if s not in bestaand]
        )
    sleutels = list(Ouderpseudoniem.objects.filter(jongere=jongere).values_list("sleutel", flat=True))
    if not sleutels:
        return None
    anderen = list(
        Jongere.objects.filter(ouders__sleutel__in=sleutels, meldingen__status=MeldingStatus.ACTIEF)
        .exclude(pk=jongere.pk)
        .distinct()
        .order_by("pk")
    )
    if not anderen:
        return None
    bestaande = sorted(
        {j.gezinsmatch for j in [jongere, *anderen] if j.gezinsmatch and j.gezinsmatch.status == MatchStatus.ACTIEF},
        key=lambda g: (g.aangemaakt, g.pk),
    )
    if bestaande:
        gezinsmatch = bestaande[0]
        for ouder in bestaande[1:]:  # this youth joins two families of half-siblings: one match
            Jongere.objects.filter(gezinsmatch=ouder).update(gezinsmatch=gezinsmatch)
            Gezinsmatch.objects.filter(pk=ouder.pk).update(status=MatchStatus.BEEINDIGD, beeindigd_op=nu)
    else:
        gezinsmatch = Gezinsmatch.objects.create(aangemaakt=nu)
    Jongere.objects.filter(pk__in=[jongere.pk, *(j.pk for j in anderen)]).update(gezinsmatch=gezinsmatch)
    jongere.gezinsmatch = gezinsmatch
    andere_meldingen = (
        Melding.objects.filter(jongere__gezinsmatch=gezinsmatch, status=MeldingStatus.ACTIEF)
        .exclude(jongere=jongere)
        .select_related("organisatie", "melder")
        .order_by("aangemeld_op", "id")
    )
    paren: list[tuple[Melding, Melding]] = []
    for ander in andere_meldingen:
        if ander.organisatie_id == melding.organisatie_id:
            continue  # an organisation that registered both youths knows it already
        paren += [(melding, ander), (ander, melding)]
    _signaleer(actor, gezinsmatch, paren=paren)
    return gezinsmatch


def verlaten(jongere_id: int | None, nu: datetime) -> None:
    """After a removal: a youth without a current registration leaves its family match and its
    parents' pseudonyms are deleted; a family match with fewer than two youths ends."""
    if jongere_id is None:
        return
    jongere = Jongere.objects.filter(pk=jongere_id).select_related("gezinsmatch").first()
    if jongere is None or Melding.objects.filter(jongere=jongere, status=MeldingStatus.ACTIEF).exists():
        return
    Ouderpseudoniem.objects.filter(jongere=jongere).delete()
    gezinsmatch = jongere.gezinsmatch
    if gezinsmatch is None:
        return
    Jongere.objects.filter(pk=jongere.pk).update(gezinsmatch=None)
    blijvend = Jongere.objects.filter(gezinsmatch=gezinsmatch, meldingen__status=MeldingStatus.ACTIEF).distinct()
    if blijvend.count() < 2 and gezinsmatch.status == MatchStatus.ACTIEF:
        Jongere.objects.filter(gezinsmatch=gezinsmatch).update(gezinsmatch=None)
        Gezinsmatch.objects.filter(pk=gezinsmatch.pk).update(status=MatchStatus.BEEINDIGD, beeindigd_op=nu)


def rekey(nieuwe_sleutel: str) -> int:
    """Key rotation of the parents' pseudonyms (in the caller's transaction)."""
    rows = list(Ouderpseudoniem.objects.select_for_update().only("pk", "sleutel"))
    for row in rows:
        row.sleutel = pseudoniem.rekey(row.sleutel, nieuwe_sleutel)
    Ouderpseudoniem.objects.bulk_update(rows, ["sleutel"], batch_size=2000)
    return len(rows)


def deelnemers(gezinsmatch: Gezinsmatch) -> list[Melding]:
    """The current registrations of the youths in the family match (contact fields only are shown)."""
    return list(
        Melding.objects.filter(jongere__gezinsmatch=gezinsmatch, status=MeldingStatus.ACTIEF)
        .select_related("organisatie")
        .order_by("aangemeld_op", "id")
    )
