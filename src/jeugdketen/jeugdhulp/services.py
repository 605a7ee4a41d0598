"""Every write of jeugdhulp: typed, keyword-only, one transaction, permission-checked, logged.

The pages, the CSV file, the API and the iJw messages all come here, so a rule holds whichever
way the data arrives. A broken iJw rule is a `Regelfout`: a plain-Dutch ValidationError that also
carries the iJw retourcode (WJ001) the return message reports. Someone who may not do an action
is refused through `core.access.refuse` (logged, and answered as 404).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, refuse
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen.models import Gezinslid, LidSoort
from jeugdketen.organisaties.models import Gemeente, Organisatie
from jeugdketen.organisaties.selectors import person_of
from jeugdketen.personen import services as personen
from jeugdketen.personen.models import Jeugdige

from . import ijw, retour, selectors
from .codes import (
    HULPVORM_VAN_CATEGORIE,
    MACHTIGINGEN,
    MET_VERBLIJF,
    Bron,
    Eenheid,
    Frequentie,
    MaatregelSoort,
    Productcategorie,
    RedenBeeindiging,
    RedenWijziging,
    StatusAanlevering,
    ThuiszitterSoort,
    Verwijzer,
)
from .logevents import Grondslag, ObjectType, Segment
from .models import (
    MAX_TOEWIJZINGNUMMER,
    Beschikking,
    Levering,
    Maatregel,
    Ontvangst,
    OntvangstStatus,
    Productcode,
    Thuiszitter,
    Traject,
    Verlenging,
    Zorgaanbieder,
)

RELATIEF_VERZUIM_DAGEN = 28  # "more than 4 weeks" (DOMAIN.md; Leerplichtwet art. 21a)


class Regelfout(ValidationError):
    """A broken rule, in plain Dutch, with the iJw retourcode (WJ001) that reports it."""

    def __init__(self, message: str, *, retourcode: str) -> None:
        super().__init__(message, code=f"ijw_{retourcode}")
        self.retourcode = retourcode


@dataclass(frozen=True)
class JeugdigeInvoer:
    bsn: str
    geboortedatum: dt.date
    achternaam: str
    voornamen: str = ""
    voorvoegsel: str = ""
    geslacht: str = "0"


@dataclass(frozen=True)
class ToewijzingInvoer:
    aanbieder: Organisatie
    productcategorie: str
    ingangsdatum: dt.date
    productcode: str = ""
    einddatum: dt.date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None
    verwijzer: str = ""
    aanmelddatum: dt.date | None = None
    toewijzingnummer: int | None = None  # None: the next free number of the municipality
    toegewezen_op: dt.datetime | None = None
    reden_wijziging: str = ""


def _log(by: Actor, obj: Any, *, actie: str, segment: str, grondslag: str) -> None:
    """One access-log entry for a write on `obj` (its kind names the object type)."""
    log_access(
        by,
        actie=actie,
        object_type=_OBJECT_TYPE[type(obj).__name__],
        object_id=str(obj.uuid),
        segment=segment,
        client_id=selectors.client_id(obj),
        grondslag=grondslag,
    )


_OBJECT_TYPE = {
    "Traject": ObjectType.TRAJECT,
    "Beschikking": ObjectType.BESCHIKKING,
    "Maatregel": ObjectType.MAATREGEL,
    "Thuiszitter": ObjectType.THUISZITTER,
    "Ontvangst": ObjectType.ONTVANGST,
}


def _datum(value: dt.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def jeugdige_vinden(invoer: JeugdigeInvoer, *, gemeente: Gemeente | None, vanaf: dt.date) -> Jeugdige:
    """The one person record of this youth (created when new, docs/decisions/0008)."""
    return personen.jeugdige_vastleggen(
        bsn=invoer.bsn,
        geboortedatum=invoer.geboortedatum,
        achternaam=invoer.achternaam,
        voornamen=invoer.voornamen,
        voorvoegsel=invoer.voorvoegsel,
        geslacht=invoer.geslacht,
        gemeente=gemeente,
        vanaf=vanaf,
    )


# --- Assignments (toewijzingen) ------------------------------------------------------------


def _product(categorie: str, code: str) -> tuple[str, bool | None]:
    """(kind of help, small-scale) for a product; a code outside its category is iJw TR381."""
    if categorie not in Productcategorie.values:
        raise Regelfout(
            _("Productcategorie %(c)s bestaat niet in de iJw-codelijst JZ020.") % {"c": categorie[:4]},
            retourcode="0001",
        )
    if not code:
        return HULPVORM_VAN_CATEGORIE.get(categorie) or "", None
    product = Productcode.objects.filter(code=code).first()
    if product is None or product.categorie != categorie:
        raise Regelfout(
            _("Productcode %(code)s hoort niet bij productcategorie %(cat)s in de productenlijst van de regio.")
            % {"code": code[:5], "cat": categorie},
            retourcode="S329",
        )
    hulpvorm = product.hulpvorm or HULPVORM_VAN_CATEGORIE.get(categorie) or ""
    return hulpvorm, (product.kleinschalig if hulpvorm in MET_VERBLIJF else None)


def _check_toewijzing(invoer: ToewijzingInvoer) -> None:
    errors: dict[str, list[str]] = {}
    if invoer.einddatum is not None and invoer.einddatum < invoer.ingangsdatum:
        errors["einddatum"] = [_("De einddatum ligt voor de ingangsdatum. Kies een latere einddatum.")]
    omvang = (invoer.volume is not None, bool(invoer.eenheid), bool(invoer.frequentie))
    if any(omvang) and not all(omvang):
        errors["volume"] = [_("Vul de omvang helemaal in (hoeveel, eenheid en frequentie) of laat hem leeg.")]
    if invoer.volume is not None and invoer.budget is not None:
        errors["budget"] = [_("Geef een omvang of een budget, niet allebei.")]
    if invoer.productcode and invoer.volume is None:
        errors["volume"] = [_("Bij een productcode hoort een omvang (hoeveel, eenheid en frequentie).")]
    if invoer.eenheid and invoer.eenheid not in Eenheid.values:
        errors["eenheid"] = [_("Kies een eenheid uit de lijst.")]
    if invoer.frequentie and invoer.frequentie not in Frequentie.values:
        errors["frequentie"] = [_("Kies een frequentie uit de lijst.")]
    if invoer.verwijzer and invoer.verwijzer not in Verwijzer.values:
        errors["verwijzer"] = [_("Kies een verwijzer uit de lijst.")]
    if invoer.reden_wijziging and invoer.reden_wijziging not in RedenWijziging.values:
        errors["reden_wijziging"] = [_("Deze reden van wijziging bestaat niet (iJw-codelijst JZ002).")]
    if invoer.reden_wijziging == RedenWijziging.VERWIJDERD and invoer.einddatum != invoer.ingangsdatum:
        errors["einddatum"] = [_("Een verwijderde toewijzing heeft dezelfde begin- en einddatum.")]
    if invoer.aanmelddatum is not None and invoer.aanmelddatum > invoer.ingangsdatum:
        errors["aanmelddatum"] = [_("De aanmelding ligt na de ingangsdatum. Controleer de datums.")]
    if invoer.toewijzingnummer is not None and not 0 < invoer.toewijzingnummer <= MAX_TOEWIJZINGNUMMER:
        errors["toewijzingnummer"] = [_("Een toewijzingnummer heeft 1 tot 9 cijfers.")]
    if not Zorgaanbieder.objects.filter(organisatie=invoer.aanbieder).exists():
        errors["aanbieder"] = [_("Deze organisatie heeft geen AGB-code en kan geen toewijzing krijgen.")]
    if errors:
        raise ValidationError(errors)


def _mag_toewijzen(by: Actor, gemeente: Gemeente) -> None:
    if not selectors.gemeenten_van(by).filter(pk=gemeente.pk).exists():
        refuse(by, object_type=ObjectType.TRAJECT, segment=Segment.DETAIL, actie=Actie.CREATE)


def _volgend_nummer(gemeente: Gemeente) -> int:
    hoogste = Traject.objects.filter(gemeente=gemeente).aggregate(n=Max("toewijzingnummer"))["n"] or 0
    return int(hoogste) + 1


def traject_toewijzen(
    *,
    by: Actor,
    jeugdige: Jeugdige,
    gemeente: Gemeente,
    invoer: ToewijzingInvoer,
    bron: str = Bron.PAGINA,
    beschikking: Beschikking | None = None,
) -> tuple[Traject, bool]:
    """The municipality assigns a product to a provider (JW301 ToegewezenProduct).

    Returns (trajectory, changed). A known assignment number of the same youth and provider is a
    change of that assignment (OP033x1; the most recent assignment time wins, and the same
    assignment again changes nothing); of another youth or provider it is iJw TR332."""
    _mag_toewijzen(by, gemeente)
    _check_toewijzing(invoer)
    hulpvorm, kleinschalig = _product(invoer.productcategorie, invoer.productcode)
    toegewezen_op = invoer.toegewezen_op or timezone.now()
    values = {
        "aanbieder": invoer.aanbieder,
        "productcategorie": invoer.productcategorie,
        "productcode": invoer.productcode,
        "hulpvorm": hulpvorm,
        "kleinschalig": kleinschalig,
        "ingangsdatum": invoer.ingangsdatum,
        "einddatum": invoer.einddatum,
        "reden_wijziging": invoer.reden_wijziging,
        "volume": invoer.volume,
        "eenheid": invoer.eenheid,
        "frequentie": invoer.frequentie,
        "budget": invoer.budget,
    }
    with transaction.atomic():
        if invoer.toewijzingnummer is not None:
            bestaand = (
                Traject.objects.select_for_update()
                .filter(gemeente=gemeente, toewijzingnummer=invoer.toewijzingnummer)
                .first()
            )
            if bestaand is not None:
                return _toewijzing_wijzigen(by, bestaand, jeugdige, values, toegewezen_op)
        for _attempt in range(3):
            nummer = invoer.toewijzingnummer or _volgend_nummer(gemeente)
            try:
                with transaction.atomic():
                    traject = Traject.objects.create(
                        jeugdige=jeugdige,
                        gemeente=gemeente,
                        beschikking=beschikking,
                        toewijzingnummer=nummer,
                        verwijzer=invoer.verwijzer,
                        toegewezen_op=toegewezen_op,
                        aanmelddatum=invoer.aanmelddatum,
                        bron=bron,
                        **values,
                    )
                break
            except IntegrityError:
                if invoer.toewijzingnummer is not None:
                    raise Regelfout(
                        _("Toewijzingnummer %(n)s is al gebruikt in deze gemeente.") % {"n": nummer}, retourcode="9332"
                    ) from None
        else:  # pragma: no cover - three concurrent assignments in a row
            raise ValidationError(_("Het lukte niet een toewijzingnummer te kiezen. Probeer het opnieuw."))
        _log(by, traject, actie=Actie.CREATE, segment=Segment.DETAIL, grondslag=Grondslag.TOEGANG)
    return traject, True


def _toewijzing_wijzigen(
    by: Actor, traject: Traject, jeugdige: Jeugdige, values: dict[str, Any], toegewezen_op: dt.datetime
) -> tuple[Traject, bool]:
    if traject.jeugdige_id != jeugdige.pk or traject.aanbieder_id != values["aanbieder"].pk:
        raise Regelfout(
            _("Toewijzingnummer %(n)s is in deze gemeente al gebruikt voor een andere jeugdige of aanbieder.")
            % {"n": traject.toewijzingnummer},
            retourcode="9332",
        )
    if toegewezen_op < traject.toegewezen_op:
        return traject, False  # an older version of the assignment: the newer one stays (OP033x1)
    changed = [f for f, v in values.items() if getattr(traject, f) != v]
    if traject.begindatum is not None and values["ingangsdatum"] > traject.begindatum:
        raise Regelfout(
            _("De zorg is al gestart op %(d)s; de toewijzing kan niet later ingaan.")
            % {"d": _datum(traject.begindatum)},
            retourcode="0001",
        )
    if not changed:
        return traject, False
    for field in changed:
        setattr(traject, field, values[field])
    traject.toegewezen_op = toegewezen_op
    traject.save(update_fields=[*changed, "toegewezen_op", "gewijzigd"])
    _log(by, traject, actie=Actie.UPDATE, segment=Segment.DETAIL, grondslag=Grondslag.TOEGANG)
    return traject, True


@transaction.atomic
def beschikking_nemen(
    *,
    by: Actor,
    jeugdige: JeugdigeInvoer,
    gemeente: Gemeente,
    besluitdatum: dt.date,
    toelichting: str,
    toewijzing: ToewijzingInvoer,
) -> Beschikking:
    """The access team decides that the youth gets this help (Jeugdwet art. 2.3): the decision,
    its assignment to the provider, and the letter in the family's portal (with an outbox notice)."""
    _mag_toewijzen(by, gemeente)
    errors: dict[str, list[str]] = {}
    if besluitdatum > kalender.vandaag():
        errors["besluitdatum"] = [_("De datum van het besluit ligt in de toekomst.")]
    if not toelichting.strip():
        errors["toelichting"] = [_("Schrijf in gewone woorden waarom het gezin deze hulp krijgt.")]
    if errors:
        raise ValidationError(errors)
    persoon = jeugdige_vinden(jeugdige, gemeente=gemeente, vanaf=besluitdatum)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    beschikking = Beschikking.objects.create(
        jeugdige=persoon,
        gemeente=gemeente,
        organisatie=organisatie,
        besluitdatum=besluitdatum,
        toelichting=toelichting.strip(),
        besloten_door=person_of(by),
    )
    traject_toewijzen(
        by=by, jeugdige=persoon, gemeente=gemeente, invoer=toewijzing, bron=Bron.PAGINA, beschikking=beschikking
    )
    _log(by, beschikking, actie=Actie.CREATE, segment=Segment.BRIEF, grondslag=Grondslag.TOEGANG)
    link = reverse("jeugdhulp:mijn")
    for user in _ontvangers_brief(persoon):
        notify(
            ontvanger=user,
            soort="jeugdhulp_beschikking",
            titel=_("Er is een besluit over jeugdhulp. U vindt de brief in Jeugdketen."),
            link=link,
            dedupe_key=f"jeugdhulp-beschikking:{beschikking.uuid}",
        )
    return beschikking


