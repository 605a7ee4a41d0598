"""Family experience in the demo: the Janssen family's last evaluation invites Linda (parent) and
Daan (17) to score the core values, and every municipality has answers for last year and this year,
some groups under the threshold (shown as "< 10") and some above it (with remarks)."""

from __future__ import annotations

import random

from jeugdketen.core import kalender
from jeugdketen.demo.gezinsplan import JANSSEN
from jeugdketen.ervaring import services as ervaring_services
from jeugdketen.ervaring.models import Antwoord
from jeugdketen.ervaring.regels import VELDEN
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties.models import Regio

OPMERKINGEN = [
    "",
    "",
    "",
    "Er werd echt naar ons geluisterd.",
    "Het duurde lang voordat er iets gebeurde.",
    "Fijn dat we zelf mochten kiezen.",
    "Ik wist niet altijd wie wat deed.",
]


def ervaring_demo(regio: Regio, *, size: int, seed: int) -> None:
    if size <= 0:
        return
    plan = Gezinsplan.objects.filter(gezin__naam=JANSSEN, gezin__gemeente__regio=regio).select_related("gezin").first()
    if plan is not None:
        ervaring_services.uitnodigen_na_evaluatie(plan, kalender.vandaag())
    if Antwoord.objects.filter(gemeente__regio=regio).exists():
        return
    rng = random.Random(seed)
    jaar = kalender.vandaag().year
    rows = []
    for gemeente in regio.gemeenten.order_by("cbs_code"):
        for j in (jaar - 1, jaar):
            for _n in range(rng.choice([4, 8, 12, 18, 25]) * size):
                scores = {v: rng.choice([None, 2, 3, 3, 4, 4, 4, 5, 5]) for v in VELDEN}
                if all(s is None for s in scores.values()):
                    scores[VELDEN[0]] = 4
                rows.append(Antwoord(gemeente=gemeente, jaar=j, opmerking=rng.choice(OPMERKINGEN), **scores))
    Antwoord.objects.bulk_create(rows, batch_size=1000)
