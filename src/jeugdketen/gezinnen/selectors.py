"""Every read of family data, scoped to the actor (ARCHITECTURE.md: selectors).

Who sees a family:
* a professional with the hulpverlener role, acting for an organisation that holds an active
  consent or legal mandate for that family (a consent for one person only counts for that
  person) — evaluated in the query of every request, never cached;
* a parent/carer of the family with their own login, and a youth of the family from 12;
* a network member the family invited, while they take part.

Other apps use `families_visible_to` and `rol_in_gezin`, never the models' internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, register_scope
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import OrganisatieSoort

from . import regels
from .models import Gezin, Gezinslid, LidSoort, Netwerklid, Toestemming, ToestemmingSoort

PROFESSIONAL = "professional"
OUDER = "ouder"
JONGERE = "jongere"
NETWERK = "netwerk"

MANDAAT_SOORTEN = frozenset({OrganisatieSoort.GI, OrganisatieSoort.VEILIG_THUIS})


def active_consents(op: dt.date | None = None) -> QuerySet[Toestemming]:
    """Consents and mandates that are in force today (Europe/Amsterdam)."""
    op = op or kalender.vandaag()
    return Toestemming.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=op),
        actief_sinds__isnull=False,
        ingetrokken_op__isnull=True,
        ingangsdatum__lte=op,
    )


def _consents_of(actor: Actor) -> QuerySet[Toestemming]:
    return active_consents().filter(
        Q(medewerker__isnull=True) | Q(medewerker_id=actor.user.pk), organisatie__uuid=actor.organisatie_id
    )


def is_professional(actor: Actor) -> bool:
    return bool(
        actor.user is not None and not actor.is_burger and actor.organisatie_id and actor.has_role(Rol.HULPVERLENER)
    )


def _citizen_member_filter(actor: Actor) -> Q:
    cutoff = kalender.uiterlijk_geboren(regels.ZELF_ZIEN_VANAF, kalender.vandaag())
    leden = Gezinslid.objects.filter(gebruiker_id=actor.user.pk).filter(
        ~Q(soort=LidSoort.JEUGDIGE) | Q(geboortedatum__lte=cutoff)
    )
    netwerk = Netwerklid.objects.filter(gebruiker_id=actor.user.pk, actief=True)
    return Q(id__in=leden.values("gezin_id")) | Q(id__in=netwerk.values("gezin_id"))


def families_visible_to(actor: Actor) -> QuerySet[Gezin]:
    """The families this actor may see right now; annotated with the basis of access."""
    if actor.user is None or not actor.user.is_authenticated:
        return Gezin.objects.none()
    if actor.is_burger:
        return Gezin.objects.filter(_citizen_member_filter(actor)).annotate(
            toegang_soort=Value("gezin"), toegang_grondslag=Value("eigen gezin of netwerk")
        )
    if not is_professional(actor):
        return Gezin.objects.none()
    consents = _consents_of(actor).filter(gezin_id=OuterRef("pk")).order_by("soort", "id")
    return Gezin.objects.filter(Exists(consents)).annotate(
        toegang_soort=Subquery(consents.values("soort")[:1]),
        toegang_grondslag=Subquery(consents.values("doel")[:1]),
    )


def grondslag(actor: Actor, gezin: Any) -> str:
    """The purpose or legal basis of this access, for the access log."""
    soort = getattr(gezin, "toegang_soort", None)
    doel = getattr(gezin, "toegang_grondslag", "") or ""
    if soort == ToestemmingSoort.MANDAAT:
        return f"wettelijk mandaat: {doel}"
    if soort == ToestemmingSoort.TOESTEMMING:
        return f"toestemming: {doel}"
    if actor.is_burger:
        return "eigen gezin of netwerk"
    return "toestemming of mandaat"


def client_id(gezin: Gezin) -> str:
    """The pseudonymous client id in the access log: the family's uuid (never a BSN)."""
    return str(gezin.uuid)


def register_scopes() -> None:
    register_scope(
        Gezin,
        Scope(queryset=families_visible_to, object_type="gezin", client_id=client_id, grondslag=grondslag),
    )


