"""Every write on the toekomstplan: typed, keyword-only, atomic, permission-checked, logged.

Each function checks that the actor may do this (otherwise a logged denial and 404), writes the
access-log row and any outbox rows in the same transaction, and raises django ValidationError with
a plain-Dutch message for bad input.

Who may do what:
* the youth: everything — choose topics, update items, choose or invite the assistant, share
  with parents;
* the assistant and the professionals of the family (with consent): update items;
* a professional chooses topics only for a youth without an own login (together with them);
* parents: read only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, deny
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezinslid, Netwerklid
from jeugdketen.gezinsplan import selectors as gezinsplan

from . import leeftijd, selectors
from .models import (
    Eigenaar,
    GekozenOnderwerp,
    Onderdeel,
    Onderwerp,
    Planonderdeel,
    Signaal,
    SignaalSoort,
    Status,
    Toekomstplan,
)


def _link(plan: Toekomstplan) -> str:
    return f"/toekomstplan/{plan.uuid}/"


def _log(by: Actor, plan: Toekomstplan, *, actie: str, segment: str) -> None:
    log_access(
        by,
        actie=actie,
        object_type="toekomstplan",
        object_id=str(plan.uuid),
        segment=segment,
        client_id=selectors.client_id(plan),
        grondslag=selectors.grondslag(by, _annotated(by, plan)),
    )


def _annotated(by: Actor, plan: Toekomstplan) -> Any:
    """The plan with the actor's basis of access (consent purpose) for the log line."""
    if by.is_burger:
        return plan
    return selectors.toekomstplannen_visible_to(by).select_related("jeugdige", "assistent").filter(pk=plan.pk).first()


def _require(by: Actor, plan: Toekomstplan, *, allowed: tuple[str, ...], segment: str) -> str:
    rol = selectors.rol_in_plan(by, plan)
    if rol is None or rol not in allowed:
        raise deny(by, object_type="toekomstplan", object_id=str(plan.uuid), segment=segment)
    return rol


def _tell(plan: Toekomstplan, by: Actor, *, soort: str, titel: str, dedupe: str) -> None:
    """Tell the youth and the assistant (not the one who acted) that there is news; no personal data."""
    ontvangers = []
    if plan.jeugdige.gebruiker_id and plan.jeugdige.gebruiker is not None and plan.jeugdige.gebruiker.is_active:
        ontvangers.append(plan.jeugdige.gebruiker)
    if plan.assistent is not None and plan.assistent.actief and plan.assistent.gebruiker is not None:
        ontvangers.append(plan.assistent.gebruiker)
    for user in ontvangers:
        if by.user is not None and user.pk == by.user.pk:
            continue
        notify(ontvanger=user, soort=soort, titel=titel, link=_link(plan), dedupe_key=dedupe)


# --- Start ------------------------------------------------------------------------------------


@transaction.atomic
def toekomstplan_starten(*, jeugdige: Gezinslid, by: Actor) -> Toekomstplan:
    """Start the one toekomstplan of a youth: by the youth (from 16) or a professional with consent (from 15)."""
    allowed = selectors.youth_for_start(by, jeugdige.uuid)
    if allowed is None:
        raise deny(by, object_type="toekomstplan", object_id=str(jeugdige.uuid), segment="starten")
    geboortedatum = allowed.geboortedatum
    assert geboortedatum is not None
    if kalender.bereikt(kalender.drieentwintig, geboortedatum, kalender.vandaag()):
        raise ValidationError({"__all__": [_("Vanaf 23 jaar is er geen toekomstplan meer in Jeugdketen.")]})
    try:
        with transaction.atomic():
            plan = Toekomstplan.objects.create(
                jeugdige=allowed,
                gezin=allowed.gezin,
                gezinsplan=gezinsplan.plan_of(allowed.gezin),
                aangemaakt_door=by.user,
            )
    except IntegrityError:
        raise ValidationError(
            {"__all__": [_("Er is al een toekomstplan voor deze jongere. Iedere jongere heeft er één.")]}
        ) from None
    plan = Toekomstplan.objects.select_related("jeugdige__gebruiker", "gezin", "assistent").get(pk=plan.pk)
    _log(by, plan, actie=Actie.CREATE, segment="toekomstplan")
    _tell(
        plan,
        by,
        soort="toekomstplan_gestart",
        titel=_("Je toekomstplan staat klaar. Kies waar je mee aan de slag gaat."),
        dedupe=f"tp-gestart:{plan.uuid}",
    )
    return plan


