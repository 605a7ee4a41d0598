"""Every write of the verwijsindex: one keyword-only function per use case, in a transaction,
checking permission and writing the access log (the legal logbook, art. 7.1.2.3 f) and the
outbox rows (match signals) in the same transaction.

A change of a registration or a match takes the access its caller fetched (`toegang`, from
`core.access.fetch` with the change's action): that fetch wrote the one access-log entry of the
change, so the service does not write a second one. Services log only what no fetch logged: a new
registration, a registrant told of a match (`Actie.INFORM`), removals by the retention job or a
recorded death, and management changes (logevents.py). A refusal is `core.access.refuse`: logged,
then `Geweigerd` (never an HTTP exception here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NoReturn
from uuid import UUID, uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, refuse, require
from jeugdketen.core.bsn import mask, validate_bsn
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import Bericht, notify, notify_many
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gebruiker, Medewerker, Organisatie, Regio
from jeugdketen.organisaties.selectors import person_of

from . import gezinsmatch, logevents, pseudoniem, selectors
from .logevents import ObjectType, Segment
from .models import (
    ARCHIEF_REDENEN,
    REDENEN_MELDER,
    ZORGVERLENENDE_SOORTEN,
    Aansluiting,
    ArchiefSignaal,
    Bewaarrun,
    Bron,
    Gebruiksteller,
    Jongere,
    Match,
    MatchStatus,
    Melding,
    MeldingStatus,
    NietGeinformeerdReden,
    Regiebeleid,
    Sleutelstand,
    Verwijderreden,
)
from .selectors import Relatie
from .termijnen import archief_tot, termijnen

GESLACHTEN = {"m": _("man"), "v": _("vrouw"), "o": _("onbekend")}


@dataclass(frozen=True)
class Identificatie:
    """What is asked to identify a youth. Only the key (and the dates) survive: nothing here is stored."""

    geboortedatum: date
    bsn: str = ""
    achternaam: str = ""
    geslacht: str = ""

    def sleutel(self) -> tuple[str, bool]:
        """(key, zonder_bsn). Raises ValidationError with a plain-Dutch message."""
        if self.bsn:
            return pseudoniem.for_bsn(validate_bsn(self.bsn)), False
        naam = pseudoniem.normalise_name(self.achternaam)
        if not naam:
            raise ValidationError(
                _("Vul het BSN in. Heeft de jongere geen BSN? Vul dan de achternaam en het geslacht in."),
                code="geen_bsn",
            )
        if self.geslacht not in GESLACHTEN:
            raise ValidationError(_("Kies het geslacht: man, vrouw of onbekend."), code="geslacht")
        return pseudoniem.for_vsn(
            achternaam=self.achternaam, geboortedatum=self.geboortedatum, geslacht=self.geslacht
        ), True

    def hint(self) -> str:
        return mask(validate_bsn(self.bsn)) if self.bsn else _("zonder BSN")


@dataclass
class Registratie:
    melding: Melding
    nieuw: bool
    match: Match | None


def _niet_aangesloten(actor: Actor) -> NoReturn:
    refuse(actor, object_type=ObjectType.INDEX, segment=Segment.NIET_AANGESLOTEN)


def organisatie_van(actor: Actor) -> Organisatie:
    """The organisation the actor acts for; a refusal for anyone without one."""
    org = selectors.organisatie_van(actor)
    if org is None:
        _niet_aangesloten(actor)
    return org


def meldende_organisatie(actor: Actor) -> Organisatie:
    """The actor's organisation if the actor may register for it (art. 7.1.1.2), else a refusal.
    Its connection (`vi_aansluiting`, with the coordinator) comes in the same query."""
    if not actor.has_role(Rol.MELDINGSBEVOEGD):
        _niet_aangesloten(actor)
    org = selectors.organisatie_van(actor, met_aansluiting=True)
    if org is None:
        _niet_aangesloten(actor)
    if not org.aangesloten_verwijsindex or not org.mag_aansluiten_op_verwijsindex:
        _niet_aangesloten(actor)
    return org


def meldingsbevoegd(gebruiker: Gebruiker, organisatie: Organisatie) -> bool:
    return Medewerker.objects.filter(
        gebruiker=gebruiker, organisatie=organisatie, rol=Rol.MELDINGSBEVOEGD, actief=True, gebruiker__is_active=True
    ).exists()


def melder_vinden(*, actor: Actor, email: str) -> Gebruiker:
    """The registering professional an organisation's system names by e-mail (the API): an active,
    meldingsbevoegde professional of the actor's own organisation. Anyone else — an unknown address,
    someone of another organisation, someone not meldingsbevoegd — gets the same message, so the
    API cannot be used to find out who has an account."""
    return _melder_bij(meldende_organisatie(actor), email)


def _melder_bij(organisatie: Organisatie, email: str) -> Gebruiker:
    email = email.strip()
    bevoegd = (
        Medewerker.objects.filter(
            organisatie=organisatie,
            rol=Rol.MELDINGSBEVOEGD,
            actief=True,
            gebruiker__is_active=True,
            gebruiker__email__iexact=email,
        )
        .select_related("gebruiker")
        .order_by("id")
        .first()
        if email
        else None
    )
    if bevoegd is None:
        raise ValidationError(
            {"melder_email": [_("Onbekende melder: dit is geen meldingsbevoegde professional van uw organisatie.")]},
            code="melder",
        )
    return bevoegd.gebruiker


def _jongere_locked(sleutel: str, zonder_bsn: bool, uuid: UUID, *, bestond: bool) -> Jongere:
    """Get or create the youth's key row and lock it: matching on one youth runs one at a time (F4).

    `bestond`: the key was found a moment ago (then one SELECT … FOR UPDATE). Otherwise an
    INSERT … ON CONFLICT DO NOTHING first: two first registrations of one youth at once both
    end up on the one row, without a savepoint or a retry."""
    lock = Jongere.objects.select_for_update().filter(sleutel=sleutel)
    if bestond and (jongere := lock.first()) is not None:
        return jongere
    Jongere.objects.bulk_create([Jongere(sleutel=sleutel, zonder_bsn=zonder_bsn, uuid=uuid)], ignore_conflicts=True)
    return lock.get()


class _Telling:
    """The usage counts of one registration, written as one multi-row INSERT at its end
    (append-only `Gebruiksteller` rows: no row lock shared with other registrations)."""

    def __init__(self, moment: datetime) -> None:
        self.maand = timezone.localtime(moment).date().replace(day=1)
        self.per_organisatie: dict[int, list[int]] = {}

    def tel(self, organisatie_id: int, *, meldingen: int = 0, matches: int = 0) -> None:
        n = self.per_organisatie.setdefault(organisatie_id, [0, 0])
        n[0] += meldingen
        n[1] += matches

    def opslaan(self) -> None:
        Gebruiksteller.objects.bulk_create(
            Gebruiksteller(organisatie_id=org, maand=self.maand, meldingen=m, matches=x)
            for org, (m, x) in sorted(self.per_organisatie.items())
        )


def tellers_samenvoegen(*, voor: date) -> int:
    """Roll the usage rows of the months before `voor` up into one row per organisation and
    month; every sum stays what it was (the rows read are the rows deleted). Returns the rows removed."""
    rijen = list(
        Gebruiksteller.objects.filter(maand__lt=voor).values_list(
            "pk", "organisatie_id", "maand", "meldingen", "matches"
        )
    )
    groepen: dict[tuple[int, date], list[tuple[int, int, int]]] = {}
    for pk, org, maand, meldingen, matches in rijen:
        groepen.setdefault((org, maand), []).append((pk, meldingen, matches))
    samen = {k: v for k, v in groepen.items() if len(v) > 1}
    if not samen:
        return 0
    with transaction.atomic():
        weg = [pk for v in samen.values() for pk, _m, _x in v]
        for i in range(0, len(weg), 1000):
            Gebruiksteller.objects.filter(pk__in=weg[i : i + 1000]).delete()
        Gebruiksteller.objects.bulk_create(
            [
                Gebruiksteller(
                    organisatie_id=org, maand=maand, meldingen=sum(r[1] for r in v), matches=sum(r[2] for r in v)
                )
                for (org, maand), v in samen.items()
            ],
            batch_size=1000,
        )
    return len(weg) - len(samen)


def _signaleer(actor: Actor, *, match: Match, signalen: list[tuple[Melding, list[Melding]]], sleutel: str) -> None:
    """Tell each registrant, once per event, about the other registration(s) in the match: per
    (registrant, others) one message that names every other organisation (no person), all of
    them in one outbox statement, and each in the logbook as told (`Actie.INFORM`), not as a
    read. `sleutel` names the event for idempotency."""
    berichten = []
    verteld = []
    for ontvanger, over in signalen:
        if ontvanger.melder is None:
            continue
        namen = sorted({m.organisatie.naam for m in over})
        lijst = ", ".join(namen[:5])
        if len(namen) > 5:  # the title stays short; the match page lists them all
            lijst += _(" en %(aantal)d andere") % {"aantal": len(namen) - 5}
        berichten.append(
            Bericht(
                ontvanger=ontvanger.melder,
                soort="verwijsindex_match",
                titel=_("Er is een match in de verwijsindex met: %(organisaties)s") % {"organisaties": lijst},
                link=reverse("verwijsindex:match", kwargs={"uuid": match.uuid}),
                dedupe_key=f"vi-match:{match.uuid}:{ontvanger.uuid}:{sleutel}",
            )
        )
        verteld.append(ontvanger)
    notify_many(berichten)
    for ontvanger in verteld:
        logevents.match_informed(actor, ontvanger)


def _archief_signaal(actor: Actor, *, melding: Melding, gezien: list[Melding]) -> None:
    """An archived registration signals once, to a new registrant on the same youth (art. 7.1.4.6).
    `gezien`: the youth's registrations read under its lock; only if one of them is an archived,
    unsignalled one of another organisation are those locked and read again (rare)."""
    if melding.melder is None or not any(
        m.status == MeldingStatus.GEARCHIVEERD and m.organisatie_id != melding.organisatie_id for m in gezien
    ):
        return
    archief = list(
        Melding.objects.select_for_update()
        .filter(jongere=melding.jongere, status=MeldingStatus.GEARCHIVEERD, archief_gesignaleerd=False)
        .exclude(organisatie_id=melding.organisatie_id)
    )
    if not archief:
        return
    ArchiefSignaal.objects.bulk_create([ArchiefSignaal(ontvanger=melding, archief=a) for a in archief])
    Melding.objects.filter(pk__in=[a.pk for a in archief]).update(archief_gesignaleerd=True)
    notify(
        ontvanger=melding.melder,
        soort="verwijsindex_archief",
        titel=_("Er was eerder een melding over een jongere die u meldde"),
        link=reverse("verwijsindex:melding", kwargs={"uuid": melding.uuid}),
        dedupe_key=f"vi-archief:{melding.uuid}",
    )
    logevents.archive_informed(actor, melding)


def _regie_kiezen(match: Match, actieve: list[Melding]) -> None:
    """Assign the coordinating organisation by the region's ordered kinds; care-giving kinds only."""
    regio_id = actieve[0].organisatie.regio_id
    beleid = Regiebeleid.objects.filter(regio_id=regio_id).first()
    volgorde = list(beleid.volgorde if beleid and beleid.volgorde else ZORGVERLENENDE_SOORTEN)
    volgorde = [s for s in volgorde if s in ZORGVERLENENDE_SOORTEN]
    rang = {soort: i for i, soort in enumerate(volgorde)}
    kandidaten = sorted(
        (m for m in actieve if m.organisatie.soort in rang), key=lambda m: (rang[m.organisatie.soort], m.aangemeld_op)
    )
    if kandidaten:
        match.regie_organisatie = kandidaten[0].organisatie
        match.regie_sinds = timezone.now()
        match.regie_door_afspraak = False


