"""Every write of the monitor: the population import, an entered baseline, a recomputation on
demand (logged as a `Berekening` with who asked), and the yearly report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import importer
from jeugdketen.core.access import Actor
from jeugdketen.organisaties.models import Gemeente, Regio

from . import berekening, rapport
from .indicatoren import PER_CODE
from .models import REGIO, Aanleiding, Basiswaarde, Berekening, Bevolking, Jaarrapport, Leeftijdsklasse

KOLOMMEN = ("gemeente", "jaar", "leeftijd", "aantal", "bron")
VERPLICHT = ("gemeente", "jaar", "leeftijd", "aantal")


def _getal(tekst: str, veld: str) -> int:
    try:
        waarde = int(tekst.replace(".", "").replace(" ", ""))
    except ValueError:
        raise ValidationError(_("%(veld)s is geen geheel getal: '%(w)s'.") % {"veld": veld, "w": tekst[:20]}) from None
    if waarde < 0:
        # CBS marks unknown or confidential cells with negative sentinels (-99995, -99997).
        raise ValidationError(
            _("%(veld)s is onbekend of geheim bij het CBS (%(w)s); deze regel is overgeslagen.")
            % {"veld": veld, "w": waarde}
        )
    return waarde


def bevolking_importeren(*, data: bytes, regio: Regio, by: Actor) -> importer.Resultaat:
    """Population per municipality (CBS code GM0917 or 0917), year and band (0-11, 12-17, 18-22).
    Idempotent on (municipality, year, band): uploading the same file twice changes nothing."""
    rijen = importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=VERPLICHT)
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(regio=regio)}

    def verwerk(rij: importer.Rij) -> str:
        code = rij.waarden["gemeente"].upper()
        code = code if code.startswith("GM") else f"GM{code.zfill(4)}"
        gemeente = gemeenten.get(code)
        if gemeente is None:
            raise ValidationError(_("Gemeente %(c)s hoort niet bij deze regio.") % {"c": code[:8]})
        jaar = _getal(rij.waarden["jaar"], _("Jaar"))
        if not 1990 <= jaar <= 2100:
            raise ValidationError(_("Het jaar %(j)s ligt buiten 1990 tot 2100.") % {"j": jaar})
        band = rij.waarden["leeftijd"].replace(" ", "")
        if band not in Leeftijdsklasse.values:
            raise ValidationError(
                _("Onbekende leeftijdsklasse '%(b)s'; gebruik %(k)s.")
                % {"b": band[:10], "k": ", ".join(Leeftijdsklasse.values)}
            )
        aantal = _getal(rij.waarden["aantal"], _("Aantal"))
        bron = (rij.waarden.get("bron") or "CBS")[:200]
        _obj, gemaakt = Bevolking.objects.update_or_create(
            gemeente=gemeente, jaar=jaar, leeftijd=band, defaults={"aantal": aantal, "bron": bron}
        )
        return "nieuw" if gemaakt else "bijgewerkt"

    return importer.uitvoeren(rijen, verwerk)


def basiswaarde_opslaan(
    *,
    regio: Regio,
    indicator: str,
    gebied: str,
    waarde: float,
    teller: float | None,
    noemer: float | None,
    bron: str,
    by: Actor,
) -> Basiswaarde:
    if indicator not in PER_CODE:
        raise ValidationError({"indicator": _("Onbekende indicator.")})
    if gebied != REGIO and not Gemeente.objects.filter(regio=regio, cbs_code=gebied).exists():
        raise ValidationError({"gebied": _("Kies de regio of een gemeente van de regio.")})
    if not bron.strip():
        raise ValidationError({"bron": _("Zeg waar het cijfer vandaan komt.")})
    obj, _gemaakt = Basiswaarde.objects.update_or_create(
        regio=regio,
        indicator=indicator,
        gebied=gebied,
        defaults={
            "waarde": waarde,
            "teller": teller,
            "noemer": noemer,
            "bron": bron.strip(),
            "ingevoerd_door_id": by.user_pk,
        },
    )
    return obj


def herberekenen(*, regio: Regio, by: Actor) -> Berekening:
    """Policy staff refresh the figures now; the run is logged with who asked."""
    return berekening.bereken(regio, aanleiding=Aanleiding.OP_VERZOEK, door=by)


@transaction.atomic
def jaarrapport_maken(*, regio: Regio, jaar: int) -> Jaarrapport:
    pdf = rapport.pdf(regio, jaar)
    obj, _gemaakt = Jaarrapport.objects.update_or_create(
        regio=regio, jaar=jaar, defaults={"pdf": pdf, "gemaakt_op": timezone.now()}
    )
    return obj


def jaarrapporten_maken() -> int:
    """Scheduled: every region's report of last year and of this year so far."""
    jaar = timezone.localdate().year
    n = 0
    for regio in Regio.objects.order_by("pk"):
        for j in (jaar - 1, jaar):
            jaarrapport_maken(regio=regio, jaar=j)
            n += 1
    return n