# --- Topics and items -------------------------------------------------------------------------


@transaction.atomic
def onderwerpen_kiezen(*, plan: Toekomstplan, by: Actor, onderwerpen: list[Onderwerp]) -> set[int]:
    """The youth chooses the topics to work on. Must-before-18 items stay in whatever is chosen.
    Unchosen topics keep their progress rows (choosing them again brings the progress back)."""
    rol = _require(by, plan, allowed=(selectors.JONGERE, selectors.PROFESSIONAL), segment="onderwerpen")
    if rol == selectors.PROFESSIONAL and plan.jeugdige.gebruiker_id is not None and plan.jeugdige.gebruiker.is_active:  # type: ignore[union-attr]
        raise deny(by, object_type="toekomstplan", object_id=str(plan.uuid), segment="onderwerpen")
    wanted = {o.pk for o in onderwerpen}
    active = set(Onderwerp.objects.filter(pk__in=wanted, actief=True).values_list("pk", flat=True))
    if active != wanted:
        raise ValidationError({"onderwerpen": [_("Een van de onderwerpen staat niet meer in de lijst. Kies opnieuw.")]})
    current = selectors.chosen_topic_ids(plan)
    GekozenOnderwerp.objects.filter(plan=plan, onderwerp_id__in=current - wanted).delete()
    GekozenOnderwerp.objects.bulk_create(
        [GekozenOnderwerp(plan=plan, onderwerp_id=pk) for pk in sorted(wanted - current)], ignore_conflicts=True
    )
    Toekomstplan.objects.filter(pk=plan.pk).update(gewijzigd=timezone.now())
    _log(by, plan, actie=Actie.UPDATE, segment="onderwerpen")
    return wanted


@transaction.atomic
def onderdeel_bijwerken(
    *,
    plan: Toekomstplan,
    by: Actor,
    onderdeel: Onderdeel,
    status: str,
    eigenaar: str = "",
    notitie: str = "",
) -> Planonderdeel:
    """Update the status, owner and note of one item of the plan."""
    _require(by, plan, allowed=(selectors.JONGERE, selectors.ASSISTENT, selectors.PROFESSIONAL), segment="onderdelen")
    regel = selectors.item_in_plan(plan, onderdeel.uuid)
    if regel is None:
        raise ValidationError({"__all__": [_("Dit onderdeel staat niet (meer) in dit toekomstplan.")]})
    errors: dict[str, list[str]] = {}
    if status not in Status.values:
        errors["status"] = [_("Kies wat de stand is: nog doen, mee bezig, geregeld of niet nodig.")]
    elif status == Status.NIET_NODIG and regel.onderdeel.voor_18:
        errors["status"] = [_("Dit moet geregeld zijn voor je 18e. ‘Niet nodig’ kan hier niet.")]
    if eigenaar and eigenaar not in Eigenaar.values:
        errors["eigenaar"] = [_("Kies wie het regelt uit de lijst.")]
    notitie = notitie.strip()
    if len(notitie) > 300:
        errors["notitie"] = [_("De notitie is te lang. Gebruik maximaal 300 tekens.")]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    row, _created = Planonderdeel.objects.select_for_update().get_or_create(plan=plan, onderdeel=regel.onderdeel)
    row.status = status
    row.eigenaar = eigenaar
    row.notitie = notitie
    row.gewijzigd_door = by.user
    row.save()
    Toekomstplan.objects.filter(pk=plan.pk).update(gewijzigd=timezone.now())
    _log(by, plan, actie=Actie.UPDATE, segment="onderdelen")
    _tell(
        plan,
        by,
        soort="toekomstplan_gewijzigd",
        titel=_("Er is nieuws in een toekomstplan."),
        dedupe=f"tp-nieuws:{plan.uuid}:{kalender.vandaag().isoformat()}",
    )
    return row