def _ontvangers_brief(persoon: Jeugdige) -> list[Any]:
    """Who is told about a decision: parents with authority while the youth is under 16, the
    youth from 12 (SECURITY B4) — those who have a login."""
    today = kalender.vandaag()
    leden = Gezinslid.objects.filter(gezin__leden__persoon=persoon, gebruiker__isnull=False).select_related("gebruiker")
    leeftijd = kalender.leeftijd(persoon.geboortedatum, today)
    zelf = leeftijd >= regels.ZELF_ZIEN_VANAF
    ouders = leeftijd < selectors.OUDERS_ZIEN_TOT
    users = [
        lid.gebruiker
        for lid in leden.distinct()
        if (lid.persoon_id == persoon.pk and zelf) or (lid.soort != LidSoort.JEUGDIGE and lid.gezag and ouders)
    ]
    return [u for u in users if u is not None and u.is_active]


# --- Care actually given: start and stop (JW305/JW307) -------------------------------------


def _mag_leveren(by: Actor, traject: Traject, segment: str = Segment.LEVERING) -> None:
    if str(traject.aanbieder.uuid) != by.organisatie_id or not selectors.is_professional(by):
        refuse(by, object_type=ObjectType.TRAJECT, object_id=str(traject.uuid), segment=segment, actie=Actie.UPDATE)


