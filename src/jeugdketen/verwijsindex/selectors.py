"""Every read of the verwijsindex, scoped to the actor (core/access.py registers these scopes).

* A meldingsbevoegde professional sees the current registrations of their own organisation, and
  the matches their organisation takes part in — never anyone else's (art. 7.1.2.1, B8).
* Functional management sees matches only for the coordination task: organisations and dates,
  never the youth key or the contact details (art. 7.1.3.2), and usage figures only aggregated.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Organisatie

from .models import Aansluiting, Gebruiksteller, Match, MatchStatus, Melding, MeldingStatus, Regiebeleid


def meldingen_zichtbaar(actor: Actor) -> QuerySet[Melding]:
    if not actor.organisatie_id or not actor.has_role(Rol.MELDINGSBEVOEGD):
        return Melding.objects.none()
    return Melding.objects.filter(
        organisatie__uuid=actor.organisatie_id,
        organisatie__aangesloten_verwijsindex=True,
        status=MeldingStatus.ACTIEF,
    ).select_related("jongere", "match", "organisatie")


def matches_zichtbaar(actor: Actor) -> QuerySet[Match]:
    if not actor.organisatie_id or not actor.has_role(Rol.MELDINGSBEVOEGD):
        return Match.objects.none()
    eigen = Melding.objects.filter(
        match=OuterRef("pk"), status=MeldingStatus.ACTIEF, organisatie__uuid=actor.organisatie_id
    )
    return Match.objects.filter(Exists(eigen), status=MatchStatus.ACTIEF).select_related("jongere", "regie_organisatie")


def match_deelnemers(match: Match) -> list[Melding]:
    return list(
        Melding.objects.filter(match=match, status=MeldingStatus.ACTIEF)
        .select_related("organisatie")
        .order_by("aangemeld_op", "id")
    )


def mijn_meldingen(actor: Actor, *, te_informeren: bool = False) -> QuerySet[Melding]:
    qs = meldingen_zichtbaar(actor).order_by("-aangemeld_op", "-id")
    if te_informeren:
        qs = qs.filter(geinformeerd_op__isnull=True)
    return qs


def mijn_matches(actor: Actor) -> QuerySet[Match]:
    return matches_zichtbaar(actor).order_by("-aangemaakt", "-id")


def aantal_te_informeren(actor: Actor) -> int:
    return meldingen_zichtbaar(actor).filter(geinformeerd_op__isnull=True).count()


def archief_signalen(melding: Melding) -> list[Melding]:
    return [s.archief for s in melding.archief_signalen.select_related("archief__organisatie")]


# --- Functional management ------------------------------------------------------------------


def beheer_organisaties(regio_id: int) -> QuerySet[Organisatie]:
    return (
        Organisatie.objects.filter(regio_id=regio_id)
        .annotate(
            n_bevoegd=Count(
                "medewerkers", filter=Q(medewerkers__rol=Rol.MELDINGSBEVOEGD, medewerkers__actief=True), distinct=True
            )
        )
        .order_by("-aangesloten_verwijsindex", "naam")
    )


def regiebeleid(regio_id: int) -> Regiebeleid | None:
    return Regiebeleid.objects.filter(regio_id=regio_id).first()


def termijn_dagen(regio_id: int) -> int:
    beleid = regiebeleid(regio_id)
    return beleid.termijn_dagen if beleid else 10


def matches_voor_regie(regio_id: int, *, alles: bool = False) -> QuerySet[Match]:
    """Current matches in the region without coordination, or without recorded contact, past the term."""
    grens = timezone.now() - timedelta(days=termijn_dagen(regio_id))
    in_regio = Melding.objects.filter(match=OuterRef("pk"), organisatie__regio_id=regio_id)
    qs = Match.objects.filter(Exists(in_regio), status=MatchStatus.ACTIEF)
    if not alles:
        qs = qs.filter(Q(regie_organisatie__isnull=True) | Q(contact_vastgelegd_op__isnull=True)).filter(
            aangemaakt__lte=grens
        )
    return (
        qs.select_related("regie_organisatie")
        .prefetch_related(
            Prefetch(
                "meldingen",
                queryset=Melding.objects.filter(status=MeldingStatus.ACTIEF)
                .select_related("organisatie")
                .only("id", "match_id", "organisatie__naam", "organisatie__soort", "organisatie__uuid"),
                to_attr="actieve_meldingen",
            )
        )
        .order_by("aangemaakt", "id")
    )


def logboek(client: str, *, regio_id: int) -> QuerySet[Toegangslogregel]:
    """Who registered, removed or was signalled about this youth — by organisations of the
    manager's own region only (a functional manager has no business in another region's index)."""
    eigen = [str(u) for u in Organisatie.objects.filter(regio_id=regio_id).values_list("uuid", flat=True)]
    return Toegangslogregel.objects.filter(
        client_id=client, object_type__startswith="verwijsindex", organisatie_id__in=eigen
    ).order_by("tijdstip", "id")


@dataclass
class Gebruik:
    per_maand: list[dict[str, object]]
    mediaan_dagen_regie: float | None
    mediaan_dagen_contact: float | None
    nooit_gemeld: list[str]
    aangesloten: int


def _mediaan(waarden: list[float]) -> float | None:
    return round(statistics.median(waarden), 1) if waarden else None


def gebruik(regio_id: int, *, sinds: date | None = None) -> Gebruik:
    """Aggregated usage: per organisation and month; medians; connected organisations that never registered."""
    tellers = Gebruiksteller.objects.filter(organisatie__regio_id=regio_id)
    if sinds:
        tellers = tellers.filter(maand__gte=sinds)
    per_maand = list(
        tellers.values("organisatie__naam", "maand")
        .annotate(meldingen=Sum("meldingen"), matches=Sum("matches"))
        .order_by("-maand", "organisatie__naam")
    )
    in_regio = Melding.objects.filter(match=OuterRef("pk"), organisatie__regio_id=regio_id)
    matches = Match.objects.filter(Q(Exists(in_regio)) | Q(regie_organisatie__regio_id=regio_id)).values_list(
        "aangemaakt", "regie_sinds", "contact_vastgelegd_op"
    )
    regie, contact = [], []
    for aangemaakt, regie_sinds, contact_op in matches.iterator():
        if regie_sinds:
            regie.append((regie_sinds - aangemaakt).total_seconds() / 86400)
        if contact_op:
            contact.append((contact_op - aangemaakt).total_seconds() / 86400)
    ooit = Gebruiksteller.objects.filter(organisatie=OuterRef("pk"), meldingen__gt=0)
    nooit = list(
        Organisatie.objects.filter(regio_id=regio_id, aangesloten_verwijsindex=True)
        .exclude(Exists(ooit))
        .order_by("naam")
        .values_list("naam", flat=True)
    )
    aangesloten = Organisatie.objects.filter(regio_id=regio_id, aangesloten_verwijsindex=True).count()
    return Gebruik(per_maand, _mediaan(regie), _mediaan(contact), nooit, aangesloten)


def aansluiting(organisatie: Organisatie) -> Aansluiting | None:
    return Aansluiting.objects.select_related("coordinator").filter(organisatie=organisatie).first()