def _matchen(
    actor: Actor, melding: Melding, nu: datetime, *, eerdere: list[Melding], telling: _Telling
) -> Match | None:
    """`eerdere`: the youth's other current registrations, read under its lock."""
    actieve = [*eerdere, melding]
    if len(actieve) < 2:
        return None
    match = Match.objects.filter(jongere=melding.jongere, status=MatchStatus.ACTIEF).first()
    nieuw = match is None
    if match is None:
        match = Match(jongere=melding.jongere, aangemaakt=nu)
        _regie_kiezen(match, actieve)
        match.save()
    elif match.regie_organisatie_id is None:
        _regie_kiezen(match, actieve)
        match.save(update_fields=["regie_organisatie", "regie_sinds", "regie_door_afspraak"])
    Melding.objects.filter(pk__in=[m.pk for m in actieve]).update(match=match)
    nieuwe = next(m for m in actieve if m.pk == melding.pk)
    anderen = [m for m in actieve if m.pk != melding.pk]
    # the new registrant learns of all others in one message; each other one learns of the new one
    signalen = [(nieuwe, anderen), *((ander, [nieuwe]) for ander in anderen)]
    _signaleer(actor, match=match, signalen=signalen, sleutel=str(nieuwe.uuid))
    for m in actieve if nieuw else [melding]:
        telling.tel(m.organisatie_id, matches=1)
    return match