def _bijwerken(traject: Traject) -> None:
    """Keep the trajectory's first start and definitive stop in step with its deliveries."""
    leveringen = list(Levering.objects.filter(traject=traject).order_by("begindatum"))
    traject.begindatum = leveringen[0].begindatum if leveringen else None
    laatste = leveringen[-1] if leveringen else None
    if (
        laatste is not None
        and laatste.einddatum is not None
        and laatste.reden_beeindiging != RedenBeeindiging.TIJDELIJK
    ):
        traject.einddatum_zorg, traject.reden_beeindiging = laatste.einddatum, laatste.reden_beeindiging
    else:
        traject.einddatum_zorg, traject.reden_beeindiging = None, ""
    traject.save(update_fields=["begindatum", "einddatum_zorg", "reden_beeindiging", "gewijzigd"])


def _past_bij_toewijzing(traject: Traject, begindatum: dt.date) -> None:
    if traject.is_verwijderd:
        raise Regelfout(_("Deze toewijzing is door de gemeente verwijderd."), retourcode="9019")
    if begindatum < traject.ingangsdatum:
        raise Regelfout(
            _("De start (%(s)s) ligt voor het begin van de toewijzing (%(t)s).")
            % {"s": _datum(begindatum), "t": _datum(traject.ingangsdatum)},
            retourcode="9019",
        )
    if traject.einddatum is not None and begindatum > traject.einddatum:
        raise Regelfout(
            _("De start (%(s)s) ligt na het einde van de toewijzing (%(t)s).")
            % {"s": _datum(begindatum), "t": _datum(traject.einddatum)},
            retourcode="9019",
        )


