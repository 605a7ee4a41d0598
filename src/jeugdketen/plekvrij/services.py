"""Every write of plekvrij: typed, keyword-only, atomic, permission-checked, logged.

A place's numbers change only here, under a row lock on the place, so two updates (a provider's
tap, a reservation, the expiry job) happen one after another and the database's CHECK (free now
is never negative) can never be hit by a race. Each change:
* first releases the place's expired reservations (an expired hold is free, also before the job);
* writes a history row (`Plekstand`) with who, how and the new numbers;
* tells saved searches when the place goes from no free place to at least one (outbox).
A form carries the version it was based on: a stale tap is refused, never applied to numbers the
provider did not see. Reservations are the only personal data: each change writes an access-log
entry, and the provider and the requester hear of it through the outbox (no personal data in the
message, only a link).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jeugdketen.core.access import Actor, Geweigerd, refuse, visible
from jeugdketen.core.forms import Verouderd
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie
from jeugdketen.organisaties.selectors import person_of

from . import logevents, selectors
from .models import (
    HOUDT_PLEK,
    MAX_LEEFTIJD,
    Bron,
    Dagstand,
    Hulpaanbod,
    Locatie,
    Plek,
    Plekstand,
    Reservering,
    ReserveringStatus,
    Soort,
    Specialisme,
    Zoekopdracht,
)

UREN_KEUZES = (2, 4, 8, 12, 24, 48)
STANDAARD_UREN = 4
MAX_UREN = 72
# Initials and the note of a finished reservation are erased after this many days; the age and
# the times stay for the monitor's figures.
BEWAAR_DAGEN = 30

SYSTEEM = Actor(
    user=None,
    rol="systeem",
    display_name="plekvrij: verlopen reserveringen",
    namens="regio (verantwoordelijke)",
    bronsysteem="plekvrij-taken",
)


class VerouderdeStand(Verouderd):
    """The change was based on an older version of the place; `plek` (= `nieuwste`) is the
    current one. core.forms.submit turns it into the edit page's conflict."""

    bericht = gettext_lazy(
        "Iemand anders heeft deze plek intussen gewijzigd. Hieronder staat de stand van nu. "
        "Kijk uw wijziging na en sla opnieuw op."
    )

    def __init__(self, plek: Plek) -> None:
        super().__init__(plek, versie=plek.versie)
        self.plek = plek


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


@dataclass(frozen=True)
class Wijziging:
    """New numbers for a place; what is left out stays as it is. `vrij` ("nu 2 vrij") is the
    phone's way to say how many are free: the occupied count follows from it."""

    gecontracteerd: int | None = None
    buiten_gebruik: int | None = None
    bezet: int | None = None
    vrij: int | None = None
    vrij_vanaf: Any = UNSET  # a date, None to clear, UNSET to keep


@dataclass(frozen=True)
class Gegevens:
    """What a place is (not its numbers): for the full form and for a new place."""

    soort: str
    naam: str = ""
    leeftijd_van: int = 0
    leeftijd_tot: int = 17
    specialismen: tuple[Specialisme, ...] = ()
    contact_naam: str = ""
    contact_telefoon: str = ""
    toelichting: str = ""


def _naam(by: Actor) -> str:
    return (by.display_name or by.namens or "onbekend")[:200]


def _stand(plek: Plek, *, bron: str, by: Actor, door_aanbieder: bool, now: dt.datetime) -> Plekstand:
    return stand_vastleggen(
        plek, bron=bron, door=person_of(by), door_naam=_naam(by), door_aanbieder=door_aanbieder, tijdstip=now
    )


def stand_vastleggen(
    plek: Plek, *, bron: str, door: Gebruiker | None, door_naam: str, door_aanbieder: bool, tijdstip: dt.datetime
) -> Plekstand:
    """The history row of a place's numbers as they are now (also for a change in beheer)."""
    return Plekstand.objects.create(
        plek=plek,
        tijdstip=tijdstip,
        bron=bron,
        door=door,
        door_naam=door_naam[:200],
        gecontracteerd=plek.gecontracteerd,
        buiten_gebruik=plek.buiten_gebruik,
        bezet=plek.bezet,
        gereserveerd=plek.gereserveerd,
        vrij=plek.vrij,
        vrij_vanaf=plek.vrij_vanaf,
        door_aanbieder=door_aanbieder,
    )


