"""Every read of family data, scoped to the actor (ARCHITECTURE.md: selectors).

Who sees a family (the one rule, `scoped_to_families`, applied to families and to the plans):
* a professional with the hulpverlener role, acting for an organisation that holds an active
  consent or legal mandate for that family (a consent for one person only counts for that
  person) — evaluated in the query of every request, never cached;
* a parent/carer of the family with their own login, and a youth of the family from 12;
* a network member the family invited, while they take part and only while the family shares
  the plan with them (`ziet_plan`).

The actor's relation to a family (`GezinsRol`) is registered with the scopes: `with_relation`
annotates it onto the scope's query (no extra query) and `relation_of` reads it, so
`core.access.fetch` returns it with the object. Other apps use `gezinnen_visible_to`,
`scoped_to_families` and `rol_in_gezin`, never the models' internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, eenmaal_gebouwd, register_scope
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gebruiker, Organisatie, OrganisatieSoort
from jeugdketen.personen.models import BrpGegevens
from jeugdketen.personen.selectors import brp_gegevens

from . import brpgegevens, regels
from .logevents import ObjectType
from .models import Gezin, Gezinslid, LidSoort, Netwerklid, Toestemming, ToestemmingSoort

M = TypeVar("M", bound=Model)

PROFESSIONAL = "professional"
OUDER = "ouder"
JONGERE = "jongere"
NETWERK = "netwerk"

MANDAAT_SOORTEN = frozenset({OrganisatieSoort.GI, OrganisatieSoort.VEILIG_THUIS})
# Kinds that never take part in a family's youth-care plan by consent: police, Halt, the Child
# Protection Board (their own legal tasks, no consent basis), policy and regional management.
NIET_IN_PLAN_SOORTEN = frozenset(
    {
        OrganisatieSoort.POLITIE,
        OrganisatieSoort.HALT,
        OrganisatieSoort.RAAD_KINDERBESCHERMING,
        OrganisatieSoort.GEMEENTE_BELEID,
        OrganisatieSoort.REGIO_BEHEER,
    }
)

EIGEN_GEZIN = "eigen gezin of netwerk"  # the basis of a citizen's access, for the access log


def _in_force(op: dt.date, p: str = "") -> Q:
    """A consent in force on `op`; `p` prefixes the fields when the consent is a joined relation."""
    return (Q(**{f"{p}einddatum__isnull": True}) | Q(**{f"{p}einddatum__gte": op})) & Q(
        **{f"{p}actief_sinds__isnull": False, f"{p}ingetrokken_op__isnull": True, f"{p}ingangsdatum__lte": op}
    )


def _of_actor(actor: Actor, p: str = "") -> Q:
    """A consent of the actor: their organisation's, for everyone there or for them by name."""
    return (Q(**{f"{p}medewerker__isnull": True}) | Q(**{f"{p}medewerker_id": actor.user_pk})) & Q(
        **{f"{p}organisatie_id": actor.organisatie_pk}
    )


def active_consents(op: dt.date | None = None) -> QuerySet[Toestemming]:
    """Consents and mandates that are in force today (Europe/Amsterdam)."""
    return Toestemming.objects.filter(_in_force(op or kalender.vandaag()))


def _consents_of(actor: Actor) -> QuerySet[Toestemming]:
    """The consents and mandates in force for the actor: their organisation's, for everyone there
    or for them by name. The organisation is the actor's own number (no join), so the planner
    starts from these rows (index on organisation and family)."""
    return active_consents().filter(_of_actor(actor))


def consented_family_ids(actor: Actor, *, zonder_plan: bool = False) -> QuerySet[Toestemming, int]:
    """The family ids of the consents and mandates in force for a professional (empty for anyone
    else), as a subquery: a query can start from these rows instead of from every family.
    `zonder_plan`: only consents that have not seen the family's plan start (a partial index;
    the caller still checks the plan, `Toestemming.gezin_heeft_plan` is a hint)."""
    if not is_professional(actor):
        return Toestemming.objects.none().values_list("gezin_id", flat=True)
    consents = _consents_of(actor).filter(gezin_heeft_plan=False) if zonder_plan else _consents_of(actor)
    return consents.order_by().values_list("gezin_id", flat=True)


def is_professional(actor: Actor) -> bool:
    return bool(
        actor.user is not None and not actor.is_burger and actor.organisatie_id and actor.has_role(Rol.HULPVERLENER)
    )


