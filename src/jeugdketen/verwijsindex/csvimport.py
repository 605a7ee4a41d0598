"""CSV upload for smaller organisations, run by core's row-import runner (core.importer): every
row validated, good rows applied one by one (each in its own transaction), bad rows reported with
line number and reason. Registering is idempotent, so the same file uploaded twice registers
nothing twice; removing what is no longer there reports "not found"."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core import importer
from jeugdketen.core.access import Actor, fetch, visible
from jeugdketen.core.models import Actie
from jeugdketen.organisaties.models import Gebruiker

from . import logevents
from .models import REDENEN_MELDER, Bron, Melding
from .services import Identificatie, meldende_organisatie, melding_registreren, melding_verwijderen

KOLOMMEN = ("bsn", "geboortedatum", "achternaam", "geslacht", "actie", "reden")
VERPLICHT = ("bsn", "geboortedatum")
# The columns with free text, with the limit of the form and API field of the same name.
LENGTES = {"bsn": 20, "achternaam": 120, "geslacht": 20, "actie": 20, "reden": 40}
MAX_REGELS = importer.MAX_REGELS


def _datum(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(
        _("De geboortedatum '%(d)s' is geen datum. Schrijf bijvoorbeeld 2012-03-31.") % {"d": value[:20]}
    )


def verwerken(*, actor: Actor, melder: Gebruiker, data: bytes) -> importer.Resultaat:
    """Process an uploaded file. Raises ValidationError only when the file as a whole is unusable."""
    meldende_organisatie(actor)
    rijen = importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=VERPLICHT, max_regels=MAX_REGELS, lengtes=LENGTES)
    return importer.uitvoeren(
        rijen,
        lambda rij: _regel(actor, melder, rij),
        geweigerd=_("Deze melding is niet (meer) van uw organisatie."),
    )


def _regel(actor: Actor, melder: Gebruiker, rij: importer.Rij) -> importer.Verwerkt:
    w = rij.waarden
    if not w.get("geboortedatum"):
        raise ValidationError(_("Vul de geboortedatum in."))
    identificatie = Identificatie(
        geboortedatum=_datum(w["geboortedatum"]),
        bsn=w.get("bsn", ""),
        achternaam=w.get("achternaam", ""),
        geslacht=w.get("geslacht", "").lower()[:1],
    )
    actie = (w.get("actie") or "melden").lower()
    if actie == "melden":
        reg = melding_registreren(actor=actor, identificatie=identificatie, melder=melder, bron=Bron.CSV)
        return importer.Verwerkt(rij.regel, "gemeld" if reg.nieuw else "bestond_al", str(reg.melding.uuid))
    if actie == "verwijderen":
        reden = (w.get("reden") or "").lower()
        if reden not in REDENEN_MELDER:
            raise ValidationError(_("Vul bij 'reden' in: onterecht of risico_weg."))
        sleutel, _zonder = identificatie.sleutel()
        # Through the scope: only the own organisation's current registration of this youth.
        melding = visible(actor, Melding).filter(jongere__sleutel=sleutel).first()
        if melding is None:
            return importer.Verwerkt(rij.regel, "niet_gevonden")
        segment = logevents.verwijderd(reden)
        toegang = fetch(actor, Melding, uuid=melding.uuid, segment=segment, actie=Actie.DELETE)
        melding_verwijderen(actor=actor, toegang=toegang, reden=reden)
        return importer.Verwerkt(rij.regel, "verwijderd", str(melding.uuid))
    raise ValidationError(_("Onbekende actie '%(a)s': gebruik melden of verwijderen.") % {"a": actie[:20]})