def _plek_link(plek: Plek) -> str:
    return reverse("plekvrij:plek", kwargs={"uuid": plek.uuid})


def _reservering_link(reservering: Reservering) -> str:
    return reverse("plekvrij:reservering", kwargs={"uuid": reservering.uuid})


def _release_expired(locked: Plek, *, now: dt.datetime) -> list[Reservering]:
    """Release the holds of `locked` whose time is up (the caller holds the row lock)."""
    verlopen = list(
        Reservering.objects.select_for_update(of=("self",))
        .filter(plek=locked, status__in=HOUDT_PLEK, verloopt_op__lte=now)
        .select_related("aangevraagd_door")
    )
    if verlopen:
        Reservering.objects.filter(pk__in=[r.pk for r in verlopen]).update(
            status=ReserveringStatus.VERLOPEN, afgehandeld_op=now
        )
        locked.gereserveerd -= len(verlopen)
        for r in verlopen:
            r.status = ReserveringStatus.VERLOPEN
            r.afgehandeld_op = now
    return verlopen


def _meld_verlopen(verlopen: list[Reservering], *, plek: Plek) -> None:
    for r in verlopen:
        logevents.reservering_gelogd(
            SYSTEEM, r, actie=Actie.UPDATE, segment=logevents.Segment.VERLOPEN, grondslag=logevents.REGIO
        )
        if r.aangevraagd_door is not None:
            notify(
                ontvanger=r.aangevraagd_door,
                soort="plekvrij_reservering_verlopen",
                titel=_("Uw reservering van een plek is verlopen"),
                link=_reservering_link(r),
                dedupe_key=f"plekvrij-verlopen:{r.uuid}",
            )


def _meld_zoekopdrachten(plek: Plek, *, voor: int, stand: Plekstand, by: Actor) -> None:
    """A place went from none free to at least one: tell every saved search it answers, once."""
    if voor > 0 or plek.vrij <= 0:
        return
    gevonden = list(selectors.zoekopdrachten_die_passen(plek))
    for zoekopdracht in gevonden:
        if zoekopdracht.eigenaar_id == by.user_pk or not zoekopdracht.eigenaar.is_active:
            continue
        notify(
            ontvanger=zoekopdracht.eigenaar,
            soort="plekvrij_zoekopdracht",
            titel=_("Er is een plek vrij die past bij uw zoekopdracht"),
            link=_plek_link(plek),
            # One message per person per change, however many of their searches it answers.
            dedupe_key=f"plekvrij-zoekopdracht:{zoekopdracht.eigenaar_id}:{stand.pk}",
        )
    if gevonden:
        Zoekopdracht.objects.filter(pk__in=[z.pk for z in gevonden]).update(laatst_gemeld=stand.tijdstip)


def _controleer(plek: Plek) -> None:
    """Clear Dutch messages before the database's CHECK would refuse the numbers."""
    if plek.buiten_gebruik > plek.gecontracteerd:
        raise ValidationError(
            {"buiten_gebruik": _("Er kunnen niet meer plekken niet inzetbaar zijn dan er plekken zijn.")}
        )
    ruimte = plek.bruikbaar - plek.gereserveerd
    if plek.bezet > ruimte:
        if plek.gereserveerd:
            boodschap = ngettext(
                "Er staat nog %(n)s reservering op deze plek. Dan kunnen er hoogstens %(max)s bezet zijn. "
                "Wijs de reservering af of zet haar op geplaatst.",
                "Er staan nog %(n)s reserveringen op deze plek. Dan kunnen er hoogstens %(max)s bezet zijn. "
                "Wijs een reservering af of zet haar op geplaatst.",
                plek.gereserveerd,
            ) % {"n": plek.gereserveerd, "max": max(ruimte, 0)}
        else:
            boodschap = _("Er kunnen hoogstens %(max)s plekken bezet zijn (de inzetbare plekken).") % {
                "max": max(ruimte, 0)
            }
        raise ValidationError({"bezet": boodschap})
    if plek.leeftijd_van > plek.leeftijd_tot:
        raise ValidationError(
            {"leeftijd_tot": _("De leeftijd 'tot en met' moet gelijk aan of hoger dan 'vanaf' zijn.")}
        )
    if plek.leeftijd_tot > MAX_LEEFTIJD:
        raise ValidationError({"leeftijd_tot": _("Jeugdhulp is er tot en met 23 jaar.")})