def melding_registreren(
    *, actor: Actor, identificatie: Identificatie, melder: Gebruiker | str, bron: str = Bron.APP
) -> Registratie:
    """Register a youth for the actor's organisation; idempotent while a registration is current.

    `melder`: the registering professional, or (an organisation's system) their e-mail address,
    looked up as `melder_vinden` does. Raises ValidationError (bad input, in Dutch) or Geweigerd
    (not meldingsbevoegd here).

    About 17 statements for a new youth, constant (tests/verwijsindex/test_api.py): the
    youth's registrations are read once under its lock (the existing one, the others to match,
    an archived one to signal), the usage counts are one INSERT at the end.
    """
    organisatie = meldende_organisatie(actor)
    if isinstance(melder, str):  # an organisation's system names its professional by e-mail
        melder = _melder_bij(organisatie, melder)
    elif not meldingsbevoegd(melder, organisatie):
        raise ValidationError(
            _("Deze melder is niet meldingsbevoegd bij uw organisatie. Vraag functioneel beheer dit te regelen."),
            code="melder",
        )
    nu = timezone.now()
    data = termijnen(geboortedatum=identificatie.geboortedatum, gemeld_op=timezone.localtime(nu).date())
    sleutel, zonder_bsn = identificatie.sleutel()
    hint = identificatie.hint()
    # The family match asks the BRP before the transaction (a short timeout, no lock held).
    bekend = Jongere.objects.filter(sleutel=sleutel).values_list("uuid", flat=True).first()
    jongere_uuid = bekend or uuid4()
    ouders = gezinsmatch.ouders_opvragen(
        actor, bsn=validate_bsn(identificatie.bsn) if identificatie.bsn else "", jongere_uuid=jongere_uuid
    )
    with transaction.atomic():
        jongere = _jongere_locked(sleutel, zonder_bsn, jongere_uuid, bestond=bekend is not None)
        gezien = list(
            Melding.objects.select_related("organisatie", "melder", "match")
            .filter(jongere=jongere)
            .filter(Q(status=MeldingStatus.ACTIEF) | Q(status=MeldingStatus.GEARCHIVEERD, archief_gesignaleerd=False))
            .order_by("aangemeld_op", "id")
        )
        for m in gezien:
            m.jongere = jongere
        eerdere = [m for m in gezien if m.status == MeldingStatus.ACTIEF]
        bestaand = next((m for m in eerdere if m.organisatie_id == organisatie.id), None)
        if bestaand is not None:
            logevents.melding_existed(actor, bestaand)
            return Registratie(bestaand, False, bestaand.match)
        aansluiting = _aansluiting(organisatie)
        coordinator = aansluiting.coordinator if aansluiting else None
        melding = Melding(
            jongere=jongere,
            organisatie=organisatie,
            melder=melder,
            melder_naam=melder.weergavenaam,
            melder_telefoon=melder.telefoon or organisatie.telefoon,
            melder_email=melder.email,
            coordinator_naam=coordinator.weergavenaam if coordinator else "",
            coordinator_telefoon=(coordinator.telefoon or organisatie.telefoon) if coordinator else "",
            coordinator_email=coordinator.email if coordinator else "",
            aangemeld_op=nu,
            verwijderdatum=data.verwijderdatum,
            automatische_reden=data.automatische_reden,
            uiterste_datum=data.uiterste_datum,
            informeren=data.informeren,
            kenmerk_hint=hint,
            bron=bron,
        )
        # a fresh uuid4 needs no uniqueness query; the database's constraints still hold
        melding.full_clean(
            exclude=["jongere", "organisatie", "melder", "match"], validate_unique=False, validate_constraints=False
        )
        melding.save()
        logevents.melding_registered(actor, melding)
        telling = _Telling(nu)
        telling.tel(organisatie.id, meldingen=1)
        _archief_signaal(actor, melding=melding, gezien=gezien)
        match = _matchen(actor, melding, nu, eerdere=eerdere, telling=telling)
        if match is not None:
            melding.match = match
        gezinsmatch.bijwerken(actor, melding=melding, ouders=ouders, nu=nu)
        telling.opslaan()
    return Registratie(melding, True, match)


