"""Writes of the person record. Called by the services of other apps (gezinnen, jeugdhulp) inside
their own transaction: those check who may act and write the access log; these keep the record
whole (one youth per BSN, one open responsible municipality)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.brp import client as brp
from jeugdketen.brp.client import BrpPersoon
from jeugdketen.brp.signalen import overlijden_vastgesteld
from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.organisaties.models import Gemeente

from .models import BrpGegevens, Geslacht, Jeugdige, Woonplaatsperiode

logger = logging.getLogger(__name__)


def jeugdige_vastleggen(
    *,
    bsn: str,
    geboortedatum: dt.date,
    achternaam: str,
    voornamen: str = "",
    voorvoegsel: str = "",
    geslacht: str = Geslacht.ONBEKEND,
    gemeente: Gemeente | None = None,
    vanaf: dt.date | None = None,
) -> Jeugdige:
    """The youth with this BSN: found, or created. The same BSN is always the same person.

    A known BSN with another birth date is refused (one of the two is wrong; nothing is merged).
    Names are filled in where the record had none. `gemeente` is recorded as the responsible
    municipality from `vanaf` only when none is recorded yet; a move is `woonplaats_vastleggen`."""
    bsn = validate_bsn(bsn)
    jeugdige = Jeugdige.objects.filter(bsn=bsn).first()
    if jeugdige is None:
        try:
            with transaction.atomic():
                jeugdige = Jeugdige.objects.create(
                    bsn=bsn,
                    geboortedatum=geboortedatum,
                    achternaam=achternaam.strip()[:200],
                    voornamen=voornamen.strip()[:200],
                    voorvoegsel=voorvoegsel.strip()[:10],
                    geslacht=geslacht if geslacht in Geslacht.values else Geslacht.ONBEKEND,
                )
        except IntegrityError:  # created a moment ago by a concurrent request
            jeugdige = Jeugdige.objects.get(bsn=bsn)
    if jeugdige.geboortedatum != geboortedatum:
        raise ValidationError(
            _(
                "Dit BSN is al bekend met een andere geboortedatum. Controleer het BSN en de geboortedatum; "
                "er is niets opgeslagen."
            ),
            code="bsn_geboortedatum",
        )
    changed = []
    for field, value in (("achternaam", achternaam), ("voornamen", voornamen), ("voorvoegsel", voorvoegsel)):
        if value.strip() and not getattr(jeugdige, field):
            setattr(jeugdige, field, value.strip())
            changed.append(field)
    if changed:
        jeugdige.save(update_fields=changed)
    if gemeente is not None and not Woonplaatsperiode.objects.filter(jeugdige=jeugdige).exists():
        Woonplaatsperiode.objects.create(jeugdige=jeugdige, gemeente=gemeente, vanaf=vanaf or geboortedatum)
    return jeugdige


def woonplaats_vastleggen(*, jeugdige: Jeugdige, gemeente: Gemeente, vanaf: dt.date) -> Woonplaatsperiode:
    """Record that `gemeente` is responsible from `vanaf`.

    Same municipality as the open period: nothing changes (idempotent). A later date: the open
    period ends the day before and a new one starts. An earlier date than the open period with
    another municipality would rewrite history: refused."""
    open_ = Woonplaatsperiode.objects.select_for_update().filter(jeugdige=jeugdige, tot__isnull=True).first()
    if open_ is None:
        laatste = Woonplaatsperiode.objects.filter(jeugdige=jeugdige).order_by("-vanaf").first()
        if laatste is not None and laatste.tot is not None and vanaf <= laatste.tot:
            raise ValidationError(_("Deze datum valt in een periode die al is vastgelegd."), code="woonplaats_overlap")
        return Woonplaatsperiode.objects.create(jeugdige=jeugdige, gemeente=gemeente, vanaf=vanaf)
    if open_.gemeente_id == gemeente.pk:
        return open_
    if vanaf <= open_.vanaf:
        raise ValidationError(
            _("Er is al een andere verantwoordelijke gemeente vanaf %(d)s. Een verhuizing heeft een latere datum.")
            % {"d": open_.vanaf.strftime("%d-%m-%Y")},
            code="woonplaats_eerder",
        )
    open_.tot = vanaf - dt.timedelta(days=1)
    open_.save(update_fields=["tot"])
    return Woonplaatsperiode.objects.create(jeugdige=jeugdige, gemeente=gemeente, vanaf=vanaf)


# --- The BRP (docs/brp.md) --------------------------------------------------------------------


@dataclass(frozen=True)
class BrpStand:
    """How a BRP update went: `bereikbaar` False means the pages show the last known data."""

    bereikbaar: bool
    gecontroleerd_op: dt.datetime | None  # the oldest check among the persons asked about


def _gemeente(code: str) -> Gemeente | None:
    return Gemeente.objects.filter(cbs_code=f"GM{code}").first() if len(code) == 4 else None


def _woonplaats_volgen(jeugdige: Jeugdige, persoon: BrpPersoon, vandaag: dt.date) -> None:
    """Woonplaatsbeginsel: the responsible municipality follows the BRP's gemeenteVanInschrijving.
    A municipality outside the platform changes nothing here (another region is responsible)."""
    gemeente = _gemeente(persoon.gemeente_code)
    if gemeente is None:
        return
    open_ = Woonplaatsperiode.objects.filter(jeugdige=jeugdige, tot__isnull=True).first()
    if open_ is not None and open_.gemeente_id == gemeente.pk:
        return
    if open_ is not None and open_.vanaf >= vandaag:
        # recorded today from what someone typed, and the BRP says otherwise: a same-day
        # correction of a period without history, not a move
        open_.gemeente = gemeente
        open_.save(update_fields=["gemeente"])
        return
    # a move: from the BRP's address date, but never back into the recorded period nor later than today
    vanaf = min(persoon.adres_sinds or vandaag, vandaag)
    if open_ is not None and vanaf <= open_.vanaf:
        vanaf = min(vandaag, open_.vanaf + dt.timedelta(days=1))
    try:
        woonplaats_vastleggen(jeugdige=jeugdige, gemeente=gemeente, vanaf=vanaf)
    except ValidationError:  # would rewrite closed history: left for a person to sort out
        logger.warning("woonplaats uit de BRP niet vastgelegd: overlapt vastgelegde periodes")


def personen_brp_bijwerken(*, bsns: list[str], actor: Actor, client_id: str) -> BrpStand:
    """Take name, birth date, address, secrecy and death of these persons from the BRP; for the
    youths among them (a `Jeugdige`) the responsible municipality (woonplaatsbeginsel); for the
    minors the custody. One BRP call per purpose, each in the access log under `client_id` (never
    a BSN). When the BRP cannot be reached nothing changes and `bereikbaar` is False.

    A death recorded for the first time sends `brp.signalen.overlijden_vastgesteld`."""
    bsns = list(dict.fromkeys(b for b in bsns if b))
    nu = timezone.now()
    vandaag = kalender.vandaag()
    if not bsns:
        return BrpStand(True, None)
    try:
        personen = brp.raadpleeg(bsns, doel=brp.Doel.GEZINSLID, actor=actor, client_id=client_id)
        jeugdigen = {j.bsn: j for j in Jeugdige.objects.filter(bsn__in=list(personen))}
        woon = brp.raadpleeg(list(jeugdigen), doel=brp.Doel.WOONPLAATS, actor=actor, client_id=client_id)
        minderjarig = [
            p.bsn for p in personen.values() if p.geboortedatum and kalender.leeftijd(p.geboortedatum, vandaag) < 18
        ]
        gezag = brp.raadpleeg(minderjarig, doel=brp.Doel.GEZAG, actor=actor, client_id=client_id)
    except brp.BrpFout:
        BrpGegevens.objects.filter(bsn__in=bsns).update(brp_mislukt_op=nu)
        oudste = BrpGegevens.objects.filter(bsn__in=bsns).order_by("brp_gecontroleerd_op").first()
        return BrpStand(False, oudste.brp_gecontroleerd_op if oudste else None)
    with transaction.atomic():
        bekend = {g.bsn: g for g in BrpGegevens.objects.select_for_update().filter(bsn__in=list(personen))}
        for bsn, persoon in personen.items():
            rij = bekend.get(bsn) or BrpGegevens(bsn=bsn, brp_gecontroleerd_op=nu)
            eerder_overleden = rij.pk is not None and rij.overleden_op is not None
            rij.voornamen = persoon.voornamen[:200]
            rij.voorvoegsel = persoon.voorvoegsel[:10]
            rij.geslachtsnaam = persoon.geslachtsnaam[:200]
            rij.geboortedatum = persoon.geboortedatum
            rij.adresregel1 = persoon.adresregel1[:200]
            rij.adresregel2 = persoon.adresregel2[:200]
            rij.geheimhouding = persoon.geheimhouding
            rij.overleden_op = persoon.overleden_op
            if bsn in woon:
                rij.gemeente_code = woon[bsn].gemeente_code[:4]
            if bsn in gezag:
                eigen = [g for g in gezag[bsn].gezag if g.minderjarige == bsn]
                rij.gezag_bekend = True
                rij.gezag_soort = eigen[0].soort[:40] if eigen else ""
                rij.gezag_ouders = sorted({o for g in eigen for o in g.ouders})
            rij.brp_gecontroleerd_op = nu
            rij.brp_mislukt_op = None
            rij.save()
            jeugdige = jeugdigen.get(bsn)
            if jeugdige is not None:
                jeugdige.achternaam = persoon.geslachtsnaam[:200] or jeugdige.achternaam
                jeugdige.voornamen = persoon.voornamen[:200] or jeugdige.voornamen
                jeugdige.voorvoegsel = persoon.voorvoegsel[:10]
                if persoon.geboortedatum is not None:
                    jeugdige.geboortedatum = persoon.geboortedatum
                jeugdige.brp_gecontroleerd_op = nu
                jeugdige.save(
                    update_fields=["achternaam", "voornamen", "voorvoegsel", "geboortedatum", "brp_gecontroleerd_op"]
                )
                if bsn in woon:
                    _woonplaats_volgen(jeugdige, woon[bsn], vandaag)
            if persoon.overleden_op is not None and not eerder_overleden:
                overlijden_vastgesteld.send(sender=BrpGegevens, bsn=bsn, datum=persoon.overleden_op)
    # persons the BRP did not return keep what was known; their check date stays as it was
    oudste = BrpGegevens.objects.filter(bsn__in=bsns).order_by("brp_gecontroleerd_op").first()
    return BrpStand(True, oudste.brp_gecontroleerd_op if oudste else None)


SYSTEEM_BRP = Actor(
    user=None,
    rol="systeem",
    display_name="BRP-controle personen",
    namens="regio (verantwoordelijke)",
    bronsysteem="personen-brp-controle",
)


def brp_controle_uitvoeren(*, ouder_dan: dt.timedelta = dt.timedelta(days=1), limiet: int = 5000) -> int:
    """The nightly check of every youth's BRP data (name, birth date, responsible municipality,
    custody, death) that was not checked within `ouder_dan`, so that a youth in care without a
    family page still follows the BRP. One update per youth (its access-log entries carry the
    person's uuid, docs/decisions/0009). Stops at the first unreachable answer. Returns how many
    youths were checked."""
    grens = timezone.now() - ouder_dan
    gecontroleerd = 0
    for jeugdige in Jeugdige.objects.filter(
        models.Q(brp_gecontroleerd_op__isnull=True) | models.Q(brp_gecontroleerd_op__lt=grens)
    ).order_by("brp_gecontroleerd_op", "pk")[:limiet]:
        stand = personen_brp_bijwerken(bsns=[jeugdige.bsn], actor=SYSTEEM_BRP, client_id=f"jeugdige:{jeugdige.uuid}")
        if not stand.bereikbaar:
            break
        gecontroleerd += 1
    return gecontroleerd
