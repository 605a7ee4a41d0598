"""The monitor's own data: population figures (denominators), entered 2018 baselines, the
region's settings, and the table of facts every page and export reads.

No model here holds a person: a fact is a count, a denominator and a value per indicator, area
and period, computed by `berekening.bereken` from the other apps' aggregate selectors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.organisaties.models import Gemeente, Regio

BASISJAAR = 2018


class Leeftijdsklasse(models.TextChoices):
    """CBS age bands the indicators need as denominators."""

    K0_11 = "0-11", _("0 tot 12 jaar")
    K12_17 = "12-17", _("12 tot 18 jaar")
    K18_22 = "18-22", _("18 tot 23 jaar")


class Monitorinstelling(models.Model):
    """The region's choices for its monitor (defaults when not saved)."""

    regio = models.OneToOneField(Regio, on_delete=models.CASCADE, related_name="+")
    drempel = models.PositiveSmallIntegerField(
        _("kleinste aantal dat getoond wordt"),
        default=10,
        help_text=_("Aantallen daaronder tonen we als '< drempel'; percentages over minder mensen niet."),
    )

    class Meta:
        verbose_name = _("monitorinstelling")
        verbose_name_plural = _("monitorinstellingen")
        constraints = [models.CheckConstraint(condition=Q(drempel__gte=2), name="monitor_drempel_minstens_2")]

    def __str__(self) -> str:
        return f"{self.regio_id}: {self.drempel}"


class Bevolking(models.Model):
    """Population per municipality, year (1 January) and age band, from a CBS CSV."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    leeftijd = models.CharField(_("leeftijd"), max_length=8, choices=Leeftijdsklasse.choices)
    aantal = models.PositiveIntegerField(_("aantal inwoners"))
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bevolking")
        verbose_name_plural = _("bevolking")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar", "leeftijd"], name="bevolking_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id} {self.jaar} {self.leeftijd}: {self.aantal}"


class Basiswaarde(models.Model):
    """A 2018 baseline entered by policy staff because the platform started later. The monitor
    uses it when it has no 2018 fact of its own, and says so on the page."""

    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+")
    gebied = models.CharField(_("gebied"), max_length=48, help_text=_("'regio' of een CBS-code zoals GM0917"))
    indicator = models.CharField(_("indicator"), max_length=40)
    teller = models.FloatField(_("teller"), null=True, blank=True)
    noemer = models.FloatField(_("noemer"), null=True, blank=True)
    waarde = models.FloatField(_("waarde"))
    bron = models.CharField(_("bron"), max_length=300)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingevoerd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ingevoerde basiswaarde 2018")
        verbose_name_plural = _("ingevoerde basiswaarden 2018")
        constraints = [
            models.UniqueConstraint(fields=["regio", "indicator", "gebied"], name="basiswaarde_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.gebied}: {self.waarde}"


REGIO = "regio"  # the area key of a region total
AANBIEDER = "org:"  # the prefix of a provider's own figures (followed by its uuid)


class Feit(models.Model):
    """One figure: an indicator for an area and a period. The area (`gebied`) is a municipality's
    CBS code (GM0917), "regio" for the region, or "org:<uuid>" for one provider's own figures;
    `kwartaal` 0 is the whole year."""

    indicator = models.CharField(max_length=40)
    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+")
    gebied = models.CharField(max_length=48)
    gebied_naam = models.CharField(max_length=200)
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField(default=0)
    teller = models.FloatField(null=True, blank=True)
    noemer = models.FloatField(null=True, blank=True)
    waarde = models.FloatField(null=True, blank=True)
    # How many people the value is about (for suppressing a median or a share); None: the teller.
    basis = models.PositiveIntegerField(null=True, blank=True)
    berekend_op = models.DateTimeField()

    class Meta:
        verbose_name = _("feit")
        verbose_name_plural = _("feiten")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "regio", "gebied", "jaar", "kwartaal"], name="feit_uniek"),
            models.CheckConstraint(condition=Q(kwartaal__gte=0, kwartaal__lte=4), name="feit_kwartaal_0_4"),
        ]
        indexes = [
            # The unique constraint's index serves (indicator, area, period); this one a region's year.
            models.Index(fields=["regio", "jaar", "kwartaal"], name="feit_regio_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.gebied} {self.jaar}/{self.kwartaal}"


class Aanleiding(models.TextChoices):
    SCHEMA = "schema", _("Volgens schema")
    OP_VERZOEK = "op_verzoek", _("Op verzoek")
    DEMO = "demo", _("Demo")


class Berekening(models.Model):
    """The log of every computation of the facts: when, why, by whom, how many figures."""

    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+")
    aanleiding = models.CharField(max_length=16, choices=Aanleiding.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gestart_op = models.DateTimeField()
    klaar_op = models.DateTimeField()
    feiten = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("berekening")
        verbose_name_plural = _("berekeningen")
        indexes = [models.Index(fields=["regio", "-klaar_op"], name="berekening_laatste")]

    def __str__(self) -> str:
        return f"{self.regio_id} {self.klaar_op:%Y-%m-%d %H:%M}"


class Jaarrapport(models.Model):
    """The yearly report as made by the scheduled job (the on-demand one is made fresh)."""

    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    pdf = models.BinaryField()
    gemaakt_op = models.DateTimeField()

    class Meta:
        verbose_name = _("jaarrapport")
        verbose_name_plural = _("jaarrapporten")
        constraints = [models.UniqueConstraint(fields=["regio", "jaar"], name="jaarrapport_uniek")]

    def __str__(self) -> str:
        return f"{self.regio_id} {self.jaar}"