def _aansluiting(organisatie: Organisatie) -> Aansluiting | None:
    """The connection `meldende_organisatie` read with the organisation (None if there is none)."""
    try:
        return organisatie.vi_aansluiting
    except Aansluiting.DoesNotExist:
        return None


def _einde_match(match_id: int | None, nu: datetime) -> bool:
    if match_id is None:
        return False
    match = Match.objects.filter(pk=match_id, status=MatchStatus.ACTIEF).first()
    if match is None:
        return False
    if Melding.objects.filter(match=match, status=MeldingStatus.ACTIEF).count() >= 2:
        return False
    match.status = MatchStatus.BEEINDIGD
    match.beeindigd_op = nu
    match.save(update_fields=["status", "beeindigd_op"])
    return True


def _verwijder(*, melding: Melding, reden: str, nu: datetime) -> bool:
    """Remove a current registration; archive it or destroy it. Returns True when archived.
    The caller logged the removal (its fetch, or logevents.melding_removed)."""
    match_id = melding.match_id
    vandaag = timezone.localtime(nu).date()
    gearchiveerd = False
    if reden in ARCHIEF_REDENEN:
        tot = archief_tot(verwijderd=vandaag, uiterste_datum=melding.uiterste_datum)
        if tot > vandaag:
            melding.status = MeldingStatus.GEARCHIVEERD
            melding.verwijderd_op = nu
            melding.verwijderreden = reden
            melding.archief_tot = tot
            melding.match = None
            melding.save(update_fields=["status", "verwijderd_op", "verwijderreden", "archief_tot", "match"])
            gearchiveerd = True
    if not gearchiveerd:
        melding.delete()
    _einde_match(match_id, nu)
    gezinsmatch.verlaten(melding.jongere_id, nu)
    return gearchiveerd


