"""One person record for a youth across the platform (docs/decisions/0009-one-person-record.md).

A `Jeugdige` is identified by the BSN (11-test) and carries the birth date and the history of the
responsible municipality (woonplaatsbeginsel, Jeugdwet art. 1.1 and 2.3). A family member
(`gezinnen.Gezinslid`) that is a youth links to it; care trajectories, measures and thuiszitter
reports (jeugdhulp) point at it. The sealed verwijsindex keeps its own pseudonymised record.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.bsn import mask
from jeugdketen.organisaties.models import Gemeente


class Geslacht(models.TextChoices):
    """iJw code list COD046 (Geslacht), release 3.2."""

    ONBEKEND = "0", _("Onbekend")
    MAN = "1", _("Mannelijk")
    VROUW = "2", _("Vrouwelijk")


class Jeugdige(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn = models.CharField(_("BSN"), max_length=9, unique=True)
    geboortedatum = models.DateField(_("geboortedatum"))
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=10, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jeugdige")
        verbose_name_plural = _("jeugdigen")
        constraints = [models.CheckConstraint(condition=Q(bsn__regex=r"^[0-9]{9}$"), name="jeugdige_bsn_9_cijfers")]
        indexes = [models.Index(fields=["geboortedatum"])]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.voorvoegsel, self.achternaam) if part)

    @property
    def bsn_gemaskeerd(self) -> str:
        return mask(self.bsn)


class Woonplaatsperiode(models.Model):
    """The municipality responsible for the youth from `vanaf` until `tot` (inclusive; open = now).

    At most one open period per youth; periods are closed, never rewritten, when the youth moves.
    """

    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.CASCADE, related_name="woonplaatsen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    vanaf = models.DateField(_("vanaf"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("verantwoordelijke gemeente")
        verbose_name_plural = _("verantwoordelijke gemeenten")
        ordering = ["jeugdige", "vanaf"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("vanaf")), name="woonplaats_tot_na_vanaf"
            ),
            models.UniqueConstraint(
                fields=["jeugdige"], condition=Q(tot__isnull=True), name="woonplaats_een_open_periode"
            ),
            models.UniqueConstraint(fields=["jeugdige", "vanaf"], name="woonplaats_vanaf_uniek"),
        ]
        indexes = [models.Index(fields=["gemeente", "tot"])]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.vanaf}–{self.tot or ''}"