@dataclass(frozen=True)
class GezinsRol:
    soort: str  # PROFESSIONAL, OUDER, JONGERE or NETWERK
    gezinslid: Gezinslid | None = None
    netwerklid: Netwerklid | None = None

    @property
    def is_gezin(self) -> bool:
        return self.soort in (OUDER, JONGERE)

    @property
    def is_professional(self) -> bool:
        return self.soort == PROFESSIONAL


def rol_in_gezin(actor: Actor, gezin: Gezin) -> GezinsRol | None:
    """How the actor takes part in this family now, or None (then they may not see it)."""
    if actor.user is None or not actor.user.is_authenticated:
        return None
    if not actor.is_burger:
        if is_professional(actor) and _consents_of(actor).filter(gezin=gezin).exists():
            return GezinsRol(PROFESSIONAL)
        return None
    lid = Gezinslid.objects.filter(gezin=gezin, gebruiker_id=actor.user.pk).first()
    if lid is not None:
        if not lid.is_jeugdige:
            return GezinsRol(OUDER, gezinslid=lid)
        assert lid.geboortedatum is not None
        if regels.mag_zelf_zien(lid.geboortedatum, kalender.vandaag()):
            return GezinsRol(JONGERE, gezinslid=lid)
        return None
    netwerk = Netwerklid.objects.filter(gezin=gezin, gebruiker_id=actor.user.pk, actief=True).first()
    if netwerk is not None:
        return GezinsRol(NETWERK, netwerklid=netwerk)
    return None


def members_of(gezin: Gezin) -> QuerySet[Gezinslid]:
    return Gezinslid.objects.filter(gezin=gezin).order_by("soort", "geboortedatum", "id")


def network_of(gezin: Gezin) -> QuerySet[Netwerklid]:
    return Netwerklid.objects.filter(gezin=gezin).order_by("-actief", "naam", "id")


def consents_of_family(gezin: Gezin) -> QuerySet[Toestemming]:
    return (
        Toestemming.objects.filter(gezin=gezin)
        .select_related("organisatie", "medewerker", "gegeven_door", "mede_gegeven_door", "vastgelegd_door")
        .order_by("ingetrokken_op", "-aangemaakt", "-id")
    )


def is_consent_active(toestemming: Toestemming, op: dt.date | None = None) -> bool:
    op = op or kalender.vandaag()
    return (
        toestemming.actief_sinds is not None
        and toestemming.ingetrokken_op is None
        and toestemming.ingangsdatum <= op
        and (toestemming.einddatum is None or toestemming.einddatum >= op)
    )


def access_log_of_family(gezin: Gezin) -> QuerySet[Toegangslogregel]:
    """The family's part of the access log (client_id = the family's pseudonymous id)."""
    return Toegangslogregel.objects.filter(client_id=client_id(gezin)).order_by("-tijdstip", "-id")


def citizen_families(actor: Actor) -> QuerySet[Gezin]:
    return families_visible_to(actor).order_by("naam", "id") if actor.is_burger else Gezin.objects.none()


def users_around_family(gezin: Gezin, *, netwerk: bool = True) -> list[Any]:
    """Citizen logins of the family (and, if asked, its network that sees the plan)."""
    leden = Gezinslid.objects.filter(gezin=gezin, gebruiker__isnull=False).select_related("gebruiker")
    users = [lid.gebruiker for lid in leden]
    if netwerk:
        kring = Netwerklid.objects.filter(gezin=gezin, actief=True, ziet_plan=True, gebruiker__isnull=False)
        users += [n.gebruiker for n in kring.select_related("gebruiker")]
    return [u for u in users if u is not None and u.is_active]


def consents_ending(op: dt.date, binnen_dagen: int) -> QuerySet[Toestemming]:
    """Active consents whose end date falls within the coming days and not yet reminded."""
    return active_consents(op).filter(
        soort=ToestemmingSoort.TOESTEMMING,
        einddatum__lte=op + dt.timedelta(days=binnen_dagen),
        herinnering_verstuurd=False,
    )