def _eigen(actor: Actor, toegang: Toegang[Melding], *, segment: str, actie: str) -> Melding:
    """The fetched registration, if the actor's organisation made it (the scope's relation)."""
    eigen = toegang.relatie == Relatie.MELDER and toegang.obj.status == MeldingStatus.ACTIEF
    return require(actor, toegang, eigen, segment=segment, actie=actie)


def melding_verwijderen(*, actor: Actor, toegang: Toegang[Melding], reden: str) -> bool:
    """Removal by the registrant's organisation (art. 7.1.4.5 lid 1). Returns True when archived.

    `toegang` is the registration fetched with `Actie.DELETE` and segment `verwijderd:<reden>`."""
    segment = logevents.verwijderd(reden)
    melding = _eigen(actor, toegang, segment=segment, actie=Actie.DELETE)
    if reden not in REDENEN_MELDER:
        raise ValidationError(_("Kies een reden: de melding was onterecht, of het risico is weg."), code="reden")
    with transaction.atomic():
        Jongere.objects.select_for_update().filter(pk=melding.jongere_id).first()
        # Under the youth's lock: removed by someone else a moment ago is removed.
        actueel = Melding.objects.select_related("jongere").filter(pk=melding.pk, status=MeldingStatus.ACTIEF).first()
        require(actor, toegang, actueel is not None, segment=segment, actie=Actie.DELETE)
        assert actueel is not None
        return _verwijder(melding=actueel, reden=reden, nu=timezone.now())


def informeren_vastleggen(
    *, actor: Actor, toegang: Toegang[Melding], geinformeerd_op: date | None, reden: str = ""
) -> Melding:
    """Record when the youth and/or parents were informed (art. 7.1.5.1), or why not yet.

    `toegang` is the registration fetched with `Actie.UPDATE` and segment `informeren`."""
    melding = _eigen(actor, toegang, segment=Segment.INFORMEREN, actie=Actie.UPDATE)
    vandaag = kalender.vandaag()
    if geinformeerd_op is None and reden not in NietGeinformeerdReden.values:
        raise ValidationError(_("Vul de datum in waarop u hebt geïnformeerd, of kies waarom dat nog niet kon."))
    if geinformeerd_op is not None:
        if geinformeerd_op > vandaag:
            raise ValidationError(_("De datum ligt in de toekomst. Vul de datum in waarop u hebt geïnformeerd."))
        if geinformeerd_op < timezone.localtime(melding.aangemeld_op).date():
            raise ValidationError(_("De datum ligt vóór de melding. Controleer de datum."))
        reden = ""
    with transaction.atomic():
        melding.geinformeerd_op = geinformeerd_op
        melding.niet_geinformeerd_reden = reden
        melding.save(update_fields=["geinformeerd_op", "niet_geinformeerd_reden"])
    return melding


