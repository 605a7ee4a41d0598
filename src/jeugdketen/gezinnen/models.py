"""Families (gezin), their members, the network they bring in, and consent (toestemming).

The invariants that matter are database constraints: a youth has a BSN and a birth date and is in
a family once; a consent names an organisation; a consent given by the family always ends; an
invitation code is stored only as a hash and can be used once.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.bsn import mask
from jeugdketen.organisaties.models import Gemeente, Organisatie
from jeugdketen.personen.models import Jeugdige


class Gezin(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam van het gezin"), max_length=120, help_text=_("Bijvoorbeeld: Gezin Janssen."))
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="gezinnen",
        verbose_name=_("verantwoordelijke gemeente"),
        help_text=_("De gemeente waar de jeugdige woont (woonplaatsbeginsel)."),
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        ordering = ["naam", "id"]
        indexes = [models.Index(fields=["gemeente", "naam"])]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:  # the members carry the family's municipality (Gezinslid.gemeente)
            self.leden.exclude(gemeente_id=self.gemeente_id).update(gemeente_id=self.gemeente_id)
            self.toestemmingen.exclude(gezin_naam=self.naam).update(gezin_naam=self.naam)


class LidSoort(models.TextChoices):
    JEUGDIGE = "jeugdige", _("Jeugdige")
    OUDER = "ouder", _("Ouder")
    VERZORGER = "verzorger", _("Verzorger")


class Gezinslid(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="leden", verbose_name=_("gezin"))
    soort = models.CharField(_("soort"), max_length=16, choices=LidSoort.choices)
    voornaam = models.CharField(_("voornaam"), max_length=80)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, default="")
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    gezag = models.BooleanField(_("heeft gezag"), default=False)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gezinslidmaatschappen",
        verbose_name=_("eigen inlog"),
    )
    # The one person record of a youth (docs/decisions/0008): the same person in every app.
    persoon = models.ForeignKey(
        Jeugdige, on_delete=models.PROTECT, null=True, blank=True, related_name="gezinsleden", verbose_name=_("persoon")
    )
    # The family's municipality, copied from `gezin` on every save (and kept in step by
    # Gezin.save): the toekomstplan's watch lists look up one municipality's youths in an age
    # window by one index, instead of every youth of that age in the country joined to their
    # families (issue 16).
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+", editable=False)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["soort", "geboortedatum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort=LidSoort.JEUGDIGE) | (Q(geboortedatum__isnull=False) & ~Q(bsn="")),
                name="gezinslid_jeugdige_heeft_bsn_en_geboortedatum",
            ),
            models.CheckConstraint(condition=Q(bsn="") | Q(bsn__regex=r"^[0-9]{9}$"), name="gezinslid_bsn_9_cijfers"),
            models.UniqueConstraint(fields=["gezin", "bsn"], condition=~Q(bsn=""), name="gezinslid_bsn_eenmaal"),
            models.UniqueConstraint(
                fields=["gezin", "gebruiker"], condition=Q(gebruiker__isnull=False), name="gezinslid_inlog_eenmaal"
            ),
        ]
        indexes = [
            models.Index(fields=["gebruiker"]),
            models.Index(fields=["bsn"]),
            models.Index(fields=["soort", "geboortedatum"]),  # the age windows of the monitor's coverage
            models.Index(fields=["gemeente", "soort", "geboortedatum"]),  # the watch lists of one municipality
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.gemeente_id = self.gezin.gemeente_id
        super().save(*args, **kwargs)

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    @property
    def bsn_gemaskeerd(self) -> str:
        return mask(self.bsn)

    @property
    def is_jeugdige(self) -> bool:
        return self.soort == LidSoort.JEUGDIGE


class NetwerkRelatie(models.TextChoices):
    FAMILIE = "familie", _("Familie")
    BUUR = "buur", _("Buur")
    VRIEND = "vriend", _("Vriend of kennis")
    JIM = "jim", _("JIM (Jouw Ingebrachte Mentor)")
    STEUNGEZIN = "steungezin", _("Steungezin")
    ANDERS = "anders", _("Anders")


class Netwerklid(models.Model):
    """Someone the family brings in. Sees the plan only while the family shares it (ziet_plan)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="netwerk", verbose_name=_("gezin"))
    naam = models.CharField(_("naam"), max_length=160)
    relatie = models.CharField(_("relatie met het gezin"), max_length=16, choices=NetwerkRelatie.choices)
    omschrijving = models.CharField(_("toelichting"), max_length=160, blank=True, help_text=_("Bijvoorbeeld: oma."))
    ziet_plan = models.BooleanField(_("mag het gezinsplan zien"), default=True)
    actief = models.BooleanField(_("doet mee"), default=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="netwerklidmaatschappen",
        verbose_name=_("eigen inlog"),
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerk")
        ordering = ["naam", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gezin", "gebruiker"], condition=Q(gebruiker__isnull=False), name="netwerklid_inlog_eenmaal"
            )
        ]
        indexes = [models.Index(fields=["gebruiker", "actief"])]

    def __str__(self) -> str:
        return self.naam


