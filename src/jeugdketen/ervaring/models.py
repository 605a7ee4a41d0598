"""Family experience: after a plan evaluation, parents and youths from 12 are invited to score the
six core values (seed 004) from 1 to 5, with an optional remark.

The invitation and the answer are decoupled on purpose:
* `Uitnodiging` knows who was invited and whether they answered (the date only), never the scores;
* `Antwoord` keeps the municipality, the year and the scores, and nothing that leads back to the
  person: no link to the invitation, no time stamp, and a random primary key (a counter would
  line up with the order in which people answered).
One answer per invitation is held by the conditional update of `beantwoord_op` in the answer's
transaction (services.antwoord_geven).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from jeugdketen.gezinnen.models import Gezinslid
from jeugdketen.organisaties.models import Gemeente

from .regels import KERNWAARDEN, MAX_OPMERKING, SCORE_MAX, SCORE_MIN


class Uitnodiging(models.Model):
    """One family member's invitation after one evaluation. A member with a login answers on
    their own page (`gebruiker`); a member without one gets a one-time code from the regisseur
    (printed, or read out), stored only as its hash, valid until `code_verloopt_op`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.CASCADE, related_name="ervaring_uitnodigingen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    evaluatie_datum = models.DateField(_("datum van de evaluatie"))
    aangemaakt = models.DateTimeField(auto_now_add=True)
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True, default="")
    code_verloopt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging ervaring")
        verbose_name_plural = _("uitnodigingen ervaring")
        ordering = ["-evaluatie_datum", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["gezinslid", "evaluatie_datum"], name="ervaring_eenmaal_per_evaluatie"),
            models.UniqueConstraint(fields=["code_hash"], condition=~Q(code_hash=""), name="ervaring_code_uniek"),
        ]
        indexes = [models.Index(fields=["gebruiker", "beantwoord_op"], name="ervaring_uitn_gebruiker")]

    def __str__(self) -> str:
        return f"uitnodiging {self.uuid}"


def _score(label: StrPromise) -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )


class Antwoord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    luister = _score(KERNWAARDEN[0][1])
    eerlijk = _score(KERNWAARDEN[1][1])
    oordeel = _score(KERNWAARDEN[2][1])
    mogelijkheden = _score(KERNWAARDEN[3][1])
    kiezen = _score(KERNWAARDEN[4][1])
    naast = _score(KERNWAARDEN[5][1])
    opmerking = models.TextField(_("opmerking"), blank=True, max_length=MAX_OPMERKING)

    class Meta:
        verbose_name = _("antwoord ervaring")
        verbose_name_plural = _("antwoorden ervaring")
        indexes = [models.Index(fields=["gemeente", "jaar"], name="ervaring_antw_gemeente_jaar")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{veld}__isnull": True}) | Q(**{f"{veld}__gte": SCORE_MIN, f"{veld}__lte": SCORE_MAX}),
                name=f"ervaring_{veld}_1_tot_5",
            )
            for veld, _label in KERNWAARDEN
        ]

    def __str__(self) -> str:
        return f"antwoord {self.jaar}"