def _deelnemende_organisaties(match: Match) -> QuerySet[Organisatie]:
    ids = Melding.objects.filter(match=match, status=MeldingStatus.ACTIEF).values("organisatie_id")
    return Organisatie.objects.filter(id__in=ids)


def regie_toewijzen(*, actor: Actor, toegang: Toegang[Match], organisatie: Organisatie) -> Match:
    """Change the coordinating organisation by agreement (a participant), or assign it (functional
    management of the region). `toegang` is the match fetched with `Actie.UPDATE`, segment `matchregie`:
    the relation says which of the two it is."""
    is_beheer = toegang.relatie == Relatie.BEHEER
    match = require(actor, toegang, not is_beheer or actor.has_role(Rol.FUNCTIONEEL_BEHEER), segment=Segment.MATCHREGIE)
    deelnemers = _deelnemende_organisaties(match)
    if match.status != MatchStatus.ACTIEF:
        raise ValidationError(_("Deze match is al beëindigd."))
    if not deelnemers.filter(pk=organisatie.pk).exists():
        raise ValidationError(_("Kies een organisatie die in deze match meldt."))
    if organisatie.soort not in ZORGVERLENENDE_SOORTEN:
        raise ValidationError(_("Deze organisatie mag geen matchregie voeren: kies een zorgverlenende organisatie."))
    with transaction.atomic():
        match.regie_organisatie = organisatie
        match.regie_sinds = timezone.now()
        match.regie_door_afspraak = not is_beheer
        match.save(update_fields=["regie_organisatie", "regie_sinds", "regie_door_afspraak"])
    return match


def contact_vastleggen(*, actor: Actor, toegang: Toegang[Match]) -> Match:
    """The coordinating organisation records that the matched professionals made contact.
    `toegang` is the match fetched with `Actie.UPDATE` and segment `contact`."""
    regie = toegang.relatie == Relatie.REGIE and toegang.obj.status == MatchStatus.ACTIEF
    match = require(actor, toegang, regie, segment=Segment.CONTACT)
    with transaction.atomic():
        if match.contact_vastgelegd_op is None:
            match.contact_vastgelegd_op = timezone.now()
            match.contact_vastgelegd_door = person_of(actor)
            match.save(update_fields=["contact_vastgelegd_op", "contact_vastgelegd_door"])
    return match


# --- Functional management ------------------------------------------------------------------


def _vereis_beheer(actor: Actor) -> Regio:
    if not actor.has_role(Rol.FUNCTIONEEL_BEHEER):
        refuse(actor, object_type=ObjectType.INDEX, segment=Segment.BEHEER)
    return organisatie_van(actor).regio


def _eigen_regio(actor: Actor, organisatie: Organisatie) -> None:
    if organisatie.regio_id != _vereis_beheer(actor).pk:
        refuse(actor, object_type=ObjectType.AANSLUITING, object_id=str(organisatie.uuid), segment=Segment.BEHEER)


def organisatie_aansluiten(
    *, actor: Actor, organisatie: Organisatie, aangesloten: bool, coordinator: Gebruiker | None = None
) -> Organisatie:
    """Connect (or disconnect) an organisation of a kind the Besluit allows (art. 7.1.1.2)."""
    _eigen_regio(actor, organisatie)
    if aangesloten and not organisatie.mag_aansluiten_op_verwijsindex:
        raise ValidationError(_("Dit soort organisatie mag niet aansluiten op de verwijsindex."))
    with transaction.atomic():
        Organisatie.objects.filter(pk=organisatie.pk).update(aangesloten_verwijsindex=aangesloten)
        organisatie.aangesloten_verwijsindex = aangesloten
        if aangesloten:
            Aansluiting.objects.update_or_create(
                organisatie=organisatie,
                defaults={"coordinator": coordinator},
                create_defaults={
                    "sinds": timezone.now(),
                    "aangesloten_door": person_of(actor),
                    "coordinator": coordinator,
                },
            )
        logevents.aansluiting_changed(
            actor, organisatie, segment=Segment.AANGESLOTEN if aangesloten else Segment.AFGESLOTEN
        )
    return organisatie