@transaction.atomic
def levering_starten(
    *, by: Actor, traject: Traject, begindatum: dt.date, intakedatum: dt.date | None = None, bron: str = Bron.PAGINA
) -> Levering:
    """The provider reports that care has started (JW305 StartProduct, status 1)."""
    _mag_leveren(by, traject)
    traject = Traject.objects.select_for_update().select_related("aanbieder", "jeugdige").get(pk=traject.pk)
    _past_bij_toewijzing(traject, begindatum)
    if begindatum > kalender.vandaag():
        raise Regelfout(
            _("De start ligt in de toekomst. Meld een start pas als de hulp begonnen is."), retourcode="0001"
        )
    if Levering.objects.filter(traject=traject, begindatum=begindatum).exists():
        raise Regelfout(_("Deze start is al eerder gemeld."), retourcode="9074")
    if Levering.objects.filter(traject=traject, einddatum__isnull=True).exists():
        raise Regelfout(
            _("De hulp bij deze toewijzing loopt al. Meld eerst een stop voordat u een nieuwe start meldt."),
            retourcode="9326",
        )
    if Levering.objects.filter(traject=traject, einddatum__gte=begindatum).exists():
        raise Regelfout(_("Deze start ligt voor het einde van een eerdere periode van hulp."), retourcode="9326")
    if intakedatum is not None:
        wachttijd_vastleggen(by=by, traject=traject, intakedatum=intakedatum, begindatum=begindatum)
    levering = Levering.objects.create(traject=traject, begindatum=begindatum)
    _bijwerken(traject)
    _log(by, traject, actie=Actie.UPDATE, segment=Segment.LEVERING, grondslag=Grondslag.AANBIEDER)
    return levering


@transaction.atomic
def start_verwijderen(*, by: Actor, traject: Traject, begindatum: dt.date) -> None:
    """JW305 with status 3: the earlier start is withdrawn (TR063, TR071)."""
    _mag_leveren(by, traject)
    levering = Levering.objects.select_for_update().filter(traject=traject, begindatum=begindatum).first()
    if levering is None:
        raise Regelfout(_("Er is geen start op deze datum om te verwijderen."), retourcode="9063")
    if levering.einddatum is not None:
        raise Regelfout(_("Deze start kan niet meer weg: de hulp is al gestopt."), retourcode="9071")
    levering.delete()
    _bijwerken(traject)
    _log(by, traject, actie=Actie.DELETE, segment=Segment.LEVERING, grondslag=Grondslag.AANBIEDER)


@transaction.atomic
def levering_stoppen(
    *,
    by: Actor,
    traject: Traject,
    begindatum: dt.date,
    einddatum: dt.date,
    reden: str,
    bron: str = Bron.PAGINA,
) -> Levering:
    """The provider reports that care has stopped (JW307 StopProduct, status 1). The stop refers
    to its start by the start date (TR382); a temporary stop (20) may be followed by a definitive
    one with a later or equal end date (TR413, TR414, TR415)."""
    _mag_leveren(by, traject)
    if reden not in RedenBeeindiging.values:
        raise Regelfout(_("Kies een reden van stoppen uit de lijst."), retourcode="0001")
    if einddatum < begindatum:
        raise Regelfout(
            _("Het einde (%(e)s) ligt voor de start (%(s)s).") % {"e": _datum(einddatum), "s": _datum(begindatum)},
            retourcode="0001",
        )
    if einddatum > kalender.vandaag():
        raise Regelfout(_("Het einde ligt in de toekomst. Meld een stop als de hulp gestopt is."), retourcode="0001")
    levering = Levering.objects.select_for_update().filter(traject=traject, begindatum=begindatum).first()
    if levering is None:
        raise Regelfout(
            _("Er is geen start op %(s)s bij deze toewijzing. Een stop hoort bij een gemelde start.")
            % {"s": _datum(begindatum)},
            retourcode="9069",
        )
    if levering.einddatum is not None:
        if levering.einddatum == einddatum and levering.reden_beeindiging == reden:
            raise Regelfout(_("Deze stop is al eerder gemeld."), retourcode="9074")
        if levering.reden_beeindiging != RedenBeeindiging.TIJDELIJK:
            raise Regelfout(_("Deze hulp is al definitief gestopt."), retourcode="9415")
        if reden == RedenBeeindiging.TIJDELIJK:
            raise Regelfout(_("Deze hulp is al tijdelijk gestopt."), retourcode="9413")
        if einddatum < levering.einddatum:
            raise Regelfout(
                _("Het definitieve einde ligt voor het tijdelijke einde (%(e)s).") % {"e": _datum(levering.einddatum)},
                retourcode="9414",
            )
    levering.einddatum, levering.reden_beeindiging = einddatum, reden
    levering.save(update_fields=["einddatum", "reden_beeindiging"])
    _bijwerken(traject)
    _log(by, traject, actie=Actie.UPDATE, segment=Segment.LEVERING, grondslag=Grondslag.AANBIEDER)
    return levering


@transaction.atomic
def stop_verwijderen(*, by: Actor, traject: Traject, begindatum: dt.date) -> None:
    """JW307 with status 3: the earlier stop is withdrawn; the care runs again (TR063)."""
    _mag_leveren(by, traject)
    levering = Levering.objects.select_for_update().filter(traject=traject, begindatum=begindatum).first()
    if levering is None or levering.einddatum is None:
        raise Regelfout(_("Er is geen stop bij deze start om te verwijderen."), retourcode="9063")
    if Levering.objects.filter(traject=traject, begindatum__gt=begindatum).exists():
        raise Regelfout(_("Na deze stop is de hulp opnieuw gestart; de stop kan niet meer weg."), retourcode="9063")
    levering.einddatum, levering.reden_beeindiging = None, ""
    levering.save(update_fields=["einddatum", "reden_beeindiging"])
    _bijwerken(traject)
    _log(by, traject, actie=Actie.DELETE, segment=Segment.LEVERING, grondslag=Grondslag.AANBIEDER)