def _beheerde_plek(by: Actor, plek: Plek) -> Plek:
    """The place locked for a change, if it is the actor's own organisation's; else refused."""
    locked = visible(by, Plek).select_for_update(of=("self",)).filter(pk=plek.pk).first()
    if locked is None:
        refuse(
            by,
            object_type=logevents.ObjectType.PLEK,
            object_id=str(plek.uuid),
            segment=logevents.Segment.PLEK_BIJWERKEN,
            actie=Actie.UPDATE,
        )
    return locked


def _pas_toe(plek: Plek, wijziging: Wijziging, *, vandaag: dt.date) -> None:
    if wijziging.gecontracteerd is not None:
        plek.gecontracteerd = wijziging.gecontracteerd
    if wijziging.buiten_gebruik is not None:
        plek.buiten_gebruik = wijziging.buiten_gebruik
    if wijziging.vrij is not None:
        hoogstens = max(plek.bruikbaar - plek.gereserveerd, 0)
        if not 0 <= wijziging.vrij <= hoogstens:
            raise ValidationError(
                {"vrij": _("Kies een aantal vrije plekken van 0 tot en met %(max)s.") % {"max": hoogstens}}
            )
        plek.bezet = hoogstens - wijziging.vrij
    elif wijziging.bezet is not None:
        plek.bezet = wijziging.bezet
    if wijziging.vrij_vanaf is not UNSET:
        if wijziging.vrij_vanaf is not None and wijziging.vrij_vanaf < vandaag:
            raise ValidationError({"vrij_vanaf": _("Kies voor 'weer vrij vanaf' vandaag of een dag later.")})
        plek.vrij_vanaf = wijziging.vrij_vanaf
    for naam in ("gecontracteerd", "buiten_gebruik", "bezet"):
        if getattr(plek, naam) < 0 or getattr(plek, naam) > 999:
            raise ValidationError({naam: _("Vul een aantal van 0 tot en met 999 in.")})


def _gegevens(plek: Plek, gegevens: Gegevens) -> None:
    if gegevens.soort not in Soort.values:
        raise ValidationError({"soort": _("Kies een soort plek uit de lijst.")})
    plek.soort = gegevens.soort
    plek.naam = gegevens.naam.strip()[:120]
    plek.leeftijd_van = gegevens.leeftijd_van
    plek.leeftijd_tot = gegevens.leeftijd_tot
    plek.contact_naam = gegevens.contact_naam.strip()[:120]
    plek.contact_telefoon = gegevens.contact_telefoon.strip()[:32]
    plek.toelichting = gegevens.toelichting.strip()[:300]


@transaction.atomic
def plek_bijwerken(
    *,
    plek: Plek,
    by: Actor,
    wijziging: Wijziging,
    basis_versie: int | None,
    bron: str = Bron.FORMULIER,
    gegevens: Gegevens | None = None,
) -> Plek:
    """The provider says how it is now: new numbers, or the same ones ("klopt nog").

    Either way the place counts as current again (last update: who, when). `basis_versie` is the
    version the provider saw; None for an organisation's own system, whose numbers are
    authoritative (it sets the occupied count, which reservations do not touch)."""
    locked = _beheerde_plek(by, plek)
    if basis_versie is not None and locked.versie != basis_versie:
        raise VerouderdeStand(selectors.mijn_plekken(by).get(pk=locked.pk))
    now = timezone.now()
    voor = locked.vrij
    verlopen = _release_expired(locked, now=now)
    if gegevens is not None:
        _gegevens(locked, gegevens)
    _pas_toe(locked, wijziging, vandaag=timezone.localdate(now))
    _controleer(locked)
    locked.bijgewerkt_op = now
    locked.bijgewerkt_door = person_of(by)
    locked.bijgewerkt_door_naam = _naam(by)
    locked.versie += 1
    locked.save()
    if gegevens is not None:
        locked.specialismen.set(gegevens.specialismen)
    stand = _stand(locked, bron=bron, by=by, door_aanbieder=True, now=now)
    _meld_verlopen(verlopen, plek=locked)
    _meld_zoekopdrachten(locked, voor=voor, stand=stand, by=by)
    return locked