class Uitnodiging(models.Model):
    """A one-time invitation code for a citizen login (parent, youth or network member).

    Only a hash of the code is stored; the code itself is shown once to the person who invites.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="uitnodigingen")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uitnodigingen")
    code_hash = models.CharField(max_length=64, unique=True)
    verloopt_op = models.DateTimeField()
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"uitnodiging {self.uuid}"


class ToestemmingSoort(models.TextChoices):
    TOESTEMMING = "toestemming", _("Toestemming van het gezin")
    MANDAAT = "mandaat", _("Wettelijk mandaat")


class MandaatGrondslag(models.TextChoices):
    OTS = "ots", _("Ondertoezichtstelling (art. 1:255 BW)")
    VOOGDIJ = "voogdij", _("Voogdij (art. 1:302 BW)")
    JEUGDRECLASSERING = "jeugdreclassering", _("Jeugdreclassering (Jeugdwet art. 3.2)")
    VEILIG_THUIS = "veilig_thuis", _("Onderzoek of advies Veilig Thuis (Wmo 2015 art. 4.1.1)")


class Toestemming(models.Model):
    """The access key of a professional to a family: consent, or a recorded legal mandate.

    Active while `actief_sinds` is set, it is not withdrawn, and the end date is not past
    (checked at each request, see selectors.active_consents).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="toestemmingen")
    soort = models.CharField(_("soort"), max_length=16, choices=ToestemmingSoort.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="toestemmingen", verbose_name=_("organisatie")
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persoonlijke_toestemmingen",
        verbose_name=_("alleen voor deze medewerker"),
    )
    doel = models.CharField(_("doel"), max_length=300)
    grondslag = models.CharField(_("wettelijke grondslag"), max_length=32, choices=MandaatGrondslag.choices, blank=True)
    ingangsdatum = models.DateField(_("vanaf"))
    einddatum = models.DateField(_("tot en met"), null=True, blank=True)
    gegeven_door = models.ForeignKey(
        Gezinslid, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("gegeven door")
    )
    mede_gegeven_door = models.ForeignKey(
        Gezinslid,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ook gegeven door"),
    )
    wacht_op = models.CharField(_("wacht nog op"), max_length=16, blank=True)
    actief_sinds = models.DateTimeField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    herinnering_verstuurd = models.BooleanField(default=False)
    # A copy of the family's name (set on save, kept by Gezin.save): a professional's family list
    # walks the (organisatie, gezin_naam, gezin) index in the list's own order and stops at the
    # page, instead of joining and sorting the whole caseload (selectors.in_naamvolgorde, issue 16).
    gezin_naam = models.CharField(max_length=120, default="", editable=False)
    # Whether the family had its plan when this consent was given, or has had one since (set on
    # save and, for the family's consents, when its plan starts: gezinsplan.services): the "still
    # without a plan" list walks only the consents without one by a partial index, where it probed
    # the plan of every family of the caseload (5,000 of an access team at national scale, issue
    # 16). Only a hint: the list still checks the plan itself, so a stale False (a consent given
    # while the plan was being started) costs a probe; True is only ever set once the plan exists,
    # and a plan is only ever deleted with its family.
    gezin_heeft_plan = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-aangemaakt", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort=ToestemmingSoort.TOESTEMMING) | Q(einddatum__isnull=False),
                name="toestemming_heeft_einddatum",
            ),
            models.CheckConstraint(
                condition=~Q(soort=ToestemmingSoort.MANDAAT) | ~Q(grondslag=""), name="mandaat_heeft_grondslag"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("ingangsdatum")),
                name="toestemming_einde_na_begin",
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "gezin"], name="toestemming_org_gezin"),
            models.Index(fields=["organisatie", "gezin_naam", "gezin"], name="toestemming_org_naam"),
            models.Index(fields=["gezin", "einddatum"], name="toestemming_gezin_einde"),
            models.Index(
                fields=["organisatie", "gezin"], condition=Q(gezin_heeft_plan=False), name="toestemming_org_zonder_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.organisatie}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:  # later saves keep it; Gezin.save carries a new name over
            self.gezin_naam = self.gezin.naam
            # The plan's own relation name ("plan", gezinsplan): gezinnen does not import that app.
            self.gezin_heeft_plan = Gezin.objects.filter(pk=self.gezin_id, plan__isnull=False).exists()
        super().save(*args, **kwargs)

    @property
    def is_mandaat(self) -> bool:
        return self.soort == ToestemmingSoort.MANDAAT