def wachttijd_vastleggen(
    *,
    by: Actor,
    traject: Traject,
    aanmelddatum: dt.date | None = None,
    intakedatum: dt.date | None = None,
    begindatum: dt.date | None = None,
) -> Traject:
    """Record the request and intake dates that the waiting time (Treeknorm) is measured on."""
    _mag_leveren(by, traject, Segment.WACHTTIJD)
    aanmelding = aanmelddatum or traject.aanmelddatum
    intake = intakedatum or traject.intakedatum
    start = begindatum or traject.begindatum
    errors: dict[str, list[str]] = {}
    if aanmelding and intake and intake < aanmelding:
        errors["intakedatum"] = [_("De intake ligt voor de aanmelding. Controleer de datums.")]
    if intake and start and start < intake:
        errors["intakedatum"] = [_("De intake ligt na de start van de hulp. Controleer de datums.")]
    if intake and intake > kalender.vandaag():
        errors["intakedatum"] = [_("De intake ligt in de toekomst.")]
    if errors:
        raise ValidationError(errors)
    traject.aanmelddatum, traject.intakedatum = aanmelding, intake
    traject.save(update_fields=["aanmelddatum", "intakedatum", "gewijzigd"])
    _log(by, traject, actie=Actie.UPDATE, segment=Segment.WACHTTIJD, grondslag=Grondslag.AANBIEDER)
    return traject


# --- Youth-protection measures ---------------------------------------------------------------


@transaction.atomic
def maatregel_vastleggen(
    *,
    by: Actor,
    jeugdige: JeugdigeInvoer,
    gemeente: Gemeente,
    soort: str,
    uitspraakdatum: dt.date,
    ingangsdatum: dt.date,
    einddatum: dt.date | None,
    voorwaardelijk: bool = False,
    bron: str = Bron.PAGINA,
) -> Maatregel:
    """The GI records a measure it carries out (the court's decision: date, start, end)."""
    if not selectors.is_gi(by):
        refuse(by, object_type=ObjectType.MAATREGEL, segment=Segment.DETAIL, actie=Actie.CREATE)
    errors: dict[str, list[str]] = {}
    if soort not in MaatregelSoort.values:
        errors["soort"] = [_("Kies een soort maatregel uit de lijst.")]
    if voorwaardelijk and soort not in MACHTIGINGEN:
        errors["voorwaardelijk"] = [_("Alleen een machtiging gesloten jeugdhulp kan voorwaardelijk zijn.")]
    if ingangsdatum < uitspraakdatum:
        errors["ingangsdatum"] = [_("De maatregel kan niet ingaan voor de uitspraak.")]
    if uitspraakdatum > kalender.vandaag():
        errors["uitspraakdatum"] = [_("De uitspraak ligt in de toekomst.")]
    if einddatum is not None and einddatum < ingangsdatum:
        errors["einddatum"] = [_("De einddatum ligt voor de ingangsdatum.")]
    if einddatum is None and soort not in (MaatregelSoort.VOOGDIJ, MaatregelSoort.VOORLOPIGE_VOOGDIJ):
        errors["einddatum"] = [_("Vul in tot wanneer de maatregel loopt. Alleen voogdij loopt tot 18 jaar.")]
    if errors:
        raise ValidationError(errors)
    persoon = jeugdige_vinden(jeugdige, gemeente=gemeente, vanaf=ingangsdatum)
    maatregel = Maatregel.objects.create(
        jeugdige=persoon,
        gemeente=gemeente,
        gi=Organisatie.objects.get(uuid=by.organisatie_id),
        soort=soort,
        voorwaardelijk=voorwaardelijk,
        uitspraakdatum=uitspraakdatum,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        bron=bron,
    )
    _log(by, maatregel, actie=Actie.CREATE, segment=Segment.DETAIL, grondslag=Grondslag.GI)
    return maatregel


def _mag_maatregel(by: Actor, maatregel: Maatregel) -> None:
    if not selectors.is_gi(by) or str(maatregel.gi.uuid) != by.organisatie_id:
        refuse(by, object_type=ObjectType.MAATREGEL, object_id=str(maatregel.uuid), segment=Segment.VERLENGING)


@transaction.atomic
def maatregel_verlengen(*, by: Actor, maatregel: Maatregel, uitspraakdatum: dt.date, tot: dt.date) -> Verlenging:
    _mag_maatregel(by, maatregel)
    if maatregel.beeindigd_op is not None:
        raise ValidationError({"tot": [_("Deze maatregel is beëindigd en kan niet meer worden verlengd.")]})
    if maatregel.einddatum is None or tot <= maatregel.einddatum:
        raise ValidationError({"tot": [_("Een verlenging loopt tot na de huidige einddatum.")]})
    if uitspraakdatum > kalender.vandaag():
        raise ValidationError({"uitspraakdatum": [_("De uitspraak ligt in de toekomst.")]})
    verlenging = Verlenging.objects.create(maatregel=maatregel, uitspraakdatum=uitspraakdatum, tot=tot)
    maatregel.einddatum = tot
    maatregel.save(update_fields=["einddatum"])
    _log(by, maatregel, actie=Actie.UPDATE, segment=Segment.VERLENGING, grondslag=Grondslag.GI)
    return verlenging


@transaction.atomic
def maatregel_beeindigen(*, by: Actor, maatregel: Maatregel, op: dt.date) -> Maatregel:
    _mag_maatregel(by, maatregel)
    if op < maatregel.ingangsdatum:
        raise ValidationError({"op": [_("De maatregel kan niet eindigen voor hij begon.")]})
    if op > kalender.vandaag():
        raise ValidationError({"op": [_("Deze datum ligt in de toekomst.")]})
    maatregel.beeindigd_op = op
    maatregel.save(update_fields=["beeindigd_op"])
    _log(by, maatregel, actie=Actie.UPDATE, segment=Segment.DETAIL, grondslag=Grondslag.GI)
    return maatregel


# --- Thuiszitters ----------------------------------------------------------------------------


