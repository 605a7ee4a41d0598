"""Verwijsindex data: only what Jeugdwet art. 7.1.4.3 allows, and nothing that can hold content.

Field whitelist (tested in tests/verwijsindex/test_no_content.py): no model here has a free-text
field for a reason, a problem or a note. Text fields hold names and contact details of
professionals only, and choice fields hold codes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdketen.organisaties.models import Organisatie, OrganisatieSoort, Regio


class Jongere(models.Model):
    """The youth's key: a keyed hash (HMAC-SHA256) of the BSN or the verwijsindexservicenummer.

    Also the row that is locked while matching (SECURITY.md F4). It carries no name, no birth
    date and no BSN; a copy of this table does not reveal who is registered.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sleutel = models.CharField(max_length=64, unique=True)
    zonder_bsn = models.BooleanField(default=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # The family match this youth is in (youths with a parent in common in the BRP, art. 7.1.2.3).
    gezinsmatch = models.ForeignKey(
        "Gezinsmatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="jongeren"
    )

    class Meta:
        verbose_name = _("jongere (pseudoniem)")
        verbose_name_plural = _("jongeren (pseudoniem)")

    def __str__(self) -> str:
        return f"jongere {self.uuid}"


class MeldingStatus(models.TextChoices):
    ACTIEF = "actief", _("actief")
    GEARCHIVEERD = "gearchiveerd", _("in het archief")


class Verwijderreden(models.TextChoices):
    """Art. 7.1.4.5: two reasons for the registrant, three automatic ones."""

    ONTERECHT = "onterecht", _("De melding was onterecht")
    RISICO_WEG = "risico_weg", _("Het risico is weg")
    TERMIJN = "termijn", _("Twee jaar voorbij")
    LEEFTIJD_23 = "leeftijd_23", _("De jongere is 23 jaar geworden")
    OVERLEDEN = "overleden", _("De jongere is overleden")


# Art. 7.1.4.6: only these removals go into the archive (kept five years, never past 23).
ARCHIEF_REDENEN = frozenset({Verwijderreden.RISICO_WEG, Verwijderreden.TERMIJN})
REDENEN_MELDER = (Verwijderreden.ONTERECHT, Verwijderreden.RISICO_WEG)


class Informeren(models.TextChoices):
    """Art. 7.1.5.1: whom the registrant informs, by the youth's age at registration."""

    OUDERS = "ouders", _("De ouders of voogd (jongere onder 12 jaar)")
    JONGERE_EN_OUDERS = "jongere_en_ouders", _("De jongere en de ouders of voogd (12 tot 16 jaar)")
    JONGERE = "jongere", _("De jongere (16 jaar of ouder)")


class NietGeinformeerdReden(models.TextChoices):
    """Why informing has not happened yet: codes only, never free text."""

    NOG_NIET_BEREIKT = "nog_niet_bereikt", _("Nog niet bereikt")
    VEILIGHEID = "veiligheid", _("Informeren brengt de veiligheid van de jongere of een ander in gevaar")
    GEWICHTIG_BELANG = "gewichtig_belang", _("Een zwaarwegend belang van de jongere verzet zich er nu tegen")


class Bron(models.TextChoices):
    APP = "app", _("in de app")
    API = "api", _("via de koppeling (API)")
    CSV = "csv", _("via een CSV-bestand")


class Melding(models.Model):
    """A registration: THAT an organisation is involved with a youth, never WHAT (art. 7.1.4.3).

    The birth date is asked but not stored; what is kept of it is the removal date and the last
    day anything of this registration may exist (`uiterste_datum`: the 23rd birthday, or seven
    years after registration when that comes first), which the archive rule needs.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jongere = models.ForeignKey(Jongere, on_delete=models.CASCADE, related_name="meldingen")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    melder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    melder_naam = models.CharField(_("naam melder"), max_length=200)
    melder_telefoon = models.CharField(_("telefoon melder"), max_length=32, blank=True)
    melder_email = models.EmailField(_("e-mail melder"), blank=True)
    coordinator_naam = models.CharField(_("naam coördinator"), max_length=200, blank=True)
    coordinator_telefoon = models.CharField(_("telefoon coördinator"), max_length=32, blank=True)
    coordinator_email = models.EmailField(_("e-mail coördinator"), blank=True)
    aangemeld_op = models.DateTimeField(_("gemeld op"))
    verwijderdatum = models.DateField(_("wordt automatisch verwijderd op"))
    automatische_reden = models.CharField(max_length=16, choices=Verwijderreden.choices)
    uiterste_datum = models.DateField(_("uiterste bewaardatum"))
    kenmerk_hint = models.CharField(max_length=12, blank=True, help_text="e.g. ******123; never the BSN")
    bron = models.CharField(max_length=8, choices=Bron.choices, default=Bron.APP)
    status = models.CharField(max_length=16, choices=MeldingStatus.choices, default=MeldingStatus.ACTIEF)
    verwijderd_op = models.DateTimeField(null=True, blank=True)
    verwijderreden = models.CharField(max_length=16, choices=Verwijderreden.choices, blank=True)
    archief_tot = models.DateField(null=True, blank=True)
    archief_gesignaleerd = models.BooleanField(default=False)
    informeren = models.CharField(max_length=20, choices=Informeren.choices)
    geinformeerd_op = models.DateField(_("geïnformeerd op"), null=True, blank=True)
    niet_geinformeerd_reden = models.CharField(max_length=20, choices=NietGeinformeerdReden.choices, blank=True)
    match = models.ForeignKey("Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="meldingen")

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            # F4: one current registration per youth and organisation.
            models.UniqueConstraint(
                fields=["jongere", "organisatie"],
                condition=models.Q(status="actief"),
                name="vi_melding_een_actieve_per_organisatie",
            ),
            models.CheckConstraint(
                condition=models.Q(status="actief", verwijderreden="")
                | models.Q(status="gearchiveerd", archief_tot__isnull=False),
                name="vi_melding_status_consistent",
            ),
        ]
        indexes = [
            # The organisation's list, newest first (`selectors.mijn_meldingen`), walked in order.
            models.Index(fields=["organisatie", "status", "-aangemeld_op", "-id"], name="vi_melding_org_lijst"),
            models.Index(fields=["status", "verwijderdatum"]),
            models.Index(fields=["status", "archief_tot"]),
            models.Index(fields=["jongere", "status"]),
        ]

    def __str__(self) -> str:
        return f"melding {self.uuid}"

    @property
    def nog_te_informeren(self) -> bool:
        return self.status == MeldingStatus.ACTIEF and self.geinformeerd_op is None


class MatchStatus(models.TextChoices):
    ACTIEF = "actief", _("actief")
    BEEINDIGD = "beeindigd", _("beëindigd")


class Match(models.Model):
    """Two or more current registrations on one youth by different organisations (art. 7.1.2.3).

    When the match ends and the registrations are destroyed, the row stays without its youth
    (jongere = NULL) as an anonymous fact for the aggregated usage figures.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jongere = models.ForeignKey(Jongere, on_delete=models.SET_NULL, null=True, related_name="matches")
    status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.ACTIEF)
    aangemaakt = models.DateTimeField()
    beeindigd_op = models.DateTimeField(null=True, blank=True)
    regie_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    regie_sinds = models.DateTimeField(null=True, blank=True)
    regie_door_afspraak = models.BooleanField(default=False)
    contact_vastgelegd_op = models.DateTimeField(null=True, blank=True)
    contact_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["jongere"], condition=models.Q(status="actief"), name="vi_match_een_actieve_per_jongere"
            )
        ]
        indexes = [models.Index(fields=["status", "aangemaakt"])]

    def __str__(self) -> str:
        return f"match {self.uuid}"


