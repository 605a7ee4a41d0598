"""CSV upload for smaller organisations: every row validated, good rows applied one by one (each in
its own transaction), bad rows reported with line number and reason. Registering is idempotent,
so the same file uploaded twice registers nothing twice."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor, Geweigerd, fetch, visible
from jeugdketen.core.models import Actie
from jeugdketen.organisaties.models import Gebruiker

from . import logevents
from .models import REDENEN_MELDER, Bron, Melding
from .services import Identificatie, meldende_organisatie, melding_registreren, melding_verwijderen

KOLOMMEN = ("bsn", "geboortedatum", "achternaam", "geslacht", "actie", "reden")
MAX_REGELS = 5000


@dataclass
class Regel:
    regel: int
    uitkomst: str  # "gemeld", "bestond_al", "verwijderd", "fout"
    melding: str = ""


@dataclass
class CsvResultaat:
    regels: list[Regel] = field(default_factory=list)
    fouten: list[tuple[int, str]] = field(default_factory=list)

    def aantal(self, uitkomst: str) -> int:
        return sum(1 for r in self.regels if r.uitkomst == uitkomst)


def _datum(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(
        _("De geboortedatum '%(d)s' is geen datum. Schrijf bijvoorbeeld 2012-03-31.") % {"d": value[:20]}
    )


def _tekst(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Het bestand is geen tekstbestand (CSV)."))


def verwerken(*, actor: Actor, melder: Gebruiker, data: bytes) -> CsvResultaat:
    """Process an uploaded file. Raises ValidationError only when the file as a whole is unusable."""
    meldende_organisatie(actor)
    tekst = _tekst(data)
    try:
        dialect = csv.Sniffer().sniff(tekst[:2048], delimiters=",;\t")
    except csv.Error:
        # A subclass: setting the attribute on csv.excel itself would change it for the process.
        delimiter = ";" if tekst.count(";") > tekst.count(",") else ","
        dialect = type("Gok", (csv.excel,), {"delimiter": delimiter})
    reader = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    kop = [k.strip().lower() for k in (reader.fieldnames or [])]
    if "bsn" not in kop or "geboortedatum" not in kop:
        raise ValidationError(_("De eerste regel moet de kolomnamen bevatten, in elk geval 'bsn' en 'geboortedatum'."))
    onbekend = [k for k in kop if k not in KOLOMMEN]
    if onbekend:
        raise ValidationError(
            _("Onbekende kolom: %(k)s. Toegestaan zijn alleen: %(t)s.")
            % {"k": ", ".join(onbekend), "t": ", ".join(KOLOMMEN)}
        )
    reader.fieldnames = kop
    resultaat = CsvResultaat()
    for index, rij in enumerate(reader):
        regelnummer = index + 2  # line 1 is the header
        if index >= MAX_REGELS:
            resultaat.fouten.append((regelnummer, _("Te veel regels: maximaal %(n)s per bestand.") % {"n": MAX_REGELS}))
            break
        if None in rij:
            resultaat.fouten.append((regelnummer, _("Deze regel heeft meer kolommen dan de kop.")))
            continue
        waarden = {k: (v or "").strip() for k, v in rij.items()}
        if not any(waarden.values()):
            continue
        try:
            resultaat.regels.append(_regel(actor, melder, regelnummer, waarden))
        except ValidationError as exc:
            resultaat.fouten.append((regelnummer, " ".join(exc.messages)))
        except Geweigerd:
            resultaat.fouten.append((regelnummer, _("Deze melding is niet (meer) van uw organisatie.")))
    return resultaat


def _regel(actor: Actor, melder: Gebruiker, regelnummer: int, w: dict[str, str]) -> Regel:
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
        return Regel(regelnummer, "gemeld" if reg.nieuw else "bestond_al", str(reg.melding.uuid))
    if actie == "verwijderen":
        reden = (w.get("reden") or "").lower()
        if reden not in REDENEN_MELDER:
            raise ValidationError(_("Vul bij 'reden' in: onterecht of risico_weg."))
        sleutel, _zonder = identificatie.sleutel()
        # Through the scope: only the own organisation's current registration of this youth.
        melding = visible(actor, Melding).filter(jongere__sleutel=sleutel).first()
        if melding is None:
            return Regel(regelnummer, "niet_gevonden")
        segment = logevents.verwijderd(reden)
        toegang = fetch(actor, Melding, uuid=melding.uuid, segment=segment, actie=Actie.DELETE)
        melding_verwijderen(actor=actor, toegang=toegang, reden=reden)
        return Regel(regelnummer, "verwijderd")
    raise ValidationError(_("Onbekende actie '%(a)s': gebruik melden of verwijderen.") % {"a": actie[:20]})