@transaction.atomic
def thuiszitter_melden(
    *,
    by: Actor,
    jeugdige: JeugdigeInvoer,
    gemeente: Gemeente,
    soort: str,
    sinds: dt.date,
    school: Organisatie | None,
    passend_aanbod_sinds: dt.date | None = None,
    bron: str = Bron.PAGINA,
) -> Thuiszitter:
    """A school or leerplicht reports a youth out of school. A school reports its own pupils."""
    if not selectors.is_melder(by):
        refuse(by, object_type=ObjectType.THUISZITTER, segment=Segment.DETAIL, actie=Actie.CREATE)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    if organisatie.soort == "school":
        school = organisatie
    today = kalender.vandaag()
    errors: dict[str, list[str]] = {}
    if soort not in ThuiszitterSoort.values:
        errors["soort"] = [_("Kies wat er aan de hand is uit de lijst.")]
    if soort == ThuiszitterSoort.ABSOLUUT and school is not None:
        errors["soort"] = [
            _("Wie op een school staat ingeschreven, is geen absoluut verzuimer. Kies relatief verzuim.")
        ]
    if soort == ThuiszitterSoort.RELATIEF and school is None:
        errors["school"] = [_("Kies de school waar de jeugdige staat ingeschreven.")]
    if sinds > today:
        errors["sinds"] = [_("Deze datum ligt in de toekomst.")]
    elif soort == ThuiszitterSoort.RELATIEF and (today - sinds).days <= RELATIEF_VERZUIM_DAGEN:
        errors["sinds"] = [
            _("Een thuiszitter is meer dan 4 weken niet op school. Meld het verzuim eerst bij leerplicht.")
        ]
    if passend_aanbod_sinds is not None and passend_aanbod_sinds < sinds:
        errors["passend_aanbod_sinds"] = [_("Het aanbod kan niet starten voordat de jeugdige thuis kwam te zitten.")]
    if errors:
        raise ValidationError(errors)
    persoon = jeugdige_vinden(jeugdige, gemeente=gemeente, vanaf=sinds)
    if Thuiszitter.objects.filter(
        jeugdige=persoon, gemeld_door_organisatie=organisatie, afgesloten_op__isnull=True
    ).exists():
        raise ValidationError(_("Uw organisatie heeft deze jeugdige al gemeld. Werk die melding bij."))
    thuiszitter = Thuiszitter.objects.create(
        jeugdige=persoon,
        gemeente=gemeente,
        school=school,
        soort=soort,
        sinds=sinds,
        passend_aanbod_sinds=passend_aanbod_sinds,
        gemeld_door_organisatie=organisatie,
        gemeld_door=person_of(by),
        bron=bron,
    )
    _log(by, thuiszitter, actie=Actie.CREATE, segment=Segment.DETAIL, grondslag=Grondslag.LEERPLICHT)
    return thuiszitter


def _mag_thuiszitter(by: Actor, thuiszitter: Thuiszitter) -> None:
    if str(thuiszitter.gemeld_door_organisatie.uuid) != by.organisatie_id or not selectors.is_melder(by):
        refuse(by, object_type=ObjectType.THUISZITTER, object_id=str(thuiszitter.uuid), segment=Segment.AANBOD)


@transaction.atomic
def thuiszitter_bijwerken(
    *, by: Actor, thuiszitter: Thuiszitter, passend_aanbod_sinds: dt.date | None, afgesloten_op: dt.date | None
) -> Thuiszitter:
    """Record that a suitable offer is in place (since when), or that the youth is back at school."""
    _mag_thuiszitter(by, thuiszitter)
    errors: dict[str, list[str]] = {}
    for field, value in (("passend_aanbod_sinds", passend_aanbod_sinds), ("afgesloten_op", afgesloten_op)):
        if value is not None and value < thuiszitter.sinds:
            errors[field] = [_("Deze datum ligt voor de datum waarop de jeugdige thuis kwam te zitten.")]
        elif value is not None and value > kalender.vandaag():
            errors[field] = [_("Deze datum ligt in de toekomst.")]
    if errors:
        raise ValidationError(errors)
    thuiszitter.passend_aanbod_sinds = passend_aanbod_sinds
    thuiszitter.afgesloten_op = afgesloten_op
    thuiszitter.save(update_fields=["passend_aanbod_sinds", "afgesloten_op"])
    _log(by, thuiszitter, actie=Actie.UPDATE, segment=Segment.AANBOD, grondslag=Grondslag.LEERPLICHT)
    return thuiszitter


# --- iJw messages in (JW301, JW305, JW307) and their return messages --------------------------


@dataclass(frozen=True)
class Verwerking:
    ontvangst: Ontvangst
    herhaald: bool  # the same file was processed before: nothing changed now


class _Terugdraaien(Exception):
    """A rule outside the iJw list broke half-way: undo the whole message (0001)."""

    def __init__(self, index: int, uitleg: str) -> None:
        self.index, self.uitleg = index, uitleg


