"""Writes of the person record. Called by the services of other apps (gezinnen, jeugdhulp) inside
their own transaction: those check who may act and write the access log; these keep the record
whole (one youth per BSN, one open responsible municipality)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jeugdketen.core.bsn import validate_bsn
from jeugdketen.organisaties.models import Gemeente

from .models import Geslacht, Jeugdige, Woonplaatsperiode


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