def _citizen_filter(user_id: int, gezin_id: str) -> Q:
    """The families a citizen takes part in: as a member (a youth from 12) or as a network member
    who takes part and with whom the family shares the plan."""
    leden = Gezinslid.objects.filter(gebruiker_id=user_id).filter(
        ~Q(soort=LidSoort.JEUGDIGE) | Q(geboortedatum__lte=regels.zelf_zien_uiterlijk_geboren(kalender.vandaag()))
    )
    netwerk = Netwerklid.objects.filter(gebruiker_id=user_id, actief=True, ziet_plan=True)
    # One IN over the UNION of both: PostgreSQL cannot use an index for an OR of two IN
    # subqueries and read every family (or plan) of the country to keep the citizen's own (issue 16).
    return Q(**{f"{gezin_id}__in": leden.order_by().values("gezin_id").union(netwerk.order_by().values("gezin_id"))})


def scoped_to_families(actor: Actor, queryset: QuerySet[M], *, via: str = "") -> QuerySet[M]:
    """The one rule of who sees a family, applied to `queryset`: the families themselves
    (`via=""`) or rows that belong to one family through the foreign key `via` (plans: "gezin").
    Annotated with the basis of access (`toegang_soort`, `toegang_grondslag`).

    A professional's rows are joined to the one consent that is their basis: one of the actor's
    consents in force for the family, with no earlier one (by kind, then id) of theirs in force.
    One row a family, and the consent's columns are there to read and to order by
    (`in_naamvolgorde`). The earlier-consent test is correlated to the joined consent itself: a
    filter on the actor's own consent rows, never a condition evaluated for every family."""
    if not actor.is_authenticated:
        return queryset.none()
    gezin_id = f"{via}_id" if via else "pk"
    scoped: QuerySet[M]
    if actor.is_burger and actor.user_pk is not None:
        scoped = queryset.filter(_citizen_filter(actor.user_pk, gezin_id)).annotate(
            toegang_soort=Value("gezin"), toegang_grondslag=Value(EIGEN_GEZIN)
        )
    elif is_professional(actor):
        t = f"{via}__toestemmingen__" if via else "toestemmingen__"
        eerder = _consents_of(actor).filter(
            Q(soort__lt=OuterRef(f"{t}soort")) | Q(soort=OuterRef(f"{t}soort"), id__lt=OuterRef(f"{t}id")),
            gezin_id=OuterRef(f"{t}gezin_id"),
        )
        scoped = queryset.filter(_in_force(kalender.vandaag(), t), _of_actor(actor, t), ~Exists(eerder)).annotate(
            toegang_soort=F(f"{t}soort"), toegang_grondslag=F(f"{t}doel")
        )
    else:
        scoped = queryset.none()
    return scoped


def in_naamvolgorde(actor: Actor, scoped: QuerySet[M], *, via: str = "") -> QuerySet[M]:
    """`scoped` (through `scoped_to_families`) in the order of the family's name, then id.

    For a professional by the basis consent's copy of the family name: PostgreSQL walks the
    (organisatie, gezin_naam, gezin) index in the list's order and stops at the page, where the
    family's own name made it join and sort the whole caseload first (5,000 families of an
    access team at national scale, issue 16)."""
    gezin_id = f"{via}_id" if via else "pk"
    pad = f"{via}__" if via else ""
    if is_professional(actor):
        return scoped.order_by(f"{pad}toestemmingen__gezin_naam", gezin_id)
    return scoped.order_by(f"{pad}naam", gezin_id)


def gezinnen_visible_to(actor: Actor) -> QuerySet[Gezin]:
    """The families this actor may see right now; annotated with the basis of access."""
    return eenmaal_gebouwd(actor, "gezinnen", lambda: scoped_to_families(actor, Gezin.objects.all()))


def grondslag(actor: Actor, row: object) -> str:
    """The purpose or legal basis of this access (a family or a plan from the scope), for the log."""
    soort = getattr(row, "toegang_soort", None)
    doel = getattr(row, "toegang_grondslag", "") or ""
    if soort == ToestemmingSoort.MANDAAT:
        return f"wettelijk mandaat: {doel}"
    if soort == ToestemmingSoort.TOESTEMMING:
        return f"toestemming: {doel}"
    if actor.is_burger:
        return EIGEN_GEZIN
    return "toestemming of mandaat"


def client_id(gezin: Gezin) -> str:
    """The pseudonymous client id in the access log: the family's uuid (never a BSN)."""
    return str(gezin.uuid)