def eigen_locaties(by: Actor) -> Any:
    if not selectors.may_manage(by):
        return Locatie.objects.none()
    return Locatie.objects.filter(organisatie__uuid=by.organisatie_id, actief=True).select_related("gemeente")


@transaction.atomic
def locatie_aanmaken(*, by: Actor, naam: str, gemeente: Gemeente, plaats: str = "", telefoon: str = "") -> Locatie:
    if not selectors.may_manage(by):
        refuse(
            by,
            object_type=logevents.ObjectType.LOCATIE,
            segment=logevents.Segment.LOCATIE_TOEVOEGEN,
            actie=Actie.CREATE,
        )
    if not naam.strip():
        raise ValidationError({"naam": _("Vul de naam van de locatie in.")})
    org = Organisatie.objects.get(uuid=by.organisatie_id)
    return Locatie.objects.create(
        organisatie=org, naam=naam.strip()[:120], gemeente=gemeente, plaats=plaats.strip()[:80], telefoon=telefoon[:32]
    )


@transaction.atomic
def plek_aanmaken(*, by: Actor, locatie: Locatie, gegevens: Gegevens, wijziging: Wijziging) -> Plek:
    if not eigen_locaties(by).filter(pk=locatie.pk).exists():
        refuse(
            by,
            object_type=logevents.ObjectType.LOCATIE,
            object_id=str(locatie.uuid),
            segment=logevents.Segment.PLEK_TOEVOEGEN,
            actie=Actie.CREATE,
        )
    now = timezone.now()
    plek = Plek(locatie=locatie, bijgewerkt_op=now, bijgewerkt_door=person_of(by), bijgewerkt_door_naam=_naam(by))
    _gegevens(plek, gegevens)
    _pas_toe(plek, wijziging, vandaag=timezone.localdate(now))
    _controleer(plek)
    plek.save()
    plek.specialismen.set(gegevens.specialismen)
    stand = _stand(plek, bron=Bron.FORMULIER, by=by, door_aanbieder=True, now=now)
    _meld_zoekopdrachten(plek, voor=0, stand=stand, by=by)
    return plek


# --- Many places at once: the providers' own systems (API) and files (CSV) -----------------


@dataclass
class Regelresultaat:
    regel: int
    plek: str
    gelukt: bool
    fouten: dict[str, list[str]] = field(default_factory=dict)
    vrij: int | None = None


def _fouten(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for m in ValidationError(v).messages] for k, v in exc.error_dict.items()}
    return {"regel": [str(m) for m in exc.messages]}


def plekken_bijwerken(*, by: Actor, regels: list[tuple[str, Wijziging]], bron: str) -> list[Regelresultaat]:
    """Apply many updates: each row on its own (atomic per row), bad rows reported with reason.

    A row for a place of another organisation gets the same answer as a place that does not
    exist (and its denial is logged)."""
    uuids = [u for u, _w in regels if selectors.is_uuid(u)]
    plekken = {str(p.uuid): p for p in visible(by, Plek).filter(uuid__in=uuids)}
    resultaten = []
    for nummer, (uuid, wijziging) in enumerate(regels, start=1):
        plek = plekken.get(str(uuid).lower())
        try:
            if plek is None:
                refuse(
                    by,
                    object_type=logevents.ObjectType.PLEK,
                    object_id=str(uuid)[:64],
                    segment=logevents.Segment.API if bron == Bron.API else logevents.Segment.CSV,
                    actie=Actie.UPDATE,
                )
            bijgewerkt = plek_bijwerken(plek=plek, by=by, wijziging=wijziging, basis_versie=None, bron=bron)
        except Geweigerd:
            resultaten.append(
                Regelresultaat(
                    nummer,
                    str(uuid)[:64],
                    False,
                    {"plek": [_("Deze plek bestaat niet of is niet van uw organisatie.")]},
                )
            )
        except ValidationError as exc:
            resultaten.append(Regelresultaat(nummer, str(uuid), False, _fouten(exc)))
        else:
            resultaten.append(Regelresultaat(nummer, str(uuid), True, vrij=bijgewerkt.vrij))
    return resultaten


# --- Reservations -------------------------------------------------------------------------


