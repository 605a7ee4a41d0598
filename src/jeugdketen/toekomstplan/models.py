"""The toekomstplan (ready for 18): the region's topic/item catalogue and each youth's plan.

Invariants held by the database:
* one toekomstplan per youth (one-to-one on the youth's Gezinslid);
* a topic is chosen once per plan, an item has one progress row per plan;
* a progress status is one of the known values; a catalogue link is https;
* sharing with parents "as an adult" implies sharing (see selectors for the age rules).

Design of catalogue changes (PRODUCT 3: "the region maintains the topic list"): plans do not
copy the catalogue. A plan shows the catalogue's *active* items of the chosen topics plus every
must-before-18 item, joined with the plan's own progress rows. So a new item appears in every
plan at once; a retired item (`actief=False`) disappears from the to-do list but its progress row
is kept (PROTECT) and shown under "niet meer in de lijst". Items are never deleted once used.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import TEKST, lengte_checks
from jeugdketen.gezinnen.models import Gezin, Gezinslid, Netwerklid
from jeugdketen.gezinsplan.models import Gezinsplan


class Onderwerp(models.Model):
    """A topic of the region's list, e.g. Geld, Wonen, Zorg na 18."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sleutel = models.SlugField(_("vaste code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=120)
    uitleg = models.TextField(_("uitleg in eenvoudige taal"), max_length=TEKST)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(
        _("in de lijst"), default=True, help_text=_("Zet uit om het onderwerp uit de lijst te halen.")
    )

    class Meta:
        constraints = [*lengte_checks(uitleg=TEKST)]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen (toekomstplan)")
        ordering = ["volgorde", "naam", "id"]

    def __str__(self) -> str:
        return self.naam


class Onderdeel(models.Model):
    """One concrete thing to arrange, with where to arrange it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    onderwerp = models.ForeignKey(
        Onderwerp, on_delete=models.PROTECT, related_name="onderdelen", verbose_name=_("onderwerp")
    )
    sleutel = models.SlugField(_("vaste code"), max_length=60, unique=True)
    titel = models.CharField(_("wat regel je"), max_length=160)
    uitleg = models.TextField(_("uitleg in eenvoudige taal"), max_length=TEKST)
    link = models.URLField(_("link naar waar je het regelt"), blank=True)
    link_tekst = models.CharField(_("tekst van de link"), max_length=120, blank=True)
    voor_18 = models.BooleanField(_("moet geregeld zijn voor je 18e"), default=False)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(
        _("in de lijst"),
        default=True,
        help_text=_("Zet uit om het onderdeel uit de lijst te halen. Wat jongeren al deden blijft bewaard."),
    )

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen (toekomstplan)")
        ordering = ["onderwerp__volgorde", "volgorde", "titel", "id"]
        constraints = [
            *lengte_checks(uitleg=TEKST),
            models.CheckConstraint(condition=Q(link="") | Q(link__startswith="https://"), name="onderdeel_link_https"),
        ]
        indexes = [models.Index(fields=["actief", "voor_18"], name="onderdeel_actief_voor18")]

    def __str__(self) -> str:
        return self.titel


class Toekomstplan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jeugdige = models.OneToOneField(
        Gezinslid, on_delete=models.CASCADE, related_name="toekomstplan", verbose_name=_("jongere")
    )
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="toekomstplannen")
    gezinsplan = models.ForeignKey(
        Gezinsplan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toekomstplannen",
        verbose_name=_("gezinsplan"),
    )
    assistent = models.ForeignKey(
        Netwerklid,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toekomstplannen",
        verbose_name=_("assistent"),
        help_text=_("Iemand uit de eigen omgeving die de jongere zelf kiest."),
    )
    ouders_delen = models.BooleanField(_("ouders mogen meekijken"), default=False)
    ouders_delen_volwassen = models.BooleanField(
        _("gedeeld na de 18e verjaardag"),
        default=False,
        help_text="sharing given (again) when the youth was 18+; a consent given as a minor ends at 18",
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toekomstplan")
        verbose_name_plural = _("toekomstplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ouders_delen_volwassen=False) | Q(ouders_delen=True),
                name="toekomstplan_volwassen_delen_is_delen",
            )
        ]
        indexes = [models.Index(fields=["gezin"], name="toekomstplan_gezin")]

    def __str__(self) -> str:
        return f"Toekomstplan {self.uuid}"


class GekozenOnderwerp(models.Model):
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="gekozen")
    onderwerp = models.ForeignKey(Onderwerp, on_delete=models.PROTECT, related_name="+")
    gekozen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gekozen onderwerp")
        verbose_name_plural = _("gekozen onderwerpen")
        constraints = [models.UniqueConstraint(fields=["plan", "onderwerp"], name="onderwerp_eenmaal_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.onderwerp_id}"


class Status(models.TextChoices):
    OPEN = "open", _("Nog doen")
    BEZIG = "bezig", _("Mee bezig")
    GEREGELD = "geregeld", _("Geregeld")
    NIET_NODIG = "niet_nodig", _("Niet nodig voor mij")


KLAAR = (Status.GEREGELD, Status.NIET_NODIG)


class Eigenaar(models.TextChoices):
    JONGERE = "jongere", _("Ik zelf")
    ASSISTENT = "assistent", _("Mijn assistent")
    PROFESSIONAL = "professional", _("Mijn hulpverlener")
    OUDER = "ouder", _("Mijn ouder of verzorger")


class Planonderdeel(models.Model):
    """The progress of one catalogue item in one plan (created at the first change)."""

    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="voortgang")
    onderdeel = models.ForeignKey(Onderdeel, on_delete=models.PROTECT, related_name="voortgang")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    eigenaar = models.CharField(_("wie regelt het"), max_length=16, choices=Eigenaar.choices, blank=True)
    notitie = models.CharField(_("notitie"), max_length=300, blank=True)
    gewijzigd = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        constraints = [
            models.UniqueConstraint(fields=["plan", "onderdeel"], name="onderdeel_eenmaal_per_plan"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="planonderdeel_status_bekend"),
            models.CheckConstraint(
                condition=Q(eigenaar="") | Q(eigenaar__in=Eigenaar.values), name="planonderdeel_eigenaar_bekend"
            ),
        ]
        indexes = [models.Index(fields=["onderdeel", "status"], name="planonderdeel_onderdeel_status")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.onderdeel_id} {self.status}"


class SignaalSoort(models.TextChoices):
    ZESTIENENHALF = "16.5", _("16,5 jaar zonder toekomstplan")
    ZES_MAANDEN = "6m", _("Over 6 maanden 18, nog niet alles geregeld")
    DRIE_MAANDEN = "3m", _("Over 3 maanden 18, nog niet alles geregeld")


class Signaal(models.Model):
    """A time-based notification that was sent for a youth (each kind once per youth)."""

    jeugdige = models.ForeignKey(Gezinslid, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=8, choices=SignaalSoort.choices)
    verstuurd = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        constraints = [models.UniqueConstraint(fields=["jeugdige", "soort"], name="signaal_eenmaal_per_soort")]

    def __str__(self) -> str:
        return f"{self.jeugdige_id}: {self.soort}"