def meldingsbevoegdheid_zetten(*, actor: Actor, organisatie: Organisatie, gebruiker: Gebruiker, bevoegd: bool) -> None:
    """Designate (or withdraw) a professional of a connected organisation as meldingsbevoegd."""
    _eigen_regio(actor, organisatie)
    if not Medewerker.objects.filter(gebruiker=gebruiker, organisatie=organisatie, actief=True).exists():
        raise ValidationError(_("Deze persoon werkt niet bij deze organisatie."))
    if bevoegd and not organisatie.aangesloten_verwijsindex:
        raise ValidationError(_("Sluit de organisatie eerst aan op de verwijsindex."))
    with transaction.atomic():
        if bevoegd:
            Medewerker.objects.update_or_create(
                gebruiker=gebruiker, organisatie=organisatie, rol=Rol.MELDINGSBEVOEGD, defaults={"actief": True}
            )
        else:
            Medewerker.objects.filter(gebruiker=gebruiker, organisatie=organisatie, rol=Rol.MELDINGSBEVOEGD).update(
                actief=False
            )
        logevents.aansluiting_changed(
            actor, organisatie, segment=Segment.MELDINGSBEVOEGD if bevoegd else Segment.NIET_MELDINGSBEVOEGD
        )


def regiebeleid_opslaan(*, actor: Actor, volgorde: list[str], termijn_dagen: int) -> Regiebeleid:
    regio = _vereis_beheer(actor)
    onbekend = [s for s in volgorde if s not in ZORGVERLENENDE_SOORTEN]
    if onbekend:
        raise ValidationError(_("Alleen zorgverlenende organisaties mogen matchregie voeren."))
    if not 1 <= termijn_dagen <= 365:
        raise ValidationError(_("Kies een termijn van 1 tot en met 365 dagen."))
    with transaction.atomic():
        beleid, _created = Regiebeleid.objects.update_or_create(
            regio=regio, defaults={"volgorde": list(dict.fromkeys(volgorde)), "termijn_dagen": termijn_dagen}
        )
    return beleid


def _overlijden(actor: Actor, jongere: Jongere, meldingen: list[Melding], nu: datetime) -> int:
    """Destroy these registrations of a youth who died, archive included (art. 7.1.4.5/6), end
    their matches and the family match, and count it. Under the youth's lock."""
    for melding in meldingen:
        logevents.melding_removed(actor, melding, reden=Verwijderreden.OVERLEDEN)
    Melding.objects.filter(pk__in=[m.pk for m in meldingen]).delete()
    for match_id in {m.match_id for m in meldingen}:
        _einde_match(match_id, nu)
    gezinsmatch.verlaten(jongere.pk, nu)
    if not Melding.objects.filter(jongere=jongere).exists():
        jongere.delete()
    Bewaarrun.objects.create(gestart=nu, peildatum=kalender.vandaag(), vernietigd=len(meldingen))
    return len(meldingen)


def overlijden_vastleggen(*, actor: Actor, identificatie: Identificatie) -> int:
    """A recorded death removes every registration in the manager's own region at once and destroys
    its archive (art. 7.1.4.5/6). Another region's registrations are that region's to remove."""
    regio = _vereis_beheer(actor)
    sleutel, _zonder = identificatie.sleutel()
    with transaction.atomic():
        jongere = Jongere.objects.select_for_update().filter(sleutel=sleutel).first()
        if jongere is None:
            return 0
        meldingen = list(Melding.objects.select_related("jongere").filter(jongere=jongere, organisatie__regio=regio))
        return _overlijden(actor, jongere, meldingen, timezone.now())


def overlijden_verwerken(*, bsn_sleutel: str) -> int:
    """A death the BRP recorded (brp.signalen.overlijden_vastgesteld): every registration of the
    youth is destroyed, archive included, in every region (art. 7.1.4.5 lid 2), so no signal
    about the youth goes out any more. Takes the youth's key, never the BSN."""
    with transaction.atomic():
        jongere = Jongere.objects.select_for_update().filter(sleutel=bsn_sleutel).first()
        if jongere is None:
            return 0
        meldingen = list(Melding.objects.select_related("jongere", "organisatie").filter(jongere=jongere))
        return _overlijden(SYSTEEM_BRP, jongere, meldingen, timezone.now())