def _aanbieder_ontvangers(plek: Plek) -> list[Gebruiker]:
    """Who at the provider hears of a reservation: the person who keeps this place current, or
    else the provider's hulpverleners (a small provider; at most 20)."""
    medewerkers = Medewerker.objects.filter(
        organisatie_id=plek.locatie.organisatie_id, actief=True, rol=Rol.HULPVERLENER
    )
    if plek.bijgewerkt_door_id and medewerkers.filter(gebruiker_id=plek.bijgewerkt_door_id).exists():
        return list(Gebruiker.objects.filter(pk=plek.bijgewerkt_door_id, is_active=True))
    return list(Gebruiker.objects.filter(pk__in=medewerkers.values("gebruiker_id"), is_active=True).order_by("pk")[:20])


def _vertel_aanbieder(plek: Plek, r: Reservering, by: Actor, *, soort: str, titel: str) -> None:
    for user in _aanbieder_ontvangers(plek):
        if user.pk != by.user_pk:
            notify(ontvanger=user, soort=soort, titel=titel, link=_reservering_link(r), dedupe_key=f"{soort}:{r.uuid}")


def _vertel_aanvrager(r: Reservering, by: Actor, *, soort: str, titel: str) -> None:
    if r.aangevraagd_door_id and r.aangevraagd_door_id != by.user_pk:
        user = Gebruiker.objects.filter(pk=r.aangevraagd_door_id, is_active=True).first()
        if user is not None:
            notify(ontvanger=user, soort=soort, titel=titel, link=_reservering_link(r), dedupe_key=f"{soort}:{r.uuid}")


def _controleer_aanvraag(*, uren: int, initialen: str, leeftijd: int, contact_telefoon: str) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if not 1 <= uren <= MAX_UREN:
        fouten["uren"] = [_("Reserveer voor 1 tot en met %(max)s uur.") % {"max": MAX_UREN}]
    schoon = initialen.replace(".", "").replace(" ", "")
    if not schoon or len(schoon) > 4 or not schoon.isalpha():
        fouten["initialen"] = [_("Vul alleen de voorletters in, bijvoorbeeld D.J. Geen naam.")]
    if not 0 <= leeftijd <= MAX_LEEFTIJD:
        fouten["leeftijd"] = [_("Vul een leeftijd van 0 tot en met 23 jaar in.")]
    if not contact_telefoon.strip():
        fouten["contact_telefoon"] = [_("Vul een telefoonnummer in waarop de aanbieder u kan bellen.")]
    return fouten


@transaction.atomic
def reservering_maken(
    *,
    plek: Plek,
    by: Actor,
    uren: int,
    initialen: str,
    leeftijd: int,
    contact_telefoon: str,
    toelichting: str = "",
) -> Reservering:
    """Hold a free place for a youth for `uren` hours; the provider confirms or declines."""
    if not selectors.may_reserve(by):
        refuse(
            by,
            object_type=logevents.ObjectType.RESERVERING,
            object_id=str(plek.uuid),
            segment=logevents.Segment.RESERVEREN,
            actie=Actie.CREATE,
        )
    fouten = _controleer_aanvraag(uren=uren, initialen=initialen, leeftijd=leeftijd, contact_telefoon=contact_telefoon)
    if fouten:
        raise ValidationError(fouten)
    locked = (
        Plek.objects.select_for_update(of=("self",))
        .select_related("locatie")
        .filter(pk=plek.pk, actief=True, locatie__actief=True)
        .first()
    )
    if locked is None:
        refuse(
            by,
            object_type=logevents.ObjectType.PLEK,
            object_id=str(plek.uuid),
            segment=logevents.Segment.RESERVEREN,
            actie=Actie.CREATE,
        )
    now = timezone.now()
    verlopen = _release_expired(locked, now=now)
    if not locked.leeftijd_van <= leeftijd <= locked.leeftijd_tot:
        raise ValidationError(
            {
                "leeftijd": _("Deze plek is voor jongeren van %(van)s tot en met %(tot)s jaar.")
                % {"van": locked.leeftijd_van, "tot": locked.leeftijd_tot}
            }
        )
    if locked.vrij <= 0:
        raise ValidationError(_("Deze plek is net niet meer vrij. Zoek opnieuw of bel de aanbieder."))
    org = Organisatie.objects.get(uuid=by.organisatie_id)
    r = Reservering.objects.create(
        plek=locked,
        aangevraagd_op=now,
        verloopt_op=now + dt.timedelta(hours=uren),
        organisatie=org,
        aangevraagd_door=person_of(by),
        aangevraagd_door_naam=_naam(by),
        contact_telefoon=contact_telefoon.strip()[:32],
        initialen=initialen.strip().upper()[:8],
        leeftijd=leeftijd,
        toelichting=toelichting.strip()[:500],
    )
    locked.gereserveerd += 1
    locked.versie += 1
    locked.save(update_fields=["gereserveerd", "versie"])
    _stand(locked, bron=Bron.RESERVERING, by=by, door_aanbieder=False, now=now)
    logevents.reservering_gelogd(by, r, actie=Actie.CREATE, segment=logevents.Segment.RESERVERING)
    _meld_verlopen(verlopen, plek=locked)
    _vertel_aanbieder(locked, r, by, soort="plekvrij_reservering", titel=_("Er is een plek bij u gereserveerd"))
    return r


