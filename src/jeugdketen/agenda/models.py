"""The policy agenda of a region: agendas → themes → activities (current state, intended result,
planning, partners, budget per year, a status per year), action lines with their dream, milestones
and 2022 goals, and inspraak: the advice of the youth panel and of parents with the region's answer.

None of this is personal data: it is public policy, written by policy staff. Edits that can collide
(an activity, an advice) carry a version number: a save based on an older version is refused with
the newer text shown (services.VerouderdeVersie), nothing is overwritten.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.organisaties.models import Regio

from .regels import AdviesSoort, Adviseur, Puntsoort, Status

USER = settings.AUTH_USER_MODEL
# Every free text of the agenda (the forms limit the same; the seeds' longest text is about 1,000).
MAX_TEKST = 5000


class Agenda(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="agendas", verbose_name=_("regio"))
    sleutel = models.SlugField(max_length=60, help_text="stable name of the source document, for idempotent loading")
    titel = models.CharField(_("titel"), max_length=200)
    ondertitel = models.CharField(_("ondertitel"), max_length=200, blank=True)
    jaar_van = models.PositiveSmallIntegerField(_("van jaar"))
    jaar_tot = models.PositiveSmallIntegerField(_("tot en met jaar"))
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("beleidsagenda")
        verbose_name_plural = _("beleidsagenda's")
        ordering = ["regio", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "sleutel"], name="agenda_sleutel_per_regio"),
            models.CheckConstraint(condition=Q(jaar_tot__gte=models.F("jaar_van")), name="agenda_periode"),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def jaren(self) -> list[int]:
        return list(range(self.jaar_van, self.jaar_tot + 1))


class Thema(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="themas")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    titel = models.CharField(_("titel"), max_length=200)
    voetnoten = models.TextField(_("voetnoten"), blank=True, max_length=MAX_TEKST)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["agenda", "nummer"]
        constraints = [models.UniqueConstraint(fields=["agenda", "nummer"], name="thema_nummer_uniek")]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


class Activiteit(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    thema = models.ForeignKey(Thema, on_delete=models.CASCADE, related_name="activiteiten")
    volgorde = models.PositiveSmallIntegerField(default=0)
    activiteit = models.TextField(_("activiteit"), max_length=MAX_TEKST)
    huidige_stand = models.TextField(_("huidige stand van zaken"), blank=True, max_length=MAX_TEKST)
    beoogd_resultaat = models.TextField(_("beoogd resultaat"), blank=True, max_length=MAX_TEKST)
    planning = models.TextField(_("planning"), blank=True, max_length=MAX_TEKST)
    partners = models.TextField(_("partners"), blank=True, max_length=MAX_TEKST)
    indicator = models.CharField(_("indicator"), max_length=40, blank=True)
    versie = models.PositiveIntegerField(default=1, help_text="optimistic-concurrency counter")
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["thema", "volgorde", "id"]

    def __str__(self) -> str:
        return self.activiteit[:60]


class Activiteitstatus(models.Model):
    """The status of an activity in one year ("de stand van zaken wordt jaarlijks gemonitord")."""

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="statussen")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=MAX_TEKST)
    vastgelegd_op = models.DateTimeField(auto_now=True)
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("status per jaar")
        verbose_name_plural = _("statussen per jaar")
        ordering = ["activiteit", "jaar"]
        constraints = [models.UniqueConstraint(fields=["activiteit", "jaar"], name="status_eenmaal_per_jaar")]

    def __str__(self) -> str:
        return f"{self.jaar}: {self.get_status_display()}"


class Budget(models.Model):
    """The budget of an activity in one year, in whole euros (seed 004, "Indicatie inzet budget")."""

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="budgetten")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    bedrag = models.PositiveIntegerField(_("bedrag in euro"))

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["activiteit", "jaar"]
        constraints = [models.UniqueConstraint(fields=["activiteit", "jaar"], name="budget_eenmaal_per_jaar")]

    def __str__(self) -> str:
        return f"{self.jaar}: {self.bedrag}"


class Actielijn(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="actielijnen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    naam = models.CharField(_("naam"), max_length=200)
    droom = models.TextField(_("droom"), blank=True, max_length=MAX_TEKST)

    class Meta:
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["agenda", "volgorde", "id"]

    def __str__(self) -> str:
        return self.naam


class Actielijnpunt(models.Model):
    """One line of an action line: what we do, a milestone, or a 2022 goal (with its indicator)."""

    actielijn = models.ForeignKey(Actielijn, on_delete=models.CASCADE, related_name="punten")
    volgorde = models.PositiveSmallIntegerField(default=0)
    soort = models.CharField(_("soort"), max_length=16, choices=Puntsoort.choices)
    kop = models.CharField(_("kop"), max_length=300, blank=True)
    tekst = models.TextField(_("tekst"), max_length=MAX_TEKST)
    indicator = models.CharField(_("indicator"), max_length=40, blank=True)

    class Meta:
        ordering = ["actielijn", "volgorde", "id"]

    def __str__(self) -> str:
        return self.tekst[:60]


class Advies(models.Model):
    """Inspraak (seed 000, theme 7): advice of the youth panel or of parents, asked or not, with the
    region's answer and what was done with it. The panel speaks as a body: no person is stored."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="adviezen")
    thema = models.ForeignKey(
        Thema, on_delete=models.SET_NULL, null=True, blank=True, related_name="adviezen", verbose_name=_("thema")
    )
    soort = models.CharField(_("soort advies"), max_length=16, choices=AdviesSoort.choices)
    van = models.CharField(_("van wie"), max_length=16, choices=Adviseur.choices)
    datum = models.DateField(_("datum van het advies"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    advies = models.TextField(_("het advies"), max_length=MAX_TEKST)
    reactie = models.TextField(_("reactie van de regio"), blank=True, max_length=MAX_TEKST)
    wat_gedaan = models.TextField(_("wat is ermee gedaan"), blank=True, max_length=MAX_TEKST)
    versie = models.PositiveIntegerField(default=1, help_text="optimistic-concurrency counter")
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["agenda", "-datum", "-id"]
        indexes = [models.Index(fields=["agenda", "thema"], name="advies_agenda_thema")]

    def __str__(self) -> str:
        return self.onderwerp