# --- The actor's relation to one family --------------------------------------------------------


@dataclass(frozen=True)
class GezinsRol:
    """How the actor takes part in one family now, and on which basis (for the access log)."""

    soort: str  # PROFESSIONAL, OUDER, JONGERE or NETWERK
    gezin_id: int
    grondslag: str
    gezinslid: Gezinslid | None = None
    netwerklid: Netwerklid | None = None

    @property
    def is_gezin(self) -> bool:
        return self.soort in (OUDER, JONGERE)

    @property
    def is_professional(self) -> bool:
        return self.soort == PROFESSIONAL


# What the relation needs of the citizen's own member or network row (never the BSN).
_LID = "rel_lid"
_NETWERK = "rel_netwerk"
_LID_VELDEN = ("id", "uuid", "gezin_id", "soort", "voornaam", "achternaam", "geboortedatum", "gezag", "gebruiker_id")
_NETWERK_VELDEN = ("id", "uuid", "gezin_id", "naam", "relatie", "ziet_plan", "actief", "gebruiker_id")


def with_relation(actor: Actor, queryset: QuerySet[M], *, via: str = "") -> QuerySet[M]:
    """Annotate a citizen's own member and network rows onto a scoped query (two joins on unique
    keys, so no extra rows and no extra query); `relation_of` reads them. A professional's
    relation is the basis of access the scope already annotates."""
    if not actor.is_burger:
        return queryset
    pad = f"{via}__" if via else ""
    leden, netwerk = f"{pad}leden", f"{pad}netwerk"
    annotated: QuerySet[M] = queryset.annotate(
        **{
            _LID: FilteredRelation(leden, condition=Q(**{f"{leden}__gebruiker_id": actor.user_pk})),
            _NETWERK: FilteredRelation(
                netwerk,
                condition=Q(
                    **{
                        f"{netwerk}__gebruiker_id": actor.user_pk,
                        f"{netwerk}__actief": True,
                        f"{netwerk}__ziet_plan": True,
                    }
                ),
            ),
        }
    ).annotate(
        **{f"{_LID}_{veld}": F(f"{_LID}__{veld}") for veld in _LID_VELDEN},
        **{f"{_NETWERK}_{veld}": F(f"{_NETWERK}__{veld}") for veld in _NETWERK_VELDEN},
    )
    return annotated


def _annotated(model: type[M], row: Model, prefix: str, velden: tuple[str, ...]) -> M | None:
    """The model instance `with_relation` annotated onto `row` (other fields stay deferred)."""
    if getattr(row, f"{prefix}_id", None) is None:
        return None
    names = [f.attname for f in model._meta.concrete_fields if f.attname in velden]
    return model.from_db(row._state.db, names, [getattr(row, f"{prefix}_{name}") for name in names])


def relation_of(actor: Actor, row: Model, *, gezin_id: int) -> GezinsRol | None:
    """The actor's relation to the family of `row` (a family or a plan fetched through its scope,
    with `with_relation`), or None. The scope's rule decided already; this names the role."""
    if actor.is_burger:
        lid = _annotated(Gezinslid, row, _LID, _LID_VELDEN)
        if lid is not None and not lid.is_jeugdige:
            return GezinsRol(OUDER, gezin_id, EIGEN_GEZIN, gezinslid=lid)
        if lid is not None and lid.geboortedatum and regels.mag_zelf_zien(lid.geboortedatum, kalender.vandaag()):
            return GezinsRol(JONGERE, gezin_id, EIGEN_GEZIN, gezinslid=lid)
        netwerk = _annotated(Netwerklid, row, _NETWERK, _NETWERK_VELDEN)
        if netwerk is not None:
            return GezinsRol(NETWERK, gezin_id, EIGEN_GEZIN, netwerklid=netwerk)
        return None
    if is_professional(actor) and getattr(row, "toegang_soort", None):
        return GezinsRol(PROFESSIONAL, gezin_id, grondslag(actor, row))
    return None


def rol_in_gezin(actor: Actor, gezin: Gezin) -> GezinsRol | None:
    """How the actor takes part in this family now, or None (then they may not see it). One
    query through the scope; a page has the relation already from `core.access.fetch`."""
    row = with_relation(actor, gezinnen_visible_to(actor)).filter(pk=gezin.pk).first()
    return relation_of(actor, row, gezin_id=gezin.pk) if row is not None else None