def _gelockt(
    by: Actor, reservering: Reservering, *, rol: str, segment: str
) -> tuple[Plek, Reservering, list[Reservering]]:
    """Check the actor's side of the reservation, lock place and reservation, release expired holds."""
    if selectors.rol_in_reservering(by, reservering) != rol:
        refuse(
            by,
            object_type=logevents.ObjectType.RESERVERING,
            object_id=str(reservering.uuid),
            segment=segment,
            actie=Actie.UPDATE,
        )
    locked = Plek.objects.select_for_update(of=("self",)).select_related("locatie").get(pk=reservering.plek_id)
    now = timezone.now()
    verlopen = _release_expired(locked, now=now)
    r = Reservering.objects.select_for_update(of=("self",)).get(pk=reservering.pk)
    if any(v.pk == r.pk for v in verlopen):
        # Refused, and rolled back with it: the job (or the next change) releases it, and every
        # search already counts it as free.
        raise ValidationError(_("Deze reservering is al verlopen. De plek is weer vrij."))
    if r.status not in HOUDT_PLEK:
        raise ValidationError(_("Deze reservering is al afgehandeld: %(status)s.") % {"status": r.get_status_display()})
    return locked, r, verlopen


def _vrijgeven(
    locked: Plek, r: Reservering, *, status: str, by: Actor, now: dt.datetime, bezet: bool = False
) -> Plekstand:
    r.status = status
    r.afgehandeld_op = now
    r.save(update_fields=["status", "afgehandeld_op", "antwoord", "beantwoord_op", "beantwoord_door_naam"])
    locked.gereserveerd -= 1
    if bezet:
        locked.bezet += 1
        locked.bijgewerkt_op = now
        locked.bijgewerkt_door = person_of(by)
        locked.bijgewerkt_door_naam = _naam(by)
    locked.versie += 1
    locked.save()
    return _stand(locked, bron=Bron.RESERVERING, by=by, door_aanbieder=bezet, now=now)


@transaction.atomic
def reservering_beantwoorden(
    *, reservering: Reservering, by: Actor, bevestigen: bool, antwoord: str = ""
) -> Reservering:
    """The provider confirms (the place stays held until the time is up) or declines (free again)."""
    locked, r, verlopen = _gelockt(by, reservering, rol=selectors.AANBIEDER, segment=logevents.Segment.BEANTWOORDEN)
    now = timezone.now()
    voor = locked.vrij
    r.antwoord = antwoord.strip()[:300]
    r.beantwoord_op = now
    r.beantwoord_door_naam = _naam(by)
    if bevestigen:
        if r.status == ReserveringStatus.BEVESTIGD:
            raise ValidationError(_("Deze reservering is al bevestigd."))
        r.status = ReserveringStatus.BEVESTIGD
        r.save(update_fields=["status", "antwoord", "beantwoord_op", "beantwoord_door_naam"])
        if verlopen:
            locked.save(update_fields=["gereserveerd"])
        _vertel_aanvrager(r, by, soort="plekvrij_bevestigd", titel=_("De aanbieder heeft uw reservering bevestigd"))
    else:
        stand = _vrijgeven(locked, r, status=ReserveringStatus.AFGEWEZEN, by=by, now=now)
        _vertel_aanvrager(r, by, soort="plekvrij_afgewezen", titel=_("De aanbieder heeft uw reservering afgewezen"))
        _meld_zoekopdrachten(locked, voor=voor, stand=stand, by=by)
    logevents.reservering_gelogd(
        by,
        r,
        actie=Actie.UPDATE,
        segment=logevents.Segment.BEVESTIGD if bevestigen else logevents.Segment.AFGEWEZEN,
    )
    _meld_verlopen(verlopen, plek=locked)
    return r