# --- Retention (art. 7.1.4.5 lid 2, 7.1.4.6) --------------------------------------------------

SYSTEEM = Actor(
    user=None,
    rol="systeem",
    display_name="bewaartermijnen verwijsindex",
    namens="regio (verantwoordelijke)",
    bronsysteem="verwijsindex-bewaartermijnen",
)


SYSTEEM_BRP = Actor(
    user=None,
    rol="systeem",
    display_name="overlijden uit de BRP",
    namens="regio (verantwoordelijke)",
    bronsysteem="verwijsindex-brp",
)


def bewaartermijnen_uitvoeren(*, vandaag: date | None = None, batch: int = 1000) -> Bewaarrun:
    """Execute every term: automatic removal, archive end, destruction. Idempotent; counts what it did."""
    nu = timezone.now()
    vandaag = vandaag or kalender.vandaag()
    run = Bewaarrun(gestart=nu, peildatum=vandaag)
    while True:
        ids = list(
            Melding.objects.filter(status=MeldingStatus.ACTIEF, verwijderdatum__lte=vandaag).values_list(
                "pk", flat=True
            )[:batch]
        )
        if not ids:
            break
        for pk in ids:
            with transaction.atomic():
                melding = Melding.objects.select_related("jongere").filter(pk=pk, status=MeldingStatus.ACTIEF).first()
                if melding is None:
                    continue
                Jongere.objects.select_for_update().filter(pk=melding.jongere_id).first()
                reden = melding.automatische_reden
                if reden == Verwijderreden.TERMIJN:
                    run.verwijderd_termijn += 1
                else:
                    run.verwijderd_23 += 1
                match_id = melding.match_id
                logevents.melding_removed(SYSTEEM, melding, reden=reden)
                if _verwijder(melding=melding, reden=reden, nu=nu):
                    run.gearchiveerd += 1
                else:
                    run.vernietigd += 1
                if (
                    match_id
                    and Match.objects.filter(pk=match_id, status=MatchStatus.BEEINDIGD, beeindigd_op=nu).exists()
                ):
                    run.matches_beeindigd += 1
    with transaction.atomic():
        verlopen = Melding.objects.filter(status=MeldingStatus.GEARCHIVEERD, archief_tot__lte=vandaag)
        run.vernietigd += verlopen.count()
        verlopen.delete()
        # a youth key without any registration left is destroyed too (its matches stay, anonymous)
        Jongere.objects.filter(meldingen__isnull=True).delete()
        tellers_samenvoegen(voor=vandaag.replace(day=1))
        run.save()
    return run


# --- Key rotation ---------------------------------------------------------------------------


def sleutel_roteren(*, nieuwe_sleutel: str) -> int:
    """Re-key every stored youth key with a new secret, in one transaction: nothing is lost.

    After this, set JEUGDKETEN_PSEUDONYM_KEY to the new key and append the old one to
    JEUGDKETEN_PSEUDONYM_KEY_CHAIN (docs/verwijsindex.md)."""
    if len(nieuwe_sleutel) < 32:
        raise ValidationError(_("De nieuwe sleutel is te kort: gebruik minstens 32 tekens."))
    huidige = pseudoniem.key_chain()
    if nieuwe_sleutel in huidige:
        raise ValidationError(_("Deze sleutel is al in gebruik geweest. Kies een nieuwe."))
    with transaction.atomic():
        stand = Sleutelstand.objects.select_for_update().first()
        if stand is not None and stand.vingerafdruk != pseudoniem.fingerprint(huidige):
            raise ValidationError(
                _("De ingestelde sleutels passen niet bij de opgeslagen gegevens. Er is niets gewijzigd.")
            )
        rows = list(Jongere.objects.select_for_update().only("pk", "sleutel"))
        for row in rows:
            row.sleutel = pseudoniem.rekey(row.sleutel, nieuwe_sleutel)
        # two passes would only be needed on a collision, which a 256-bit HMAC does not produce
        Jongere.objects.bulk_update(rows, ["sleutel"], batch_size=2000)
        gezinsmatch.rekey(nieuwe_sleutel)  # the parents' pseudonyms of the family match
        nieuw = pseudoniem.fingerprint([*huidige, nieuwe_sleutel])
        Sleutelstand.objects.update_or_create(pk=1, defaults={"vingerafdruk": nieuw, "gewijzigd": timezone.now()})
    return len(rows)