class Aansluiting(models.Model):
    """An organisation connected to the region's index, with its optional coordinator."""

    organisatie = models.OneToOneField(Organisatie, on_delete=models.CASCADE, related_name="vi_aansluiting")
    sinds = models.DateTimeField()
    aangesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("aansluiting verwijsindex")
        verbose_name_plural = _("aansluitingen verwijsindex")

    def __str__(self) -> str:
        return f"aansluiting {self.organisatie_id}"


# Care-giving kinds: only these may coordinate a match (matchregie, art. 7.1.3.2).
ZORGVERLENENDE_SOORTEN = (
    OrganisatieSoort.GI,
    OrganisatieSoort.VEILIG_THUIS,
    OrganisatieSoort.TOEGANG,
    OrganisatieSoort.JEUGDHULPAANBIEDER,
    OrganisatieSoort.PLEEGZORGAANBIEDER,
    OrganisatieSoort.GGZ,
    OrganisatieSoort.VERSLAVINGSZORG,
    OrganisatieSoort.GEHANDICAPTENZORG,
    OrganisatieSoort.CRISISDIENST,
    OrganisatieSoort.JGZ,
    OrganisatieSoort.HUISARTSENPRAKTIJK,
    OrganisatieSoort.WMO_AANBIEDER,
)