# --- Assistant and sharing ----------------------------------------------------------------------


@transaction.atomic
def assistent_kiezen(*, plan: Toekomstplan, by: Actor, netwerklid: Netwerklid | None) -> Toekomstplan:
    """The youth chooses (or, with None, stops) their assistant: an active network member of the
    family with an own login."""
    _require(by, plan, allowed=(selectors.JONGERE,), segment="assistent")
    if netwerklid is not None:
        ok = any(n.pk == netwerklid.pk for n in selectors.network_candidates(plan))
        if not ok:
            raise ValidationError(
                {"netwerklid": [_("Kies iemand uit je netwerk die een eigen inlog heeft, of nodig iemand uit.")]}
            )
    plan.assistent = netwerklid
    plan.save(update_fields=["assistent", "gewijzigd"])
    _log(by, plan, actie=Actie.UPDATE, segment="assistent")
    if netwerklid is not None and netwerklid.gebruiker is not None:
        notify(
            ontvanger=netwerklid.gebruiker,
            soort="toekomstplan_assistent",
            titel=_("Je bent gevraagd als assistent bij een toekomstplan."),
            link=_link(plan),
            dedupe_key=f"tp-assistent:{plan.uuid}:{netwerklid.uuid}",
        )
    return plan


@transaction.atomic
def assistent_uitnodigen(
    *, plan: Toekomstplan, by: Actor, naam: str, relatie: str, email: str = ""
) -> tuple[Netwerklid, str]:
    """The youth invites someone new as assistant. Reuses the family's invitation (a network member
    with a one-time code); the assistant does not see the family plan (ziet_plan=False), only this
    toekomstplan. Returns the member and the code to pass on (shown once)."""
    _require(by, plan, allowed=(selectors.JONGERE,), segment="assistent")
    lid, code = gezinnen_services.netwerklid_uitnodigen(
        gezin=plan.gezin,
        by=by,
        naam=naam,
        relatie=relatie,
        omschrijving=_("Assistent bij het toekomstplan"),
        ziet_plan=False,
        email=email,
    )
    plan.assistent = lid
    plan.save(update_fields=["assistent", "gewijzigd"])
    _log(by, plan, actie=Actie.UPDATE, segment="assistent")
    return lid, code


@transaction.atomic
def delen_met_ouders(*, plan: Toekomstplan, by: Actor, delen: bool) -> Toekomstplan:
    """The youth shares the plan with their parents, or stops sharing. A sharing given before 18
    ends on the 18th birthday; given from 18 it lasts until the youth stops it."""
    _require(by, plan, allowed=(selectors.JONGERE,), segment="delen")
    geboortedatum = plan.jeugdige.geboortedatum
    assert geboortedatum is not None
    today = kalender.vandaag()
    if not kalender.bereikt(kalender.zestien, geboortedatum, today):
        raise ValidationError({"__all__": [_("Tot je 16e kijken je ouders mee. Vanaf je 16e beslis je dit zelf.")]})
    plan.ouders_delen = delen
    plan.ouders_delen_volwassen = delen and kalender.bereikt(kalender.achttien, geboortedatum, today)
    plan.save(update_fields=["ouders_delen", "ouders_delen_volwassen", "gewijzigd"])
    _log(by, plan, actie=Actie.UPDATE, segment="delen")
    return plan


# --- Time-based signals -------------------------------------------------------------------------


def _send(jeugdige: Gezinslid, soort: str, ontvangers: list[Any], titel: str, link: str) -> bool:
    """Record the signal once per youth and kind; notify in the same transaction.

    Nobody to tell (an inactive regisseur, a youth without a login): nothing is recorded, so the
    signal goes out on a later run when there is someone."""
    ontvangers = [u for u in ontvangers if u is not None and getattr(u, "is_active", True)]
    if not ontvangers:
        return False
    try:
        with transaction.atomic():
            Signaal.objects.create(jeugdige=jeugdige, soort=soort)
    except IntegrityError:
        return False
    for user in ontvangers:
        notify(
            ontvanger=user,
            soort=f"toekomstplan_{soort}",
            titel=titel,
            link=link,
            dedupe_key=f"tp-{soort}:{jeugdige.uuid}",
        )
    return True


