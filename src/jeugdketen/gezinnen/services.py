"""Every write about families: typed, keyword-only, atomic, permission-checked, logged.

Each function checks that the actor may do this, writes the access-log row of the part it adds or
changes (a member, a network member, a consent) and any outbox rows in the same transaction, and
raises django ValidationError (plain Dutch, per field where possible) or `Geweigerd` (through
`core.access.refuse`: not yours, logged as denied) otherwise.

A page passes the relation `core.access.fetch` returned with the family (`rol`); the access to
the family itself is that fetch's log entry, so a service logs only the part it touches. Jobs,
other apps and the demo leave `rol` out: the service then asks the family's scope (one query).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, refuse
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.models import Actie, Uitkomst
from jeugdketen.core.outbox import notify
from jeugdketen.core.toegangslog import log_access, log_attempt
from jeugdketen.organisaties.api_auth import hash_key
from jeugdketen.organisaties.models import Gebruiker, GebruikerSoort, Gemeente, Organisatie
from jeugdketen.organisaties.selectors import acting_person
from jeugdketen.personen import services as personen
from jeugdketen.personen.models import Jeugdige

from . import brpgegevens, regels, selectors
from .logevents import ObjectType, Segment
from .models import (
    Gezin,
    Gezinslid,
    LidSoort,
    MandaatGrondslag,
    Netwerklid,
    Toestemming,
    ToestemmingSoort,
    Uitnodiging,
)

UITNODIGING_GELDIG = dt.timedelta(days=14)


@dataclass(frozen=True)
class LidInvoer:
    soort: str
    voornaam: str
    achternaam: str
    bsn: str = ""
    geboortedatum: dt.date | None = None
    gezag: bool = False
    # The actor confirmed that this is the person already in another family they may see: the
    # member is added with that person's recorded name and birth date (and person record).
    bestaande: bool = False


# Who may do what in a family (one list for the page and the service).
MAG_LEDEN_TOEVOEGEN = (selectors.PROFESSIONAL, selectors.OUDER)
MAG_NETWERK_UITNODIGEN = (selectors.PROFESSIONAL, selectors.OUDER, selectors.JONGERE)


def _log(
    actor: Actor,
    rol: selectors.GezinsRol,
    gezin: Gezin,
    *,
    actie: str,
    object_type: str,
    object_id: object,
    segment: str,
) -> None:
    log_access(
        actor,
        actie=actie,
        object_type=object_type,
        object_id=str(object_id),
        segment=segment,
        client_id=selectors.client_id(gezin),
        grondslag=rol.grondslag,
    )


def _log_toestemming(
    actor: Actor, rol: selectors.GezinsRol, gezin: Gezin, toestemming: Toestemming, *, actie: str, segment: Segment
) -> None:
    """A consent or mandate given, confirmed, withdrawn or recorded."""
    _log(
        actor, rol, gezin, actie=actie, object_type=ObjectType.TOESTEMMING, object_id=toestemming.uuid, segment=segment
    )


def require_role(
    by: Actor, gezin: Gezin, rol: selectors.GezinsRol | None, *, allowed: tuple[str, ...], segment: str
) -> tuple[selectors.GezinsRol, Gebruiker]:
    """The actor's relation to this family (the one `fetch` returned, or the scope's answer now)
    if it is one of `allowed`, and the person acting; otherwise the logged refusal."""
    if rol is None:
        rol = selectors.rol_in_gezin(by, gezin)
    if rol is None or rol.gezin_id != gezin.pk or rol.soort not in allowed:
        refuse(by, object_type=ObjectType.GEZIN, object_id=str(gezin.uuid), segment=segment, actie=Actie.UPDATE)
    return rol, acting_person(by, object_type=ObjectType.GEZIN, object_id=str(gezin.uuid), segment=segment)


# --- Members ---------------------------------------------------------------------------------


def validate_members(
    leden: list[LidInvoer],
    *,
    bestaande_bsns: set[str] | None = None,
    by: Actor | None = None,
    buiten: Gezin | None = None,
) -> list[LidInvoer]:
    """Check BSN (11-test), birth date, and that no youth is entered twice.

    With `by`: a BSN of someone already in another family that `by` may see is offered instead of
    a second record of them (`_bekende_persoon`); not confirmed yet, the error at `<i>-bestaande`
    names that person; confirmed (`LidInvoer.bestaande`), their recorded name and birth date are
    used. Someone `by` may not see is not mentioned (docs/gezinsplan.md, "Someone already known").

    Raises ValidationError({"leden-<i>-<field>": message}) so a form can show each message at
    its own field while keeping everything else the user typed.
    """
    errors: dict[str, list[str]] = {}
    seen = set(bestaande_bsns or ())
    today = kalender.vandaag()
    cleaned: list[LidInvoer] = []
    bekenden = selectors.bekende_leden(by, _geldige_bsns(leden), buiten=buiten) if by is not None else {}
    for i, lid in enumerate(leden):
        bsn = (lid.bsn or "").strip()
        if lid.soort == LidSoort.JEUGDIGE and not bsn:
            errors.setdefault(f"{i}-bsn", []).append(_("Vul het BSN van de jeugdige in."))
        if bsn:
            try:
                bsn = validate_bsn(bsn)
            except ValidationError as exc:
                errors.setdefault(f"{i}-bsn", []).extend(exc.messages)
            else:
                if bsn in seen:
                    errors.setdefault(f"{i}-bsn", []).append(
                        _("Deze jeugdige staat al in het gezin (hetzelfde BSN). Vul iedereen maar één keer in.")
                    )
                elif by is not None and bsn in bekenden:
                    lid, aanbod = _bekende_persoon(by, lid, bsn, bekenden[bsn])
                    if aanbod:
                        errors.setdefault(f"{i}-bestaande", []).append(aanbod)
                seen.add(bsn)
        if lid.soort == LidSoort.JEUGDIGE and lid.geboortedatum is None:
            errors.setdefault(f"{i}-geboortedatum", []).append(_("Vul de geboortedatum van de jeugdige in."))
        if lid.geboortedatum is not None and lid.geboortedatum > today:
            errors.setdefault(f"{i}-geboortedatum", []).append(
                _("De geboortedatum ligt in de toekomst. Controleer de datum.")
            )
        if not lid.voornaam.strip():
            errors.setdefault(f"{i}-voornaam", []).append(_("Vul een voornaam in."))
        if not lid.achternaam.strip():
            errors.setdefault(f"{i}-achternaam", []).append(_("Vul een achternaam in."))
        cleaned.append(
            LidInvoer(
                soort=lid.soort,
                voornaam=lid.voornaam.strip(),
                achternaam=lid.achternaam.strip(),
                bsn=bsn,
                geboortedatum=lid.geboortedatum,
                gezag=lid.gezag and lid.soort != LidSoort.JEUGDIGE,
            )
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _geldige_bsns(leden: list[LidInvoer]) -> set[str]:
    bsns = set()
    for lid in leden:
        try:
            bsns.add(validate_bsn((lid.bsn or "").strip()))
        except ValidationError:
            continue
    return bsns


def _bekende_persoon(
    by: Actor, lid: LidInvoer, bsn: str, gevonden: tuple[Gezinslid, selectors.GezinsRol]
) -> tuple[LidInvoer, str]:
    """`by` may see someone with this BSN in another family (`selectors.bekende_leden`): either
    the offer to add that person (a message naming them) or, once confirmed, the member with that
    person's recorded name and birth date. Showing the person is a read of the other family's
    members and is logged (so that it survives the rollback of the refused save)."""
    bekend, rol = gevonden
    log_attempt(
        by,
        uitkomst=Uitkomst.SUCCESS,
        actie=Actie.READ,
        object_type=ObjectType.GEZINSLID,
        object_id=str(bekend.uuid),
        segment=Segment.GEZINSLEDEN,
        client_id=selectors.client_id(bekend.gezin),
        grondslag=rol.grondslag,
    )
    if not lid.bestaande:
        geboren = bekend.geboortedatum.strftime("%d-%m-%Y") if bekend.geboortedatum else _("onbekend")
        return lid, _(
            "Deze persoon staat al in %(gezin)s: %(naam)s, geboren %(geboren)s. Is dit dezelfde persoon? "
            "Vink dan hieronder aan dat u deze persoon wilt toevoegen. Anders: controleer het BSN."
        ) % {"gezin": bekend.gezin.naam, "naam": bekend.naam, "geboren": geboren}
    return (
        LidInvoer(
            soort=lid.soort,
            voornaam=bekend.voornaam,
            achternaam=bekend.achternaam,
            bsn=bsn,
            geboortedatum=bekend.geboortedatum or lid.geboortedatum,
            gezag=lid.gezag,
            bestaande=True,
        ),
        "",
    )


def _create_members(gezin: Gezin, leden: list[LidInvoer]) -> list[Gezinslid]:
    rows = [
        Gezinslid(
            persoon=_persoon(gezin, lid),
            gezin=gezin,
            gemeente_id=gezin.gemeente_id,  # bulk_create does not run Gezinslid.save
            soort=lid.soort,
            voornaam=lid.voornaam,
            achternaam=lid.achternaam,
            bsn=lid.bsn,
            geboortedatum=lid.geboortedatum,
            gezag=lid.gezag,
        )
        for lid in leden
    ]
    for row in rows:
        row.full_clean(exclude=["gezin", "bsn"])
    try:
        with transaction.atomic():
            return Gezinslid.objects.bulk_create(rows)
    except IntegrityError:  # a concurrent add of the same youth
        raise ValidationError(
            {"0-bsn": [_("Deze jeugdige staat al in het gezin (hetzelfde BSN). Vul iedereen maar één keer in.")]}
        ) from None


def _persoon(gezin: Gezin, lid: LidInvoer) -> Jeugdige | None:
    """A youth member is the platform's one person record of that youth (docs/decisions/0008)."""
    if lid.soort != LidSoort.JEUGDIGE or not lid.bsn or lid.geboortedatum is None:
        return None
    try:
        return personen.jeugdige_vastleggen(
            bsn=lid.bsn,
            geboortedatum=lid.geboortedatum,
            voornamen=lid.voornaam,
            achternaam=lid.achternaam,
            gemeente=gezin.gemeente,
            vanaf=kalender.vandaag(),
        )
    except ValidationError as exc:
        if exc.code != "bsn_geboortedatum":
            raise
        # Neutral: not "already known" — whoever enters this may not see where the BSN is known.
        raise ValidationError(
            _(
                "Het BSN en de geboortedatum van %(naam)s horen niet bij elkaar. Controleer ze, bijvoorbeeld "
                "in de BRP; er is niets opgeslagen."
            )
            % {"naam": f"{lid.voornaam} {lid.achternaam}".strip()},
            code="bsn_geboortedatum",
        ) from None