class Regiebeleid(models.Model):
    """The region's decision rules (afwegingskader): an ordered list of kinds, and the escalation term."""

    regio = models.OneToOneField(Regio, on_delete=models.CASCADE, related_name="vi_regiebeleid")
    volgorde = models.JSONField(default=list, help_text="ordered organisation kinds; care-giving kinds only")
    termijn_dagen = models.PositiveSmallIntegerField(default=10)

    class Meta:
        verbose_name = _("regiebeleid")
        verbose_name_plural = _("regiebeleid")

    def __str__(self) -> str:
        return f"regiebeleid {self.regio_id}"


class Gebruiksteller(models.Model):
    """Aggregated usage per organisation and month; survives the destruction of registrations.

    Append-only: every registration inserts its own row(s) (one per organisation it counts for)
    and the usage figures are the sums per organisation and month. One shared row updated by
    every registration would serialise all registrations of an organisation on its row lock; an
    INSERT takes no lock another registration waits for. The retention job rolls past months up
    into one row per organisation and month (`tellers_samenvoegen`), which leaves every sum as
    it was."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    maand = models.DateField(help_text="first day of the month")
    meldingen = models.PositiveIntegerField(default=0)
    matches = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["organisatie", "maand"], name="vi_teller_org_maand")]

    def __str__(self) -> str:
        return f"{self.organisatie_id} {self.maand:%Y-%m}"


class Bewaarrun(models.Model):
    """What one run of the retention job removed and destroyed (counts only, no youth)."""

    gestart = models.DateTimeField()
    peildatum = models.DateField()
    verwijderd_termijn = models.PositiveIntegerField(default=0)
    verwijderd_23 = models.PositiveIntegerField(default=0)
    gearchiveerd = models.PositiveIntegerField(default=0)
    vernietigd = models.PositiveIntegerField(default=0)
    matches_beeindigd = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bewaartermijnrun")
        verbose_name_plural = _("bewaartermijnruns")
        ordering = ["-gestart"]

    def __str__(self) -> str:
        return f"bewaarrun {self.gestart:%Y-%m-%d %H:%M}"


class Sleutelstand(models.Model):
    """Which pseudonym key chain the stored keys belong to: a fingerprint, never the key itself."""

    vingerafdruk = models.CharField(max_length=64)
    gewijzigd = models.DateTimeField()

    def __str__(self) -> str:
        return self.vingerafdruk[:12]


class ArchiefSignaal(models.Model):
    """The once-only signal of an archived registration to a new registrant (art. 7.1.4.6)."""

    ontvanger = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="archief_signalen")
    archief = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["archief"], name="vi_archief_signaleert_eenmaal")]

    def __str__(self) -> str:
        return f"archiefsignaal {self.pk}"


class Ouderpseudoniem(models.Model):
    """A parent of a registered youth according to the BRP, as a keyed pseudonym: the HMAC chain
    over "ouder:bsn:<BSN>" with the index's keys (pseudoniem.for_ouder), re-keyed by key rotation.
    No name, no BSN, no family of the platform: only what the family match needs (art. 7.1.2.3).
    Deleted with the youth's last current registration."""

    jongere = models.ForeignKey(Jongere, on_delete=models.CASCADE, related_name="ouders")
    sleutel = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("ouder (pseudoniem)")
        verbose_name_plural = _("ouders (pseudoniem)")
        constraints = [models.UniqueConstraint(fields=["jongere", "sleutel"], name="vi_ouder_eenmaal_per_jongere")]
        indexes = [models.Index(fields=["sleutel"])]

    def __str__(self) -> str:
        return f"ouder {self.pk}"


class Gezinsmatch(models.Model):
    """Registrations on two or more youths with a parent in common in the BRP (art. 7.1.2.3).

    The registrants are told only that it concerns another youth of the same family, with the
    other professionals' contact details (art. 7.1.4.3 lid 2). Ends when fewer than two of its
    youths have a current registration; the row then stays without youths, dates only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.ACTIEF)
    aangemaakt = models.DateTimeField()
    beeindigd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("gezinsmatch")
        verbose_name_plural = _("gezinsmatches")
        indexes = [models.Index(fields=["status", "aangemaakt"])]

    def __str__(self) -> str:
        return f"gezinsmatch {self.uuid}"