@transaction.atomic
def signalen_versturen(*, op: dt.date | None = None) -> dict[str, int]:
    """The daily job: tell the regisseur when a youth in care is 16.5 without a toekomstplan; tell
    the regisseur, the youth and the assistant 6 and 3 months before 18 while must-items are open.
    Idempotent: each kind of signal is sent once per youth (Signaal rows, outbox dedupe keys)."""
    op = op or kalender.vandaag()
    totalen = selectors.totals()
    sent = {SignaalSoort.ZESTIENENHALF: 0, SignaalSoort.ZES_MAANDEN: 0, SignaalSoort.DRIE_MAANDEN: 0}
    base = selectors.youths_in_care().select_related(
        "gezin__plan__regisseur_medewerker", "gebruiker", "toekomstplan__assistent__gebruiker"
    )
    na_18 = kalender.uiterlijk_geboren(kalender.achttien, op)

    zonder = base.filter(
        geboortedatum__gt=na_18,
        geboortedatum__lte=kalender.uiterlijk_geboren(kalender.zestieneneenhalf, op),
        toekomstplan__isnull=True,
    ).exclude(pk__in=Signaal.objects.filter(soort=SignaalSoort.ZESTIENENHALF).values("jeugdige_id"))
    for lid in zonder.iterator(chunk_size=500):
        regisseur = lid.gezin.plan.regisseur_medewerker
        if regisseur is not None and regisseur.is_active:
            sent[SignaalSoort.ZESTIENENHALF] += _send(
                lid,
                SignaalSoort.ZESTIENENHALF,
                [regisseur],
                _("Een jongere in een gezinsplan waar u regisseur bent is 16,5 jaar en heeft nog geen toekomstplan."),
                "/toekomstplan/signalen/",
            )

    drie = kalender.uiterlijk_geboren(leeftijd.drie_maanden_voor_18, op)
    zes = kalender.uiterlijk_geboren(leeftijd.zes_maanden_voor_18, op)
    windows = [
        (SignaalSoort.DRIE_MAANDEN, na_18, drie),
        (SignaalSoort.ZES_MAANDEN, drie, zes),
    ]
    if totalen.moet == 0:
        return {str(k): v for k, v in sent.items()}
    for soort, born_after, born_until in windows:
        qs = (
            base.filter(geboortedatum__gt=born_after, geboortedatum__lte=born_until)
            .annotate(moet_klaar=selectors._count_done(onderdeel__voor_18=True))
            .filter(moet_klaar__lt=totalen.moet)
            .exclude(pk__in=Signaal.objects.filter(soort=soort).values("jeugdige_id"))
        )
        maanden = 3 if soort == SignaalSoort.DRIE_MAANDEN else 6
        for lid in qs.iterator(chunk_size=500):
            ontvangers = []
            regisseur = lid.gezin.plan.regisseur_medewerker
            if regisseur is not None and regisseur.is_active:
                ontvangers.append(regisseur)
            if lid.gebruiker is not None and lid.gebruiker.is_active:
                ontvangers.append(lid.gebruiker)
            plan = getattr(lid, "toekomstplan", None)
            if plan is not None and plan.assistent is not None and plan.assistent.actief and plan.assistent.gebruiker:
                ontvangers.append(plan.assistent.gebruiker)
            link = _link(plan) if plan is not None else "/toekomstplan/"
            sent[soort] += _send(
                lid,
                soort,
                ontvangers,
                _("Over {maanden} maanden is een jongere 18. Nog niet alles wat voor 18 moet is geregeld.").format(
                    maanden=maanden
                ),
                link,
            )
    return {str(k): v for k, v in sent.items()}
