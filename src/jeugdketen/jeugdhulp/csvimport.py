"""CSV for municipalities and providers without iJw files (issue 10, point 5), run by core's
row-import runner (core.importer): every row checked, each applied in its own transaction, each
bad row reported with its line number in plain Dutch.

One row per action (column `actie`):
* `toewijzing` (a municipality): the assignment of a product to a provider, as in a JW301;
* `start` and `stop` (a provider): the care started or stopped, as in a JW305 / JW307.

The same file twice changes nothing the second time: an assignment that is already there with the
same values, a start or stop already reported, is reported as "bestond al" (the row's natural key:
municipality, assignment number, and for start and stop the start date). docs/jeugdhulp.md lists
every column with its code list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core import importer, kalender
from jeugdketen.core.access import Actor

from . import selectors, services
from .codes import Bron
from .models import Levering

KOLOMMEN = (
    "actie",
    "bsn",
    "geboortedatum",
    "achternaam",
    "voornamen",
    "gemeente",
    "toewijzingnummer",
    "aanbieder_agb",
    "productcategorie",
    "productcode",
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "verwijzer",
    "aanmelddatum",
    "intakedatum",
    "begindatum",
    "reden_beeindiging",
)
VERPLICHT = ("actie", "bsn", "gemeente", "toewijzingnummer")
ACTIES = ("toewijzing", "start", "stop")


def verwerken(*, actor: Actor, data: bytes) -> importer.Resultaat:
    """Process an uploaded file. Raises ValidationError only when the file as a whole is unusable."""
    rijen = importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=VERPLICHT, lengtes=LENGTES)
    return importer.uitvoeren(
        rijen,
        verwerk=lambda rij: _regel(actor, rij),
        geweigerd=_("Deze regel is niet van uw organisatie of gemeente."),
    )


# The columns stored as text, with the limit of the field they are stored in.
LENGTES = {"bsn": 20, "achternaam": 200, "voornamen": 200, "productcode": 5}


def _datum(w: dict[str, str], veld: str, *, verplicht: bool = False) -> dt.date | None:
    waarde = w.get(veld, "")
    if not waarde:
        if verplicht:
            raise ValidationError(_("Vul '%(v)s' in.") % {"v": veld})
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            datum = dt.datetime.strptime(waarde, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
        doel = kalender.Doel.GEBOORTEDATUM_JEUGDIGE if veld == "geboortedatum" else kalender.Doel.LOOPTIJD
        try:
            kalender.aannemelijk(datum, doel)
        except ValidationError as exc:
            raise ValidationError(_("Kolom %(v)s: %(m)s") % {"v": veld, "m": " ".join(exc.messages)}) from exc
        return datum
    raise ValidationError(
        _("'%(w)s' in kolom %(v)s is geen datum. Schrijf bijvoorbeeld 2025-03-31.") % {"w": waarde[:20], "v": veld}
    )


def _getal(w: dict[str, str], veld: str) -> int | None:
    waarde = w.get(veld, "")
    if not waarde:
        return None
    if not waarde.isdigit() or len(waarde) > 9:
        raise ValidationError(_("'%(w)s' in kolom %(v)s is geen geheel getal.") % {"w": waarde[:20], "v": veld})
    return int(waarde)


def _gemeentecode(waarde: str) -> str:
    code = waarde.upper().removeprefix("GM")
    if not (code.isdigit() and len(code) == 4):
        raise ValidationError(_("Schrijf de gemeente als CBS-code, bijvoorbeeld 0917 of GM0917."))
    return f"GM{code}"


def _regel(actor: Actor, rij: importer.Rij) -> importer.Verwerkt:
    w = dict(rij.waarden)
    actie = w.get("actie", "").lower()
    if actie not in ACTIES:
        raise ValidationError(_("Onbekende actie '%(a)s': gebruik toewijzing, start of stop.") % {"a": actie[:20]})
    code = _gemeentecode(w.get("gemeente", ""))
    nummer = _getal(w, "toewijzingnummer")
    if nummer is None:
        raise ValidationError(_("Vul het toewijzingnummer in."))
    if actie == "toewijzing":
        return _toewijzing(actor, rij.regel, w, code, nummer)
    traject = (
        selectors.trajecten_visible_to(actor)
        .filter(gemeente__cbs_code=code, toewijzingnummer=nummer, jeugdige__bsn=w.get("bsn", ""))
        .first()
    )
    if traject is None:
        raise ValidationError(
            _("Toewijzing %(n)s van gemeente %(g)s voor deze jeugdige is niet bekend bij uw organisatie.")
            % {"n": nummer, "g": code[2:]}
        )
    begindatum = _datum(w, "begindatum", verplicht=True)
    assert begindatum is not None
    bestaand = Levering.objects.filter(traject=traject, begindatum=begindatum).first()
    if actie == "start":
        if bestaand is not None:
            return importer.Verwerkt(rij.regel, "bestond_al", str(traject.uuid))
        services.levering_starten(
            by=actor, traject=traject, begindatum=begindatum, intakedatum=_datum(w, "intakedatum"), bron=Bron.CSV
        )
        return importer.Verwerkt(rij.regel, "gestart", str(traject.uuid))
    einddatum = _datum(w, "einddatum", verplicht=True)
    reden = w.get("reden_beeindiging", "")
    if bestaand is not None and bestaand.einddatum == einddatum and bestaand.reden_beeindiging == reden:
        return importer.Verwerkt(rij.regel, "bestond_al", str(traject.uuid))
    assert einddatum is not None
    services.levering_stoppen(
        by=actor, traject=traject, begindatum=begindatum, einddatum=einddatum, reden=reden, bron=Bron.CSV
    )
    return importer.Verwerkt(rij.regel, "gestopt", str(traject.uuid))


def _toewijzing(actor: Actor, regel: int, w: dict[str, str], code: str, nummer: int) -> importer.Verwerkt:
    gemeente = selectors.gemeenten_van(actor).filter(cbs_code=code).first()
    if gemeente is None:
        raise ValidationError(_("U legt alleen toewijzingen vast van uw eigen gemeente(n)."))
    aanbieder = selectors.aanbieders().filter(zorgaanbieder__agb_code=w.get("aanbieder_agb", "")).first()
    if aanbieder is None:
        raise ValidationError(_("De aanbieder met deze AGB-code is niet bekend in Jeugdketen."))
    geboortedatum = _datum(w, "geboortedatum", verplicht=True)
    ingangsdatum = _datum(w, "ingangsdatum", verplicht=True)
    assert geboortedatum is not None and ingangsdatum is not None
    if not w.get("achternaam"):
        raise ValidationError(_("Vul de achternaam in."))
    persoon = services.jeugdige_vinden(
        services.JeugdigeInvoer(
            bsn=w.get("bsn", ""),
            geboortedatum=geboortedatum,
            achternaam=w["achternaam"],
            voornamen=w.get("voornamen", ""),
        ),
        gemeente=gemeente,
        vanaf=ingangsdatum,
    )
    invoer: dict[str, Any] = {
        "aanbieder": aanbieder,
        "productcategorie": w.get("productcategorie", ""),
        "productcode": w.get("productcode", ""),
        "ingangsdatum": ingangsdatum,
        "einddatum": _datum(w, "einddatum"),
        "volume": _getal(w, "volume"),
        "eenheid": w.get("eenheid", ""),
        "frequentie": w.get("frequentie", ""),
        "verwijzer": w.get("verwijzer", ""),
        "aanmelddatum": _datum(w, "aanmelddatum"),
        "toewijzingnummer": nummer,
    }
    traject, veranderd = services.traject_toewijzen(
        by=actor, jeugdige=persoon, gemeente=gemeente, invoer=services.ToewijzingInvoer(**invoer), bron=Bron.CSV
    )
    return importer.Verwerkt(regel, "toegewezen" if veranderd else "bestond_al", str(traject.uuid))