def ijw_bericht_verwerken(*, by: Actor, inhoud: bytes, bestandsnaam: str = "", bron: str = Bron.PAGINA) -> Verwerking:
    """Receive one iJw message from an organisation's professional or system, apply what may be
    applied and keep the return message (ijw.py explains the three levels of checks)."""
    if not selectors.is_professional(by):
        refuse(by, object_type=ObjectType.ONTVANGST, segment=Segment.UPLOAD, actie=Actie.CREATE)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    digest = hashlib.sha256(inhoud).hexdigest()
    with transaction.atomic():
        bestaand = Ontvangst.objects.filter(organisatie=organisatie, inhoud_hash=digest).first()
        if bestaand is not None:
            _log(by, bestaand, actie=Actie.READ, segment=Segment.UPLOAD, grondslag=Grondslag.IJW)
            return Verwerking(bestaand, herhaald=True)
        basis = {
            "organisatie": organisatie,
            "ingediend_door": person_of(by),
            "bestandsnaam": bestandsnaam[:200],
            "inhoud_hash": digest,
            "bron": bron,
        }
        try:
            bericht = ijw.lees(inhoud)
            _mag_zenden(by, organisatie, bericht)
        except ijw.Weigering as weigering:
            ontvangst = Ontvangst.objects.create(
                **basis,
                berichtsoort=weigering.bericht[:8],
                status=OntvangstStatus.GEWEIGERD,
                reden=weigering.reden,
                resultaat={"details": weigering.details[:200]},
            )
            _log(by, ontvangst, actie=Actie.CREATE, segment=Segment.UPLOAD, grondslag=Grondslag.IJW)
            return Verwerking(ontvangst, herhaald=False)
        h = bericht.header
        beoordeling = ijw.controleer(bericht, vandaag=kalender.vandaag())
        if Ontvangst.objects.filter(
            berichtsoort=bericht.soort, afzender=h.afzender, identificatie=h.identificatie, identificatie_uniek=True
        ).exists():
            beoordeling.header.append(
                ijw.Bevinding(
                    "9056",
                    _("Berichtidentificatie %(i)s is al eerder gebruikt voor een %(s)s van deze afzender (TR056).")
                    % {"i": h.identificatie, "s": bericht.soort},
                )
            )
        trajecten: dict[int, str] = {}
        if not beoordeling.bericht_afgekeurd:
            try:
                with transaction.atomic():
                    trajecten = _toepassen(by, organisatie, bericht, beoordeling, bron=Bron.IJW)
            except _Terugdraaien as fout:
                beoordeling.product(fout.index, ijw.TECHNISCH, fout.uitleg)
                trajecten = {}
        ontvangst = Ontvangst.objects.create(
            **basis,
            berichtsoort=bericht.soort,
            afzender=h.afzender,
            ontvanger=h.ontvanger,
            identificatie=h.identificatie,
            dagtekening=h.dagtekening,
            status=OntvangstStatus.VERWERKT,
        )
        ontvangst.jeugdige = Jeugdige.objects.filter(bsn=bericht.client.bsn).first()
        _uitslag(ontvangst, bericht, beoordeling, trajecten)
        _log(by, ontvangst, actie=Actie.CREATE, segment=Segment.UPLOAD, grondslag=Grondslag.IJW)
    return Verwerking(ontvangst, herhaald=False)


def _gemeente(code: str) -> Gemeente | None:
    return Gemeente.objects.filter(cbs_code=f"GM{code}").first()


def _mag_zenden(by: Actor, organisatie: Organisatie, bericht: ijw.Bericht) -> None:
    """Only the sender named in the header may deliver the message, to a receiver we know."""
    h = bericht.header
    if h.bericht == "jw301":
        gemeente = _gemeente(h.afzender)
        if gemeente is None or not selectors.gemeenten_van(by).filter(pk=gemeente.pk).exists():
            raise ijw.Weigering(
                _(
                    "De afzender van dit bericht is gemeente %(g)s. "
                    "U levert alleen toewijzingen aan van uw eigen gemeente(n)."
                )
                % {"g": h.afzender},
                bericht=bericht.soort,
            )
        if not Zorgaanbieder.objects.filter(agb_code=h.ontvanger).exists():
            raise ijw.Weigering(
                _(
                    "De aanbieder met AGB-code %(a)s is niet bekend in Jeugdketen. "
                    "Vraag applicatiebeheer de AGB-code vast te leggen."
                )
                % {"a": h.ontvanger},
                bericht=bericht.soort,
            )
        return
    eigen = Zorgaanbieder.objects.filter(organisatie=organisatie).values_list("agb_code", flat=True).first()
    if eigen != h.afzender:
        raise ijw.Weigering(
            _("De afzender van dit bericht is AGB-code %(a)s. Uw organisatie heeft een andere AGB-code.")
            % {"a": h.afzender},
            bericht=bericht.soort,
        )
    if _gemeente(h.ontvanger) is None:
        raise ijw.Weigering(
            _("Gemeente %(g)s is niet aangesloten bij deze regio in Jeugdketen.") % {"g": h.ontvanger},
            bericht=bericht.soort,
        )


def _toepassen(
    by: Actor, organisatie: Organisatie, bericht: ijw.Bericht, beoordeling: ijw.Beoordeling, *, bron: str
) -> dict[int, str]:
    """Apply each product record on its own (a savepoint each): a broken rule rejects only that
    record, with its retourcode. Returns the trajectory uuid of every record applied."""
    h, c = bericht.header, bericht.client
    toegepast: dict[int, str] = {}
    if h.bericht == "jw301":
        gemeente = _gemeente(h.afzender)
        aanbieder = Organisatie.objects.get(zorgaanbieder__agb_code=h.ontvanger)
        assert gemeente is not None
        persoon = _persoon_uit_301(bericht, gemeente)
    else:
        gemeente = _gemeente(h.ontvanger)
        assert gemeente is not None
    for p in bericht.producten:
        if beoordeling.producten.get(p.index):
            continue
        try:
            with transaction.atomic():
                if h.bericht == "jw301":
                    traject = _toewijzing_uit_301(by, persoon, gemeente, aanbieder, p)
                else:
                    traject = _regie(by, organisatie, gemeente, c.bsn, h.bericht, p)
        except Regelfout as fout:
            beoordeling.product(p.index, fout.retourcode, " ".join(fout.messages))
            continue
        except ValidationError as fout:
            raise _Terugdraaien(p.index, " ".join(fout.messages)) from None
        toegepast[p.index] = str(traject.uuid)
    return toegepast