@transaction.atomic
def reservering_plaatsen(*, reservering: Reservering, by: Actor) -> Reservering:
    """The youth has arrived: the hold becomes an occupied place (free count unchanged)."""
    locked, r, verlopen = _gelockt(by, reservering, rol=selectors.AANBIEDER, segment=logevents.Segment.GEPLAATST)
    now = timezone.now()
    if not r.beantwoord_op:
        r.beantwoord_op = now
        r.beantwoord_door_naam = _naam(by)
    _vrijgeven(locked, r, status=ReserveringStatus.GEPLAATST, by=by, now=now, bezet=True)
    logevents.reservering_gelogd(by, r, actie=Actie.UPDATE, segment=logevents.Segment.GEPLAATST)
    _meld_verlopen(verlopen, plek=locked)
    _vertel_aanvrager(r, by, soort="plekvrij_geplaatst", titel=_("De aanbieder heeft de plaatsing vastgelegd"))
    return r


@transaction.atomic
def reservering_intrekken(*, reservering: Reservering, by: Actor) -> Reservering:
    """The requester no longer needs the place: it is free again at once."""
    locked, r, verlopen = _gelockt(by, reservering, rol=selectors.AANVRAGER, segment=logevents.Segment.INGETROKKEN)
    now = timezone.now()
    voor = locked.vrij
    stand = _vrijgeven(locked, r, status=ReserveringStatus.INGETROKKEN, by=by, now=now)
    logevents.reservering_gelogd(by, r, actie=Actie.UPDATE, segment=logevents.Segment.INGETROKKEN)
    _meld_verlopen(verlopen, plek=locked)
    _vertel_aanbieder(locked, r, by, soort="plekvrij_ingetrokken", titel=_("Een reservering bij u is ingetrokken"))
    _meld_zoekopdrachten(locked, voor=voor, stand=stand, by=by)
    return r