def register_scopes() -> None:
    register_scope(
        Gezin,
        Scope(
            queryset=lambda actor: with_relation(actor, gezinnen_visible_to(actor)),
            object_type=ObjectType.GEZIN,
            client_id=client_id,
            grondslag=grondslag,
            relation=lambda actor, gezin: relation_of(actor, gezin, gezin_id=gezin.pk),
        ),
    )


# --- What the family page shows of the members ---------------------------------------------


@dataclass(frozen=True)
class LidWeergave:
    """A family member as the family page may show them to this actor. For a network member
    there is no birth date and no BSN: the page never receives them."""

    uuid: UUID
    naam: str
    voornaam: str
    soort: str
    gezag: bool
    heeft_inlog: bool
    geboortedatum: dt.date | None = None
    bsn_gemaskeerd: str = ""
    # From the BRP (docs/brp.md): the address (empty when hidden), whether geheimhouding hid it,
    # custody according to the BRP (None: not known), a recorded death, and when it was checked.
    adres: str = ""
    adres_afgeschermd: bool = False
    gezag_volgens_brp: bool | None = None
    overleden_op: dt.date | None = None
    brp_gecontroleerd_op: dt.datetime | None = None


def _gezag_volgens_brp(lid: Gezinslid, gegevens: dict[str, BrpGegevens]) -> bool | None:
    bekend = [g for g in gegevens.values() if g.gezag_bekend]
    if lid.is_jeugdige or not bekend:
        return None
    return bool(lid.bsn) and any(lid.bsn in g.gezag_ouders for g in bekend)


def ledenoverzicht(rol: GezinsRol, gezin: Gezin) -> list[LidWeergave]:
    """The members of the family with only the fields this relation may see (two queries). Name,
    birth date and address come from the BRP where it knows the member (docs/brp.md)."""
    allowed = rol.soort != NETWERK
    leden = list(members_of(gezin).select_related("gebruiker"))
    gegevens = brp_gegevens([lid.bsn for lid in leden]) if allowed else {}
    overzicht = []
    for lid in leden:
        brp = gegevens.get(lid.bsn) if lid.bsn else None
        adres, afgeschermd = brpgegevens.adres(brp, is_zelf=rol.gezinslid is not None and rol.gezinslid.pk == lid.pk)
        overzicht.append(
            LidWeergave(
                uuid=lid.uuid,
                naam=(brp.naam if brp and brp.geslachtsnaam else lid.naam),
                voornaam=(brp.voornamen.split(" ")[0] if brp and brp.voornamen else lid.voornaam),
                soort=lid.get_soort_display(),
                gezag=lid.gezag,
                heeft_inlog=lid.gebruiker is not None and lid.gebruiker.is_active,
                geboortedatum=(
                    (brp.geboortedatum if brp and brp.geboortedatum else lid.geboortedatum) if allowed else None
                ),
                bsn_gemaskeerd=lid.bsn_gemaskeerd if allowed and lid.bsn else "",
                adres=adres,
                adres_afgeschermd=afgeschermd,
                gezag_volgens_brp=_gezag_volgens_brp(lid, gegevens) if allowed else None,
                overleden_op=brp.overleden_op if brp else None,
                brp_gecontroleerd_op=brp.brp_gecontroleerd_op if brp else None,
            )
        )
    return overzicht


# Who sees the members of a family (name, birth date): the professionals with consent or a
# mandate and the parents; a youth and the network see less (ledenoverzicht) and add no one.
ZIET_LEDEN = (PROFESSIONAL, OUDER)


def bekende_leden(
    actor: Actor, bsns: set[str], *, buiten: Gezin | None = None
) -> dict[str, tuple[Gezinslid, GezinsRol]]:
    """Per BSN: a member with it in another family whose members the actor may see, with the
    actor's relation to that family (the oldest such member first). A BSN the actor may not see
    anywhere is absent — the same answer whether or not it is known elsewhere (docs/gezinsplan.md).
    Two queries, however many BSNs."""
    if not bsns:
        return {}
    kandidaten = (
        Gezinslid.objects.filter(bsn__in=sorted(bsns), gezin__in=gezinnen_visible_to(actor).values("pk"))
        .select_related("gezin")
        .order_by("id")
    )
    if buiten is not None:
        kandidaten = kandidaten.exclude(gezin=buiten)
    leden = list(kandidaten[:50])
    rijen = with_relation(actor, gezinnen_visible_to(actor)).filter(pk__in={lid.gezin_id for lid in leden})
    rollen = {rij.pk: relation_of(actor, rij, gezin_id=rij.pk) for rij in rijen}
    gevonden: dict[str, tuple[Gezinslid, GezinsRol]] = {}
    for lid in leden:
        rol = rollen.get(lid.gezin_id)
        if lid.bsn not in gevonden and rol is not None and rol.soort in ZIET_LEDEN:
            gevonden[lid.bsn] = (lid, rol)
    return gevonden