def _persoon_uit_301(bericht: ijw.Bericht, gemeente: Gemeente) -> Jeugdige:
    """The youth of a JW301: found by BSN (the logical key, OP039) or recorded from the message.
    The assigning municipality is responsible from the first assignment's start."""
    c = bericht.client
    vanaf = min(p.ingangsdatum for p in bericht.producten if p.ingangsdatum is not None)
    persoon = Jeugdige.objects.filter(bsn=c.bsn).first()
    if persoon is None:
        return personen.jeugdige_vastleggen(
            bsn=c.bsn,
            geboortedatum=c.geboortedatum,
            achternaam=c.achternaam,
            voorvoegsel=c.voorvoegsel,
            voornamen=c.voornamen,
            geslacht=c.geslacht,
            gemeente=gemeente,
            vanaf=vanaf,
        )
    try:
        with transaction.atomic():
            personen.woonplaats_vastleggen(jeugdige=persoon, gemeente=gemeente, vanaf=vanaf)
    except ValidationError:
        pass  # an older assignment does not rewrite the youth's history of municipalities
    return persoon


def _toewijzing_uit_301(
    by: Actor, persoon: Jeugdige, gemeente: Gemeente, aanbieder: Organisatie, p: ijw.Product
) -> Traject:
    assert p.ingangsdatum is not None and p.toewijzingsdatum is not None and p.toewijzingstijd is not None
    toegewezen_op = timezone.make_aware(dt.datetime.combine(p.toewijzingsdatum, p.toewijzingstijd))
    invoer = ToewijzingInvoer(
        aanbieder=aanbieder,
        productcategorie=p.categorie,
        productcode=p.code,
        ingangsdatum=p.ingangsdatum,
        einddatum=p.einddatum,
        volume=p.volume,
        eenheid=p.eenheid,
        frequentie=p.frequentie,
        budget=p.budget,
        # No ReferentieAanbieder: the municipality assigned on its own initiative, so its access
        # team referred (COD327 01). With one, the referrer was in the provider's request (JW315).
        verwijzer="" if p.referentie_aanbieder else Verwijzer.GEMEENTE,
        toewijzingnummer=p.toewijzingnummer,
        toegewezen_op=toegewezen_op,
        reden_wijziging=p.reden_wijziging,
    )
    traject, _changed = traject_toewijzen(by=by, jeugdige=persoon, gemeente=gemeente, invoer=invoer, bron=Bron.IJW)
    return traject


def _regie(by: Actor, organisatie: Organisatie, gemeente: Gemeente, bsn: str, soort: str, p: ijw.Product) -> Traject:
    """A JW305/JW307 product: it must belong to a known assignment of this provider and youth (TR019)."""
    traject = (
        Traject.objects.select_related("aanbieder", "jeugdige")
        .filter(gemeente=gemeente, toewijzingnummer=p.toewijzingnummer or 0)
        .first()
    )
    if traject is None or traject.aanbieder_id != organisatie.pk or traject.jeugdige.bsn != bsn:
        raise Regelfout(
            _("Toewijzing %(n)s van gemeente %(g)s voor deze jeugdige en uw organisatie is niet bekend.")
            % {"n": p.toewijzingnummer, "g": gemeente.naam},
            retourcode="9019",
        )
    if p.toewijzing_ingangsdatum is not None and p.toewijzing_ingangsdatum != traject.ingangsdatum:
        raise Regelfout(
            _("De ingangsdatum van de toewijzing is %(t)s, niet %(m)s.")
            % {"t": _datum(traject.ingangsdatum), "m": _datum(p.toewijzing_ingangsdatum)},
            retourcode="9019",
        )
    if p.code:
        _product(p.categorie, p.code)
    assert p.begindatum is not None
    if soort == "jw305":
        if p.status == StatusAanlevering.VERWIJDEREN:
            start_verwijderen(by=by, traject=traject, begindatum=p.begindatum)
        else:
            levering_starten(by=by, traject=traject, begindatum=p.begindatum, bron=Bron.IJW)
    elif p.status == StatusAanlevering.VERWIJDEREN:
        stop_verwijderen(by=by, traject=traject, begindatum=p.begindatum)
    else:
        assert p.einddatum is not None
        levering_stoppen(
            by=by,
            traject=traject,
            begindatum=p.begindatum,
            einddatum=p.einddatum,
            reden=p.reden_beeindiging,
            bron=Bron.IJW,
        )
    return traject


def _uitslag(
    ontvangst: Ontvangst, bericht: ijw.Bericht, beoordeling: ijw.Beoordeling, trajecten: dict[int, str]
) -> None:
    """Store the outcome per record and the return message (identified by this reception)."""
    geheel = beoordeling.bericht_afgekeurd
    producten = []
    for p in bericht.producten:
        bevindingen = beoordeling.producten.get(p.index, [])
        producten.append(
            {
                "index": p.index,
                "regel": p.regel,
                "toewijzingnummer": p.toewijzingnummer,
                "codes": [b.code for b in bevindingen] or ([ijw.NIET_BEOORDEELD] if geheel else [ijw.GEEN_OPMERKING]),
                "uitleg": [b.uitleg for b in bevindingen],
                "traject": trajecten.get(p.index, ""),
            }
        )
    goed = sum(1 for p in producten if p["traject"])
    ontvangst.aantal_goed, ontvangst.aantal_fout = goed, len(producten) - goed
    if geheel or goed == 0:
        ontvangst.status = OntvangstStatus.AFGEKEURD
    elif goed < len(producten):
        ontvangst.status = OntvangstStatus.DEELS
    ontvangst.identificatie_uniek = not geheel and goed > 0
    ontvangst.resultaat = {
        "header": [{"code": b.code, "uitleg": b.uitleg} for b in beoordeling.header],
        "client": [{"code": b.code, "uitleg": b.uitleg} for b in beoordeling.client]
        + [{"code": b.code, "uitleg": b.uitleg} for v in beoordeling.contacten.values() for b in v],
        "producten": producten,
    }
    ontvangst.retour_identificatie = f"R{ontvangst.pk:011d}"[-12:]
    ontvangst.retourbericht = retour.retourbericht(
        bericht, beoordeling, identificatie=ontvangst.retour_identificatie, dagtekening=kalender.vandaag()
    ).decode("utf-8")
    ontvangst.save()