def reserveringen_laten_verlopen(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """The job: release every expired hold (one place per transaction). Idempotent.

    Searches already count an expired hold as free; this makes the stored numbers, the history
    and the requester's notification follow."""
    now = now or timezone.now()
    plek_ids = list(
        Reservering.objects.filter(status__in=HOUDT_PLEK, verloopt_op__lte=now)
        .order_by()
        .values_list("plek_id", flat=True)
        .distinct()[:batch]
    )
    totaal = 0
    for plek_id in plek_ids:
        with transaction.atomic():
            locked = Plek.objects.select_for_update(of=("self",)).select_related("locatie__gemeente").get(pk=plek_id)
            voor = locked.vrij
            verlopen = _release_expired(locked, now=now)
            if not verlopen:
                continue
            # The live numbers (searches, pages) do not change, so the version stays: a tap
            # prepared before the job ran is still valid.
            locked.save(update_fields=["gereserveerd"])
            stand = _stand(locked, bron=Bron.VERLOPEN, by=SYSTEEM, door_aanbieder=False, now=now)
            _meld_verlopen(verlopen, plek=locked)
            _meld_zoekopdrachten(locked, voor=voor, stand=stand, by=SYSTEEM)
            totaal += len(verlopen)
    return totaal


def reserveringen_opschonen(*, now: dt.datetime | None = None) -> int:
    """Erase initials and note of reservations finished more than BEWAAR_DAGEN days ago."""
    grens = (now or timezone.now()) - dt.timedelta(days=BEWAAR_DAGEN)
    oud = (
        Reservering.objects.exclude(status__in=HOUDT_PLEK)
        .filter(afgehandeld_op__lt=grens)
        .exclude(initialen="", toelichting="")
    )
    return oud.update(initialen="", toelichting="")


# --- Saved searches -------------------------------------------------------------------------


@transaction.atomic
def zoekopdracht_bewaren(*, by: Actor, vraag: selectors.Zoekvraag) -> Zoekopdracht:
    eigenaar = person_of(by)
    if not selectors.may_search(by) or eigenaar is None:
        refuse(
            by,
            object_type=logevents.ObjectType.ZOEKOPDRACHT,
            segment=logevents.Segment.ZOEKOPDRACHT_BEWAREN,
            actie=Actie.CREATE,
        )
    if not (vraag.soort or vraag.leeftijd is not None or vraag.gemeente or vraag.regio or vraag.specialismen):
        raise ValidationError(_("Kies eerst waar u op zoekt, bijvoorbeeld een soort plek en een leeftijd."))
    if selectors.zoekopdrachten_visible_to(by).count() >= 20:
        raise ValidationError(_("U heeft al 20 zoekopdrachten bewaard. Verwijder er eerst een."))
    zoekopdracht = Zoekopdracht.objects.create(
        eigenaar=eigenaar, soort=vraag.soort, leeftijd=vraag.leeftijd, gemeente=vraag.gemeente, regio=vraag.regio
    )
    zoekopdracht.specialismen.set(vraag.specialismen)
    return zoekopdracht


@transaction.atomic
def zoekopdracht_verwijderen(*, zoekopdracht: Zoekopdracht, by: Actor) -> None:
    if not selectors.zoekopdrachten_visible_to(by).filter(pk=zoekopdracht.pk).exists():
        refuse(
            by,
            object_type=logevents.ObjectType.ZOEKOPDRACHT,
            object_id=str(zoekopdracht.uuid),
            segment=logevents.Segment.ZOEKOPDRACHT_VERWIJDEREN,
            actie=Actie.DELETE,
        )
    zoekopdracht.delete()


# --- Sociale kaart ----------------------------------------------------------------------------

AANBOD_VELDEN = (
    "titel",
    "categorie",
    "toegankelijkheid",
    "verwijzing_door",
    "samenvatting",
    "voor_wie",
    "hoe",
    "waar",
    "leeftijd_van",
    "leeftijd_tot",
    "kosten",
    "telefoon",
    "email",
    "website",
    "volgende_stap",
    "gepubliceerd",
)


@transaction.atomic
def aanbod_opslaan(
    *, by: Actor, gegevens: dict[str, Any], gemeenten: list[Gemeente], aanbod: Hulpaanbod | None = None
) -> Hulpaanbod:
    """Create or change an offer of the actor's own organisation (the region edits in beheer)."""
    if aanbod is None:
        if not selectors.may_maintain_offers(by):
            refuse(
                by,
                object_type=logevents.ObjectType.AANBOD,
                segment=logevents.Segment.AANBOD_TOEVOEGEN,
                actie=Actie.CREATE,
            )
        org = Organisatie.objects.get(uuid=by.organisatie_id)
        aanbod = Hulpaanbod(aanbieder=org, regio_id=org.regio_id)
    elif not selectors.hulpaanbod_visible_to(by).filter(pk=aanbod.pk).exists():
        refuse(
            by,
            object_type=logevents.ObjectType.AANBOD,
            object_id=str(aanbod.uuid),
            segment=logevents.Segment.AANBOD_WIJZIGEN,
            actie=Actie.UPDATE,
        )
    for naam in AANBOD_VELDEN:
        if naam in gegevens:
            setattr(aanbod, naam, gegevens[naam].strip() if isinstance(gegevens[naam], str) else gegevens[naam])
    aanbod.bijgewerkt_op = timezone.now()
    aanbod.bijgewerkt_door_naam = _naam(by)
    aanbod.full_clean(exclude=["gemeenten"])
    aanbod.save()
    aanbod.gemeenten.set(gemeenten)
    return aanbod


# --- Monitor: day totals ----------------------------------------------------------------------


def dagstanden_vastleggen(*, datum: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Store today's totals per region and kind (idempotent: a second run replaces them)."""
    now = now or timezone.now()
    datum = datum or timezone.localdate(now)
    rijen = selectors.stand_per_soort(now=now)
    with transaction.atomic():
        for (regio_id, soort), stand in rijen.items():
            Dagstand.objects.update_or_create(
                datum=datum,
                regio_id=regio_id,
                soort=soort,
                defaults={
                    "plekken": stand.plekken,
                    "gecontracteerd": stand.gecontracteerd,
                    "bruikbaar": stand.bruikbaar,
                    "bezet": stand.bezet,
                    "gereserveerd": stand.gereserveerd,
                    "vrij": stand.vrij,
                    "niet_actueel": stand.niet_actueel,
                    "berekend_op": now,
                },
            )
    return len(rijen)
