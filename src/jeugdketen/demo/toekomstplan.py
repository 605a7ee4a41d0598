"""Demo data of the toekomstplan.

* `jongere` (Daan Janssen, 16+) gets a toekomstplan in progress in the demo family of
  demo/gezinsplan.py, found through his login (that step runs before this one). If that family
  is not there, this part is skipped.
* With size >= 1: one set of youths in care in Heerlen around each boundary of the watch
  lists (just before / just after 16.5 without a plan, within 6 and 3 months of 18 with must-items
  open, all done, just turned 18), each in their own family with the toegang login as regisseur.
  Ages are relative to the day the demo is built. size=0 (the test fixture) adds none of these;
  a larger size adds no more (the generator's statement count must not grow with size; bulk
  youths at national scale for benchmarks are not done yet).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from typing import Any

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, fetch
from jeugdketen.core.models import Actie
from jeugdketen.demo.common import actor, demo_bsn
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.organisaties.models import Gemeente, Regio
from jeugdketen.toekomstplan import leeftijd, services
from jeugdketen.toekomstplan.logevents import Segment
from jeugdketen.toekomstplan.models import Onderdeel, Onderwerp, Status, Toekomstplan

logger = logging.getLogger(__name__)

PREFIX = "Demogezin rond 18"

# (label, boundary, days after the boundary on the build day, start a plan?, must-items done?)
BOUNDARY_YOUTHS: list[tuple[str, Any, int, bool, bool]] = [
    ("bijna 16,5", kalender.zestieneneenhalf, -10, False, False),
    ("net 16,5, geen plan", kalender.zestieneneenhalf, 5, False, False),
    ("17, met plan", kalender.zestieneneenhalf, 120, True, False),
    ("6 maanden voor 18, open", leeftijd.zes_maanden_voor_18, 3, True, False),
    ("3 maanden voor 18, geen plan", leeftijd.drie_maanden_voor_18, 2, False, False),
    ("bijna 18, alles geregeld", leeftijd.drie_maanden_voor_18, 30, True, True),
    ("net 18, hulp gaat door", kalender.achttien, 10, True, False),
]
FIRST_NAMES = ["Sem", "Lotte", "Milan", "Noor", "Levi", "Fleur", "Jesse", "Iris", "Thijs", "Sara"]


def toekomstplan_demo(regio: Regio, *, size: int, rng: random.Random) -> None:
    _jongere_plan()
    if size >= 1:
        # An own generator: the shared `rng` stays untouched, so other modules' demo data do not
        # change with this one.
        _boundary_youths(size=size, rng=random.Random(f"toekomstplan-{size}"))


def _jongere_plan() -> None:
    lid = (
        Gezinslid.objects.filter(gebruiker__username="jongere", soort=LidSoort.JEUGDIGE).select_related("gezin").first()
    )
    if lid is None:
        logger.info("toekomstplan demo: no demo family for 'jongere' yet; skipped")
        return
    if Toekomstplan.objects.filter(jeugdige=lid).exists():
        return
    if lid.geboortedatum is None or not kalender.bereikt(kalender.zestien, lid.geboortedatum, kalender.vandaag()):
        logger.info("toekomstplan demo: 'jongere' is under 16; skipped")
        return
    daan = actor("jongere")
    plan = services.toekomstplan_starten(jeugdige=lid, by=daan)
    # As on the pages: each change fetches the plan (its one access-log entry) and hands it on.
    services.onderwerpen_kiezen(
        toegang=fetch(daan, Toekomstplan, uuid=plan.uuid, segment=Segment.ONDERWERPEN, actie=Actie.UPDATE),
        by=daan,
        onderwerpen=list(Onderwerp.objects.filter(sleutel__in=["school", "werk", "wonen", "geld"])),
    )
    for sleutel, status, eigenaar in [
        ("digid-aanvragen", Status.GEREGELD, "jongere"),
        ("bankrekening", Status.BEZIG, "jongere"),
        ("zorgverzekering", Status.OPEN, "ouder"),
        ("cv", Status.GEREGELD, "assistent"),
        ("opleiding-kiezen", Status.BEZIG, "jongere"),
    ]:
        services.onderdeel_bijwerken(
            toegang=fetch(daan, Toekomstplan, uuid=plan.uuid, segment=Segment.ONDERDELEN, actie=Actie.UPDATE),
            by=daan,
            onderdeel=Onderdeel.objects.get(sleutel=sleutel),
            status=status,
            eigenaar=eigenaar,
        )


def _boundary_youths(*, size: int, rng: random.Random) -> None:
    existing = Gezin.objects.filter(naam__startswith=PREFIX).count()
    wanted = len(BOUNDARY_YOUTHS)  # one set, whatever the size: a larger size adds no statements
    if existing >= wanted:
        return
    toegang = actor("toegang")
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    today = kalender.vandaag()
    must = list(Onderdeel.objects.filter(actief=True, voor_18=True))
    for n in range(existing, wanted):
        label, grens, days_after, with_plan, all_done = BOUNDARY_YOUTHS[n % len(BOUNDARY_YOUTHS)]
        born = kalender.uiterlijk_geboren(grens, today - dt.timedelta(days=days_after))
        voornaam = FIRST_NAMES[n % len(FIRST_NAMES)]
        gezin = gezinnen_services.gezin_aanmaken(
            by=toegang,
            naam=f"{PREFIX} {n + 1} ({label})",
            gemeente=heerlen,
            leden=[
                gezinnen_services.LidInvoer(
                    soort=LidSoort.OUDER, voornaam="Ouder", achternaam=f"Demo{n + 1}", gezag=True
                ),
                gezinnen_services.LidInvoer(
                    soort=LidSoort.JEUGDIGE,
                    voornaam=voornaam,
                    achternaam=f"Demo{n + 1}",
                    bsn=demo_bsn(rng),
                    geboortedatum=born,
                ),
            ],
            doel="Gezinsplan en toekomstplan (demo)",
            einddatum=today + dt.timedelta(days=365),
        )
        plan_services.plan_aanmaken(gezin=gezin, by=toegang, situatie="", krachten="")
        _in_zorg(gezin, toegang)
        if not with_plan:
            continue
        youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
        plan = services.toekomstplan_starten(jeugdige=youth, by=toegang)
        for item in must if all_done else must[:1]:
            services.onderdeel_bijwerken(
                toegang=fetch(toegang, Toekomstplan, uuid=plan.uuid, segment=Segment.ONDERDELEN, actie=Actie.UPDATE),
                by=toegang,
                onderdeel=item,
                status=Status.GEREGELD,
            )
    logger.info("toekomstplan demo: %s youths around the boundaries", wanted - existing)


def _in_zorg(gezin: Gezin, toegang: Actor) -> None:
    """The youth has ambulant help assigned by the access team (what makes a youth "in care")."""
    from jeugdketen.jeugdhulp import services as jeugdhulp
    from jeugdketen.organisaties.models import Organisatie

    youth = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    aanbieder = Organisatie.objects.filter(naam="Jeugdhulp Parkstad", zorgaanbieder__isnull=False).first()
    if youth.persoon is None or aanbieder is None:
        return
    jeugdhulp.traject_toewijzen(
        by=toegang,
        jeugdige=youth.persoon,
        gemeente=gezin.gemeente,
        invoer=jeugdhulp.ToewijzingInvoer(
            aanbieder=aanbieder, productcategorie="45", ingangsdatum=kalender.vandaag() - dt.timedelta(days=30)
        ),
    )