def member_of(gezin: Gezin, uuid: UUID | str) -> Gezinslid | None:
    """One member of this family by uuid (None for another family's member or a malformed id)."""
    try:
        return Gezinslid.objects.filter(gezin=gezin, uuid=uuid).first()
    except (ValidationError, ValueError):
        return None


def staff_member(organisatie_id: int, username: str) -> Gebruiker | None:
    """A professional who works at this organisation now, by username; None for anyone else
    (the answer must not tell whether the username exists elsewhere)."""
    return Gebruiker.objects.filter(
        username=username,
        soort="medewerker",
        medewerkerschappen__organisatie_id=organisatie_id,
        medewerkerschappen__actief=True,
    ).first()


MEMBER_ORDER = ("soort", "geboortedatum", "id")


def members_of(gezin: Gezin) -> QuerySet[Gezinslid]:
    return Gezinslid.objects.filter(gezin=gezin).order_by(*MEMBER_ORDER)


def with_members(families: QuerySet[Gezin]) -> QuerySet[Gezin]:
    """Scoped families with their members loaded in one extra query (`gezin.leden.all()`)."""
    return families.prefetch_related(Prefetch("leden", queryset=Gezinslid.objects.order_by(*MEMBER_ORDER)))


def network_of(gezin: Gezin) -> QuerySet[Netwerklid]:
    return Netwerklid.objects.filter(gezin=gezin).order_by("-actief", "naam", "id")


def consents_of_family(gezin: Gezin) -> QuerySet[Toestemming]:
    """The family's consents and mandates, each with `is_actief` (in force today)."""
    return (
        Toestemming.objects.filter(gezin=gezin)
        .annotate(is_actief=ExpressionWrapper(_in_force(kalender.vandaag()), output_field=BooleanField()))
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


def members_for_own_login(bsn: str) -> QuerySet[Gezinslid]:
    """The family members with this BSN who may use the citizen portal themselves today: parents
    and carers, and youths from 12 (for the DigiD login; the BSN comes from DigiD, never a form)."""
    if not bsn:
        return Gezinslid.objects.none()
    cutoff = regels.zelf_zien_uiterlijk_geboren(kalender.vandaag())
    return (
        Gezinslid.objects.filter(bsn=bsn)
        .filter(~Q(soort=LidSoort.JEUGDIGE) | Q(geboortedatum__lte=cutoff))
        .select_related("gebruiker")
        .order_by("id")
    )


def logins_with_bsn(bsn: str) -> QuerySet[Gezinslid, int | None]:
    """The ids of the citizen logins linked to members with this BSN (DigiD's single logout)."""
    if not bsn:
        return Gezinslid.objects.none().values_list("gebruiker_id", flat=True)
    return Gezinslid.objects.filter(bsn=bsn, gebruiker__isnull=False).values_list("gebruiker_id", flat=True).distinct()


def citizen_families(actor: Actor) -> QuerySet[Gezin]:
    return gezinnen_visible_to(actor).order_by("naam", "id") if actor.is_burger else Gezin.objects.none()


def users_around_family(gezin: Gezin, *, netwerk: bool = True) -> list[Gebruiker]:
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


def consent_of(gezin: Gezin, uuid: UUID) -> Toestemming | None:
    """One consent of this family by uuid (None for another family's consent)."""
    return Toestemming.objects.filter(gezin=gezin, uuid=uuid).select_related("gezin", "organisatie").first()


def consent_organisations(regio_id: int, zoek: str = "") -> QuerySet[Organisatie]:
    """Organisations of the region a family can give consent to: those taking part in youth-care
    plans, optionally narrowed by a part of the name, ordered by kind and name for the picker."""
    qs = Organisatie.objects.filter(regio_id=regio_id).exclude(soort__in=sorted(NIET_IN_PLAN_SOORTEN))
    if zoek.strip():
        qs = qs.filter(naam__icontains=zoek.strip()[:100])
    return qs.order_by("soort", "naam")