@transaction.atomic
def gezin_aanmaken(
    *,
    by: Actor,
    naam: str,
    gemeente: Gemeente,
    leden: list[LidInvoer],
    doel: str,
    einddatum: dt.date | None,
    mandaat_grondslag: str = "",
) -> Gezin:
    """A professional starts a family. Their organisation's access is recorded at once: the
    family's consent (told to the professional) or, for GI/Veilig Thuis, a legal mandate."""
    if not selectors.is_professional(by):
        refuse(by, object_type=ObjectType.GEZIN, segment=Segment.AANMAKEN, actie=Actie.CREATE)
    person = acting_person(by, object_type=ObjectType.GEZIN, segment=Segment.AANMAKEN)
    organisatie = Organisatie.objects.get(uuid=by.organisatie_id)
    errors: dict[str, list[str]] = {}
    if not any(lid.soort == LidSoort.JEUGDIGE for lid in leden):
        errors["__all__"] = [_("Een gezin heeft minstens één jeugdige.")]
    if mandaat_grondslag:
        if organisatie.soort not in selectors.MANDAAT_SOORTEN:
            errors["mandaat_grondslag"] = [
                _("Alleen een gecertificeerde instelling of Veilig Thuis werkt met een wettelijk mandaat.")
            ]
        elif mandaat_grondslag not in MandaatGrondslag.values:
            errors["mandaat_grondslag"] = [_("Kies een wettelijke grondslag uit de lijst.")]
    elif einddatum is None:
        errors["einddatum"] = [_("Vul in tot wanneer de toestemming geldt.")]
    if einddatum is not None and einddatum < kalender.vandaag():
        errors["einddatum"] = [_("De einddatum ligt in het verleden. Kies een datum vanaf vandaag.")]
    if not doel.strip():
        errors["doel"] = [_("Vul het doel in: waarvoor gebruikt u de gegevens van het gezin?")]
    try:
        cleaned = validate_members(leden, by=by)
    except ValidationError as exc:
        errors.update({f"leden-{k}": v for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    gezin = Gezin.objects.create(naam=naam.strip(), gemeente=gemeente, aangemaakt_door=person)
    _create_members(gezin, cleaned)
    Toestemming.objects.create(
        gezin=gezin,
        soort=ToestemmingSoort.MANDAAT if mandaat_grondslag else ToestemmingSoort.TOESTEMMING,
        grondslag=mandaat_grondslag,
        organisatie=organisatie,
        doel=doel.strip(),
        ingangsdatum=kalender.vandaag(),
        einddatum=einddatum,
        actief_sinds=timezone.now(),
        vastgelegd_door=person,
    )
    rol = selectors.rol_in_gezin(by, gezin)  # the access just recorded, through the scope
    if rol is None:  # cannot happen while the scope counts the consent just made; stay closed
        refuse(
            by, object_type=ObjectType.GEZIN, object_id=str(gezin.uuid), segment=Segment.AANMAKEN, actie=Actie.CREATE
        )
    _log(by, rol, gezin, actie=Actie.CREATE, object_type=ObjectType.GEZIN, object_id=gezin.uuid, segment=Segment.GEZIN)
    return gezin


@transaction.atomic
def plan_gestart(gezin: Gezin) -> None:
    """The family's plan has started (gezinsplan.services, in its transaction): its consents say
    so, for the list of families still without one (`Toestemming.gezin_heeft_plan`)."""
    Toestemming.objects.filter(gezin=gezin, gezin_heeft_plan=False).update(gezin_heeft_plan=True)


def gezinslid_toevoegen(
    *, gezin: Gezin, by: Actor, lid: LidInvoer, rol: selectors.GezinsRol | None = None
) -> Gezinslid:
    rol, _person = require_role(by, gezin, rol, allowed=MAG_LEDEN_TOEVOEGEN, segment=Segment.GEZINSLEDEN)
    bestaande = set(Gezinslid.objects.filter(gezin=gezin).exclude(bsn="").values_list("bsn", flat=True))
    cleaned = validate_members([lid], bestaande_bsns=bestaande, by=by, buiten=gezin)
    (row,) = _create_members(gezin, cleaned)
    _log(
        by,
        rol,
        gezin,
        actie=Actie.CREATE,
        object_type=ObjectType.GEZINSLID,
        object_id=row.uuid,
        segment=Segment.GEZINSLEDEN,
    )
    return row


# --- Invitations and citizen logins ----------------------------------------------------------


def _hash(code: str) -> str:
    return hash_key(code.strip())  # a one-time code: the same plain hash as API keys


def _new_citizen(*, voornaam: str, achternaam: str, email: str) -> Gebruiker:
    user = Gebruiker(
        username=f"uitgenodigd-{secrets.token_hex(8)}",
        first_name=voornaam[:150],
        last_name=achternaam[:150],
        email=email,
        soort=GebruikerSoort.BURGER,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def _invite(*, gezin: Gezin, user: Gebruiker, by: Gebruiker) -> str:
    code = secrets.token_urlsafe(18)
    Uitnodiging.objects.create(
        gezin=gezin,
        gebruiker=user,
        code_hash=_hash(code),
        verloopt_op=timezone.now() + UITNODIGING_GELDIG,
        aangemaakt_door=by,
    )
    notify(
        ontvanger=user,
        soort="uitnodiging",
        titel=_("U bent uitgenodigd om mee te doen met een gezinsplan"),
        link=reverse("gezinnen:uitnodiging"),
        dedupe_key=f"uitnodiging:{user.uuid}:{_hash(code)[:12]}",
    )
    return code


@transaction.atomic
def netwerklid_uitnodigen(
    *,
    gezin: Gezin,
    by: Actor,
    naam: str,
    relatie: str,
    omschrijving: str = "",
    ziet_plan: bool = True,
    email: str = "",
    rol: selectors.GezinsRol | None = None,
) -> tuple[Netwerklid, str]:
    """The family (or a professional with them) invites someone from their network.
    Returns the member and the one-time code to pass on (shown once, stored only as a hash)."""
    rol, person = require_role(by, gezin, rol, allowed=MAG_NETWERK_UITNODIGEN, segment=Segment.NETWERK)
    if not naam.strip():
        raise ValidationError({"naam": [_("Vul de naam in van degene die u uitnodigt.")]})
    voornaam, _sep, achternaam = naam.strip().partition(" ")
    user = _new_citizen(voornaam=voornaam, achternaam=achternaam, email=email.strip())
    lid = Netwerklid(
        gezin=gezin,
        naam=naam.strip(),
        relatie=relatie,
        omschrijving=omschrijving.strip(),
        ziet_plan=ziet_plan,
        gebruiker=user,
        toegevoegd_door=person,
    )
    lid.full_clean(exclude=["gezin", "gebruiker", "toegevoegd_door"])
    lid.save()
    code = _invite(gezin=gezin, user=user, by=person)
    _log(
        by,
        rol,
        gezin,
        actie=Actie.CREATE,
        object_type=ObjectType.NETWERKLID,
        object_id=lid.uuid,
        segment=Segment.NETWERK,
    )
    return lid, code


@transaction.atomic
def gezinslid_uitnodigen(
    *, gezinslid: Gezinslid, by: Actor, email: str = "", rol: selectors.GezinsRol | None = None
) -> str:
    """Give a parent or a youth of 12+ their own login; returns the one-time code."""
    gezin = gezinslid.gezin
    rol, person = require_role(
        by, gezin, rol, allowed=(selectors.PROFESSIONAL, selectors.OUDER), segment=Segment.UITNODIGING
    )
    if brpgegevens.overleden(gezinslid):
        raise ValidationError(
            {"__all__": [_("Volgens de BRP is deze persoon overleden. Er gaat geen uitnodiging uit.")]}
        )
    if gezinslid.gebruiker is not None and gezinslid.gebruiker.is_active:
        raise ValidationError({"__all__": [_("Deze persoon heeft al een eigen inlog.")]})
    if gezinslid.is_jeugdige:
        assert gezinslid.geboortedatum is not None
        if not regels.mag_zelf_zien(gezinslid.geboortedatum, kalender.vandaag()):
            raise ValidationError({"__all__": [_("Een kind jonger dan 12 jaar krijgt nog geen eigen inlog.")]})
    user = gezinslid.gebruiker or _new_citizen(
        voornaam=gezinslid.voornaam, achternaam=gezinslid.achternaam, email=email.strip()
    )
    if gezinslid.gebruiker_id is None:
        gezinslid.gebruiker = user
        gezinslid.save(update_fields=["gebruiker"])
    code = _invite(gezin=gezin, user=user, by=person)
    _log(
        by,
        rol,
        gezin,
        actie=Actie.UPDATE,
        object_type=ObjectType.GEZINSLID,
        object_id=gezinslid.uuid,
        segment=Segment.UITNODIGING,
    )
    return code


@transaction.atomic
def uitnodiging_accepteren(*, code: str, username: str, password: str) -> Gebruiker:
    """Turn a one-time code into an own login. The same message for unknown, used or expired
    codes (no hint whether a code exists)."""
    invalid = ValidationError({"code": [_("Deze code klopt niet of is al gebruikt of verlopen. Vraag een nieuwe.")]})
    invite = (
        Uitnodiging.objects.select_for_update()
        .select_related("gebruiker")
        .filter(code_hash=_hash(code), gebruikt_op__isnull=True, verloopt_op__gt=timezone.now())
        .first()
    )
    if invite is None:
        raise invalid
    user = invite.gebruiker
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username or len(username) > 150:
        errors["username"] = [_("Kies een gebruikersnaam van 1 tot 150 tekens.")]
    elif Gebruiker.objects.filter(username__iexact=username).exclude(pk=user.pk).exists():
        errors["username"] = [_("Deze gebruikersnaam is al in gebruik. Kies een andere.")]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.username = username
    user.set_password(password)
    user.is_active = True
    user.save()
    invite.gebruikt_op = timezone.now()
    invite.save(update_fields=["gebruikt_op"])
    return user


@transaction.atomic
def digid_login(*, bsn: str) -> Gebruiker | None:
    """The citizen login for a BSN that DigiD vouched for, or None when the platform has nothing
    for this person here (an unknown BSN, a child under 12, a login switched off): then nothing is
    created or changed.

    The members with this BSN who may use the portal themselves share one login: the one a member
    already has (e.g. from an invitation; the oldest if there are several), or else a new one without
    a password, named after the member. An invitation not yet accepted is accepted by DigiD.
    """
    leden = [
        lid
        for lid in selectors.members_for_own_login(bsn).select_for_update(of=("self",))
        if lid.gebruiker is None or lid.gebruiker.is_burger
    ]
    if not leden:
        return None
    users = sorted({lid.gebruiker for lid in leden if lid.gebruiker is not None}, key=lambda u: u.pk)
    if users:
        user = users[0]
        if not user.is_active:
            if user.has_usable_password() or user.last_login is not None:
                return None  # switched off on purpose: DigiD does not switch it back on
            user.is_active = True
            user.save(update_fields=["is_active"])
    else:
        eerste = leden[0]
        user = Gebruiker(
            username=f"digid-{secrets.token_hex(8)}",
            first_name=eerste.voornaam[:150],
            last_name=eerste.achternaam[:150],
            soort=GebruikerSoort.BURGER,
        )
        user.set_unusable_password()
        user.save()
    bezet = set(Gezinslid.objects.filter(gebruiker=user).values_list("gezin_id", flat=True))  # one login per family
    vrij = [lid.pk for lid in leden if lid.gebruiker is None and lid.gezin_id not in bezet]
    Gezinslid.objects.filter(pk__in=vrij).update(gebruiker=user)
    return user


# --- Consent and mandate ---------------------------------------------------------------------


def _group_of(lid: Gezinslid, op: dt.date) -> str | None:
    if lid.is_jeugdige:
        assert lid.geboortedatum is not None
        return regels.JONGERE if regels.mag_zelf_zien(lid.geboortedatum, op) else None
    return regels.OUDERS if lid.gezag else None


def _door_zelfbeslissende_jongere(toestemming: Toestemming, lid: Gezinslid, op: dt.date) -> bool:
    """Did a youth who now decides alone (16+) give this consent, and is `lid` someone else?"""
    gever = toestemming.gegeven_door
    if gever is None or gever.pk == lid.pk or not gever.is_jeugdige or gever.geboortedatum is None:
        return False
    return regels.beslissers(gever.geboortedatum, op) == frozenset({regels.JONGERE})


def required_groups(gezin: Gezin, op: dt.date) -> frozenset[str]:
    groups: set[str] = set()
    for geboortedatum in Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE).values_list(
        "geboortedatum", flat=True
    ):
        if geboortedatum is not None:
            groups |= regels.beslissers(geboortedatum, op)
    return frozenset(groups or {regels.OUDERS})


@transaction.atomic
def toestemming_geven(
    *,
    gezin: Gezin,
    by: Actor,
    organisatie: Organisatie,
    doel: str,
    einddatum: dt.date,
    medewerker: str = "",
    gegeven_door: Gezinslid | None = None,
    rol: selectors.GezinsRol | None = None,
) -> Toestemming:
    """Consent for an organisation (or one person in it, named by `medewerker`: a username), for
    a purpose, until an end date.

    Given by a family member with say (a parent with authority, a youth of 12+), or recorded by
    a professional who has access on behalf of a named family member. The age rules decide
    whether a second person must also agree before the consent counts. A username is accepted
    only for staff of the chosen organisation, with one message for every other name, so the
    form cannot be used to find out which usernames exist.
    """
    allowed = (selectors.PROFESSIONAL, selectors.OUDER, selectors.JONGERE)
    rol, person = require_role(by, gezin, rol, allowed=allowed, segment=Segment.TOESTEMMING)
    op = kalender.vandaag()
    giver = rol.gezinslid if rol.is_gezin else gegeven_door
    errors: dict[str, list[str]] = {}
    if giver is None or giver.gezin_id != gezin.pk:
        errors["gegeven_door"] = [_("Kies wie in het gezin de toestemming geeft.")]
    if not doel.strip():
        errors["doel"] = [_("Vul het doel in: waarvoor mag de organisatie de gegevens gebruiken?")]
    if einddatum < op:
        errors["einddatum"] = [_("De einddatum ligt in het verleden. Kies een datum vanaf vandaag.")]
    persoonlijk = selectors.staff_member(organisatie.pk, medewerker.strip()) if medewerker.strip() else None
    if medewerker.strip() and persoonlijk is None:
        errors["medewerker"] = [
            _(
                "Deze gebruikersnaam hoort niet bij een medewerker van deze organisatie. "
                "Laat het veld leeg voor de hele organisatie."
            )
        ]
    if organisatie.regio_id != gezin.gemeente.regio_id:
        errors["organisatie"] = [_("Kies een organisatie uit de eigen regio.")]
    elif organisatie.soort in selectors.NIET_IN_PLAN_SOORTEN:
        errors["organisatie"] = [
            _("Deze organisatie doet niet mee aan hulp voor gezinnen. Kies een organisatie uit de lijst.")
        ]
    group = _group_of(giver, op) if giver is not None else None
    needed = required_groups(gezin, op)
    if giver is not None and "gegeven_door" not in errors:
        if group is None:
            errors["gegeven_door"] = [
                _("Alleen een ouder met gezag of een jongere vanaf 12 jaar kan toestemming geven.")
            ]
        elif group not in needed:
            errors["gegeven_door"] = [
                _("De jongere is 16 jaar of ouder en beslist zelf over toestemming.")
                if group == regels.OUDERS
                else _("Voor een kind jonger dan 12 jaar beslissen de ouders met gezag.")
            ]
        elif group == regels.OUDERS and (fout := brpgegevens.gezag_fout(gezin, giver, op)):
            errors["gegeven_door"] = [fout]
    if errors:
        raise ValidationError(errors)
    remaining = needed - {group or ""}
    toestemming = Toestemming.objects.create(
        gezin=gezin,
        soort=ToestemmingSoort.TOESTEMMING,
        organisatie=organisatie,
        medewerker=persoonlijk,
        doel=doel.strip(),
        ingangsdatum=op,
        einddatum=einddatum,
        gegeven_door=giver,
        wacht_op=next(iter(remaining), ""),
        actief_sinds=None if remaining else timezone.now(),
        vastgelegd_door=person,
    )
    _log_toestemming(by, rol, gezin, toestemming, actie=Actie.CREATE, segment=Segment.TOESTEMMING)
    return toestemming


@transaction.atomic
def toestemming_bevestigen(
    *, toestemming: Toestemming, by: Actor, rol: selectors.GezinsRol | None = None
) -> Toestemming:
    """The second person the age rules require (youth 12-15 or parent) agrees too."""
    gezin = toestemming.gezin
    rol, _person = require_role(
        by, gezin, rol, allowed=(selectors.OUDER, selectors.JONGERE), segment=Segment.TOESTEMMING
    )
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    assert rol.gezinslid is not None
    if not toestemming.wacht_op or _group_of(rol.gezinslid, kalender.vandaag()) != toestemming.wacht_op:
        raise ValidationError({"__all__": [_("Deze toestemming wacht niet op uw instemming.")]})
    if toestemming.wacht_op == regels.OUDERS and (
        fout := brpgegevens.gezag_fout(gezin, rol.gezinslid, kalender.vandaag())
    ):
        raise ValidationError({"__all__": [fout]})
    if toestemming.ingetrokken_op is not None:
        raise ValidationError({"__all__": [_("Deze toestemming is al ingetrokken.")]})
    toestemming.mede_gegeven_door = rol.gezinslid
    toestemming.wacht_op = ""
    toestemming.actief_sinds = timezone.now()
    toestemming.save(update_fields=["mede_gegeven_door", "wacht_op", "actief_sinds"])
    _log_toestemming(by, rol, gezin, toestemming, actie=Actie.UPDATE, segment=Segment.TOESTEMMING)
    return toestemming


@transaction.atomic
def toestemming_intrekken(
    *, toestemming: Toestemming, by: Actor, rol: selectors.GezinsRol | None = None
) -> Toestemming:
    """Withdraw at any time: by any family member with say, or by the organisation itself.
    Acts on the very next request (access is evaluated per request)."""
    gezin = toestemming.gezin
    allowed = (selectors.PROFESSIONAL, selectors.OUDER, selectors.JONGERE)
    rol, person = require_role(by, gezin, rol, allowed=allowed, segment=Segment.INTREKKEN)
    if rol.is_professional and str(toestemming.organisatie.uuid) != by.organisatie_id:
        refuse(
            by,
            object_type=ObjectType.TOESTEMMING,
            object_id=str(toestemming.uuid),
            segment=Segment.INTREKKEN,
            actie=Actie.UPDATE,
        )
    if rol.is_gezin and toestemming.is_mandaat:
        raise ValidationError(
            {"__all__": [_("Een wettelijk mandaat kunt u niet intrekken. Vraag de organisatie om uitleg.")]}
        )
    if rol.gezinslid is not None and _group_of(rol.gezinslid, kalender.vandaag()) is None:
        raise ValidationError({"__all__": [_("Alleen een ouder met gezag of een jongere vanaf 12 jaar kan dit doen.")]})
    if rol.gezinslid is not None and _door_zelfbeslissende_jongere(toestemming, rol.gezinslid, kalender.vandaag()):
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "Deze toestemming heeft de jongere zelf gegeven. Een jongere van 16 jaar of ouder beslist "
                        "zelf over de eigen hulp (Jeugdwet art. 7.3.4); alleen de jongere kan haar intrekken."
                    )
                ]
            }
        )
    updated = Toestemming.objects.filter(pk=toestemming.pk, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now(), ingetrokken_door=person
    )
    toestemming.refresh_from_db()
    if updated:
        _log_toestemming(by, rol, gezin, toestemming, actie=Actie.UPDATE, segment=Segment.INTREKKEN)
        notify(
            ontvanger=toestemming.vastgelegd_door,
            soort="toestemming_ingetrokken",
            titel=_("Een toestemming is ingetrokken"),
            link=reverse("gezinnen:toestemming", kwargs={"gezin": gezin.uuid}),
            dedupe_key=f"toestemming-ingetrokken:{toestemming.uuid}",
        )
    return toestemming


