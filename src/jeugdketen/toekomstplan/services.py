"""Every write on the toekomstplan: typed, keyword-only, atomic, permission-checked, logged.

A change of a plan takes the access its caller fetched (`toegang`: the plan and the actor's role in
it, from `core.access.fetch` with the change's action and segment). That fetch wrote the change's
one access-log entry, so these functions do not fetch or log it again; they check that the role
may do this (otherwise `core.access.refuse`: a logged denial, and the 404 page), write any outbox
rows in the same transaction, and raise django ValidationError with a plain-Dutch message for bad
input. Starting a plan is logged here (logevents.plan_started): there is no plan to fetch yet.

Who may do what:
* the youth: everything — choose topics, update items, choose or invite the assistant, share
  with parents;
* the assistant and the professionals of the family (with consent): update items;
* a professional chooses topics only for a youth without an own login (together with them);
* parents: read only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, refuse, require, visible
from jeugdketen.core.models import Actie
from jeugdketen.core.outbox import notify
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezinslid, Netwerklid
from jeugdketen.gezinsplan import selectors as gezinsplan
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.organisaties.selectors import person_of

from . import leeftijd, logevents, selectors
from .logevents import ObjectType, Segment
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
from .selectors import PlanRol


def _link(plan: Toekomstplan) -> str:
    return reverse("toekomstplan:plan", kwargs={"plan": plan.uuid})


def _tell(plan: Toekomstplan, by: Actor, *, soort: str, titel: str, dedupe: str) -> None:
    """Tell the youth and the assistant (not the one who acted) that there is news; no personal data."""
    ontvangers = []
    if plan.jeugdige.gebruiker_id and plan.jeugdige.gebruiker is not None and plan.jeugdige.gebruiker.is_active:
        ontvangers.append(plan.jeugdige.gebruiker)
    if plan.assistent is not None and plan.assistent.actief and plan.assistent.gebruiker is not None:
        ontvangers.append(plan.assistent.gebruiker)
    for user in ontvangers:
        if user.pk == by.user_pk:
            continue
        notify(ontvanger=user, soort=soort, titel=titel, link=_link(plan), dedupe_key=dedupe)


# --- Start ------------------------------------------------------------------------------------


@transaction.atomic
def toekomstplan_starten(*, jeugdige: Gezinslid, by: Actor) -> Toekomstplan:
    """Start the one toekomstplan of a youth: by the youth (from 16) or a professional with consent (from 15)."""
    allowed = selectors.youth_for_start(by, jeugdige.uuid)
    creator = person_of(by)
    if allowed is None or creator is None:
        refuse(
            by,
            object_type=ObjectType.TOEKOMSTPLAN,
            object_id=str(jeugdige.uuid),
            segment=Segment.STARTEN,
            actie=Actie.CREATE,
        )
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
                aangemaakt_door=creator,
            )
    except IntegrityError:
        raise ValidationError(
            {"__all__": [_("Er is al een toekomstplan voor deze jongere. Iedere jongere heeft er één.")]}
        ) from None
    # Read back through the scope: the creator sees it, and the log names their basis of access.
    plan = visible(by, Toekomstplan).get(pk=plan.pk)
    logevents.plan_started(by, plan)
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
def onderwerpen_kiezen(*, toegang: Toegang[Toekomstplan], by: Actor, onderwerpen: list[Onderwerp]) -> set[int]:
    """The youth chooses the topics to work on. Must-before-18 items stay in whatever is chosen.
    Unchosen topics keep their progress rows (choosing them again brings the progress back).
    `toegang`: the plan fetched with `Actie.UPDATE`, segment `onderwerpen`."""
    plan = require(by, toegang, selectors.may_choose_topics(toegang), segment=Segment.ONDERWERPEN)
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
    return wanted


@transaction.atomic
def onderdeel_bijwerken(
    *,
    toegang: Toegang[Toekomstplan],
    by: Actor,
    onderdeel: Onderdeel,
    status: str,
    eigenaar: str = "",
    notitie: str = "",
) -> Planonderdeel:
    """Update the status, owner and note of one item of the plan (not the parents: they read).
    `toegang`: the plan fetched with `Actie.UPDATE`, segment `onderdelen`."""
    plan = require(
        by,
        toegang,
        toegang.relatie in (PlanRol.JONGERE, PlanRol.ASSISTENT, PlanRol.PROFESSIONAL),
        segment=Segment.ONDERDELEN,
    )
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
        raise ValidationError(errors)
    row, _created = Planonderdeel.objects.select_for_update().get_or_create(plan=plan, onderdeel=regel.onderdeel)
    row.status = status
    row.eigenaar = eigenaar
    row.notitie = notitie
    row.gewijzigd_door = person_of(by)
    row.save()
    Toekomstplan.objects.filter(pk=plan.pk).update(gewijzigd=timezone.now())
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
def assistent_kiezen(*, toegang: Toegang[Toekomstplan], by: Actor, netwerklid: Netwerklid | None) -> Toekomstplan:
    """The youth chooses (or, with None, stops) their assistant: an active network member of the
    family with an own login. `toegang`: the plan fetched with `Actie.UPDATE`, segment `assistent`."""
    plan = require(by, toegang, toegang.relatie == PlanRol.JONGERE, segment=Segment.ASSISTENT)
    if netwerklid is not None:
        ok = any(n.pk == netwerklid.pk for n in selectors.network_candidates(plan))
        if not ok:
            raise ValidationError(
                {"netwerklid": [_("Kies iemand uit je netwerk die een eigen inlog heeft, of nodig iemand uit.")]}
            )
    plan.assistent = netwerklid
    plan.save(update_fields=["assistent", "gewijzigd"])
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
    *, toegang: Toegang[Toekomstplan], by: Actor, naam: str, relatie: str, email: str = ""
) -> tuple[Netwerklid, str]:
    """The youth invites someone new as assistant. Reuses the family's invitation (a network member
    with a one-time code); the assistant does not see the family plan (ziet_plan=False), only this
    toekomstplan. Returns the member and the code to pass on (shown once).
    `toegang`: the plan fetched with `Actie.UPDATE`, segment `assistent`."""
    plan = require(by, toegang, toegang.relatie == PlanRol.JONGERE, segment=Segment.ASSISTENT)
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
    return lid, code


@transaction.atomic
def delen_met_ouders(*, toegang: Toegang[Toekomstplan], by: Actor, delen: bool) -> Toekomstplan:
    """The youth shares the plan with their parents, or stops sharing. A sharing given before 18
    ends on the 18th birthday; given from 18 it lasts until the youth stops it.
    `toegang`: the plan fetched with `Actie.UPDATE`, segment `delen`."""
    plan = require(by, toegang, toegang.relatie == PlanRol.JONGERE, segment=Segment.DELEN)
    geboortedatum = plan.jeugdige.geboortedatum
    assert geboortedatum is not None
    today = kalender.vandaag()
    if not kalender.bereikt(kalender.zestien, geboortedatum, today):
        raise ValidationError({"__all__": [_("Tot je 16e kijken je ouders mee. Vanaf je 16e beslis je dit zelf.")]})
    plan.ouders_delen = delen
    plan.ouders_delen_volwassen = delen and kalender.bereikt(kalender.achttien, geboortedatum, today)
    plan.save(update_fields=["ouders_delen", "ouders_delen_volwassen", "gewijzigd"])
    return plan


# --- Time-based signals -------------------------------------------------------------------------


def _send(jeugdige: Gezinslid, soort: str, ontvangers: Sequence[Gebruiker | None], titel: str, link: str) -> bool:
    """Record the signal once per youth and kind; notify in the same transaction.

    Nobody to tell (an inactive regisseur, a youth without a login): nothing is recorded, so the
    signal goes out on a later run when there is someone."""
    actief = [u for u in ontvangers if u is not None and u.is_active]
    if not actief:
        return False
    try:
        with transaction.atomic():
            Signaal.objects.create(jeugdige=jeugdige, soort=soort)
    except IntegrityError:
        return False
    for user in actief:
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
                reverse("toekomstplan:signalen"),
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
            link = _link(plan) if plan is not None else reverse("toekomstplan:mijn")
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
