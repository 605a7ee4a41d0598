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
    # When name and birth date were last taken from the BRP (None: never; docs/brp.md).
    brp_gecontroleerd_op = models.DateTimeField(_("gecontroleerd in de BRP op"), null=True, blank=True)

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


class BrpGegevens(models.Model):
    """The last known answer of the BRP about one person (a youth or a parent), by BSN.

    Written only by `services.personen_brp_bijwerken`; pages show it with the date it was last
    checked, and keep showing it when the BRP cannot be reached (docs/brp.md). `gezag_ouders`
    holds the BSNs of the parents with custody over this person while a minor (empty with
    `gezag_bekend` when nobody, or a third party, has it)."""

    bsn = models.CharField(_("BSN"), max_length=9, unique=True)
    voornamen = models.CharField(max_length=200, blank=True)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    geslachtsnaam = models.CharField(max_length=200, blank=True)
    geboortedatum = models.DateField(null=True, blank=True)
    adresregel1 = models.CharField(max_length=200, blank=True)
    adresregel2 = models.CharField(max_length=200, blank=True)
    geheimhouding = models.BooleanField(default=False)
    overleden_op = models.DateField(null=True, blank=True)
    gemeente_code = models.CharField(max_length=4, blank=True)
    gezag_bekend = models.BooleanField(default=False)
    gezag_soort = models.CharField(max_length=40, blank=True)
    gezag_ouders = models.JSONField(default=list, blank=True)
    brp_gecontroleerd_op = models.DateTimeField(_("gecontroleerd in de BRP op"))
    brp_mislukt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("BRP-gegevens")
        verbose_name_plural = _("BRP-gegevens")
        constraints = [models.CheckConstraint(condition=Q(bsn__regex=r"^[0-9]{9}$"), name="brpgegevens_bsn_9_cijfers")]

    def __str__(self) -> str:
        return f"BRP-gegevens {self.pk}"

    @property
    def naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.voorvoegsel, self.geslachtsnaam) if part)