@transaction.atomic
def mandaat_vastleggen(
    *,
    gezin: Gezin,
    by: Actor,
    organisatie: Organisatie,
    grondslag: str,
    doel: str,
    einddatum: dt.date | None = None,
    rol: selectors.GezinsRol | None = None,
) -> Toestemming:
    """Record a legal mandate of a GI or Veilig Thuis for this family (recorded as such)."""
    rol, person = require_role(by, gezin, rol, allowed=(selectors.PROFESSIONAL,), segment=Segment.MANDAAT)
    errors: dict[str, list[str]] = {}
    if organisatie.soort not in selectors.MANDAAT_SOORTEN:
        errors["organisatie"] = [_("Een wettelijk mandaat hoort bij een gecertificeerde instelling of Veilig Thuis.")]
    if grondslag not in MandaatGrondslag.values:
        errors["grondslag"] = [_("Kies een wettelijke grondslag uit de lijst.")]
    if not doel.strip():
        errors["doel"] = [_("Vul het doel in.")]
    if einddatum is not None and einddatum < kalender.vandaag():
        errors["einddatum"] = [_("De einddatum ligt in het verleden. Kies een datum vanaf vandaag.")]
    if errors:
        raise ValidationError(errors)
    mandaat = Toestemming.objects.create(
        gezin=gezin,
        soort=ToestemmingSoort.MANDAAT,
        organisatie=organisatie,
        grondslag=grondslag,
        doel=doel.strip(),
        ingangsdatum=kalender.vandaag(),
        einddatum=einddatum,
        actief_sinds=timezone.now(),
        vastgelegd_door=person,
    )
    _log_toestemming(by, rol, gezin, mandaat, actie=Actie.CREATE, segment=Segment.MANDAAT)
    return mandaat


def toestemmingsherinneringen_versturen(*, op: dt.date, binnen_dagen: int = 14) -> int:
    """Tell the family and the organisation's recorder that a consent ends soon (idempotent)."""
    count = 0
    for toestemming in selectors.consents_ending(op, binnen_dagen).select_related("gezin", "vastgelegd_door")[:5000]:
        with transaction.atomic():
            ontvangers = [toestemming.vastgelegd_door, *selectors.users_around_family(toestemming.gezin, netwerk=False)]
            for user in ontvangers:
                notify(
                    ontvanger=user,
                    soort="toestemming_loopt_af",
                    titel=_("Een toestemming loopt binnenkort af"),
                    link=reverse("gezinnen:toestemming", kwargs={"gezin": toestemming.gezin.uuid}),
                    dedupe_key=f"toestemming-loopt-af:{toestemming.uuid}",
                )
            Toestemming.objects.filter(pk=toestemming.pk).update(herinnering_verstuurd=True)
        count += 1
    return count
