"""The integral crisis service for youth (ICJ): reports, triage, the case's moments, the norm
clocks, the hand-over to the regular plan and the look back after closing.

A crisis report holds content (what is going on, a first estimate of danger): special-category
data. Every read and change goes through `core.access.fetch` and is logged with a segment that
says so (see logevents.BIJZONDER).

Invariants held by the database:
* one report point: every case belongs to one crisis service organisation and one region;
* each moment (stabilised, crisis stay start, ...) happens at most once per case;
* a norm clock ends after it starts, and its deadline is not before its start;
* a case has at most one hand-over and one look back; the region has one set of norms.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import TEKST, lengte_checks
from jeugdketen.gezinnen.models import Gezin, Gezinslid, MandaatGrondslag
from jeugdketen.organisaties.models import Gemeente, Organisatie, Regio

USER = settings.AUTH_USER_MODEL


class Crisisnormen(models.Model):
    """The region's norms (regional settings). Defaults from the seeds: seed 001 (Zuid-Limburg
    ICJ: stabilised within 24 hours, crisis stay at most a week, ambulant at most 4 weeks,
    follow-up help directly, 90% of cases), seed 004 (bridging care at most 28 days) and
    DOMAIN.md (on-site within 2 hours, round-table on the first working day). docs/crisis.md."""

    regio = models.OneToOneField(Regio, on_delete=models.CASCADE, related_name="crisisnormen", verbose_name=_("regio"))
    stabilisatie_uren = models.PositiveIntegerField(
        _("gestabiliseerd binnen (uren)"), default=24, validators=[MinValueValidator(1)]
    )
    ter_plaatse_uren = models.PositiveIntegerField(
        _("beoordeling ter plaatse binnen (uren)"), default=2, validators=[MinValueValidator(1)]
    )
    verblijf_dagen = models.PositiveIntegerField(_("crisisverblijf ten hoogste (dagen)"), default=7)
    ambulant_dagen = models.PositiveIntegerField(_("ambulante crisishulp ten hoogste (dagen)"), default=28)
    overbrugging_dagen = models.PositiveIntegerField(_("overbruggingszorg ten hoogste (dagen)"), default=28)
    vervolg_marge_uren = models.PositiveIntegerField(
        _("vervolghulp gestart binnen (uren na het einde van de crisishulp)"),
        default=0,
        help_text=_("0 betekent: direct, zonder gat."),
    )
    signaal_procent = models.PositiveSmallIntegerField(
        _("signaal bij (procent van de norm)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    doel_procent = models.PositiveSmallIntegerField(
        _("doel: casussen binnen elke norm (procent)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    teamleider = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teamleider crisisdienst"),
        help_text=_("Krijgt bericht als een casus een norm nadert of voorbij is."),
    )

    class Meta:
        verbose_name = _("crisisnormen")
        verbose_name_plural = _("crisisnormen")
        constraints = [
            models.CheckConstraint(
                condition=Q(signaal_procent__gte=1, signaal_procent__lte=99), name="crisisnormen_signaal_1_99"
            ),
            models.CheckConstraint(condition=Q(doel_procent__gte=1, doel_procent__lte=100), name="crisisnormen_doel"),
            models.CheckConstraint(
                condition=Q(stabilisatie_uren__gte=1, ter_plaatse_uren__gte=1), name="crisisnormen_uren_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"Crisisnormen {self.regio}"


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon (24/7-nummer)")
    POLITIE = "politie", _("Via de politie of de meldkamer")
    VEILIG_THUIS = "veilig_thuis", _("Via Veilig Thuis")
    ZIEKENHUIS = "ziekenhuis", _("Via de spoedeisende hulp")
    ANDERS = "anders", _("Anders")


class MelderSoort(models.TextChoices):
    PROFESSIONAL = "professional", _("Een professional van een organisatie")
    BURGER = "burger", _("Een burger")


class MelderRelatie(models.TextChoices):
    OUDER = "ouder", _("Ouder of verzorger")
    JEUGDIGE = "jeugdige", _("De jongere zelf")
    FAMILIE = "familie", _("Familie")
    BUUR = "buur", _("Buur of kennis")
    PLEEGOUDER = "pleegouder", _("Pleegouder")
    ANDERS = "anders", _("Anders")


class Gevaar(models.TextChoices):
    LAAG = "laag", _("Laag: geen direct gevaar")
    MIDDEN = "midden", _("Midden: zorgelijk, vandaag handelen")
    HOOG = "hoog", _("Hoog: nu handelen")
    ACUUT = "acuut", _("Acuut: levensgevaar, 112 is gebeld")


class Aanpak(models.TextChoices):
    ADVIES = "advies", _("Alleen advies")
    AMBULANT = "ambulant", _("Ambulante crisishulp")
    VERBLIJF = "verblijf", _("Crisisverblijf")
    BEIDE = "beide", _("Ambulante crisishulp en crisisverblijf")


class Crisiscasus(models.Model):
    """One crisis report and what follows from it, until the case is closed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="+")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="crisiscasussen", verbose_name=_("crisisdienst")
    )
    # The report (melding): one page, in under a minute.
    ontvangen_op = models.DateTimeField(_("melding ontvangen op"))
    kanaal = models.CharField(_("hoe kwam de melding binnen"), max_length=16, choices=Kanaal.choices)
    melder_soort = models.CharField(_("wie meldt"), max_length=16, choices=MelderSoort.choices)
    melder_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisatie")
    )
    melder_naam = models.CharField(_("naam van de melder"), max_length=160, blank=True)
    melder_relatie = models.CharField(
        _("relatie met de jongere"), max_length=16, choices=MelderRelatie.choices, blank=True
    )
    melder_telefoon = models.CharField(_("telefoon van de melder"), max_length=32, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente waar de crisis is")
    )
    verantwoordelijke_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="crisiscasussen",
        verbose_name=_("verantwoordelijke gemeente"),
        help_text=_("De gemeente waar de jongere woont (woonplaatsbeginsel)."),
    )
    plaats = models.CharField(_("waar (adres of plek)"), max_length=200, blank=True)
    wat_speelt = models.TextField(_("wat speelt er"), max_length=TEKST)
    gevaar = models.CharField(_("eerste inschatting van gevaar"), max_length=16, choices=Gevaar.choices)
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    casushouder = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="crisiscasussen", verbose_name=_("casushouder")
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # Triage.
    triage_op = models.DateTimeField(_("triage op"), null=True, blank=True)
    aanpak = models.CharField(_("besluit van de triage"), max_length=16, choices=Aanpak.choices, blank=True)
    triage_deelnemers = models.CharField(_("wie deden mee aan de triage"), max_length=300, blank=True)
    triage_ggz = models.BooleanField(_("GGZ-deskundigheid was erbij"), default=False)
    triage_lvb = models.BooleanField(_("LVB-deskundigheid was erbij"), default=False)
    ter_plaatse_nodig = models.BooleanField(_("beoordeling ter plaatse nodig"), default=False)
    triage_toelichting = models.TextField(_("toelichting bij de triage"), max_length=TEKST, blank=True)
    triage_door = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The family the crisis is about, once known (through gezinnen's scope; see services.gezin_koppelen).
    gezin = models.ForeignKey(Gezin, on_delete=models.PROTECT, null=True, blank=True, related_name="crisiscasussen")
    geen_vervolghulp_nodig = models.BooleanField(_("geen vervolghulp nodig"), default=False)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    # The nearest deadline of a running norm clock (kept by services.klokken_bijwerken): the
    # board sorts on it in the database.
    volgende_deadline = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("crisiscasus")
        verbose_name_plural = _("crisiscasussen")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            *lengte_checks(wat_speelt=TEKST, triage_toelichting=TEKST),
            models.CheckConstraint(
                condition=~Q(melder_soort=MelderSoort.PROFESSIONAL) | Q(melder_organisatie__isnull=False),
                name="crisiscasus_professional_heeft_organisatie",
            ),
            models.CheckConstraint(
                condition=Q(gesloten_op__isnull=True) | Q(gesloten_op__gte=F("ontvangen_op")),
                name="crisiscasus_sluiten_na_melding",
            ),
            models.CheckConstraint(
                condition=Q(triage_op__isnull=True) | ~Q(aanpak=""), name="crisiscasus_triage_heeft_besluit"
            ),
        ]
        indexes = [
            models.Index(fields=["organisatie", "gesloten_op", "volgende_deadline"], name="crisis_bord"),
            models.Index(fields=["verantwoordelijke_gemeente", "ontvangen_op"], name="crisis_gemeente_periode"),
            models.Index(fields=["regio", "ontvangen_op"], name="crisis_regio_periode"),
            models.Index(fields=["casushouder", "gesloten_op"], name="crisis_casushouder"),
        ]

    def __str__(self) -> str:
        return f"Crisiscasus {self.uuid}"

    @property
    def is_gesloten(self) -> bool:
        return self.gesloten_op is not None


class CrisisJeugdige(models.Model):
    """A youth (0-23) the report is about. Identity may be incomplete at first (a first name and
    an estimated age) and completed later; the BSN, when known, passes the 11-test."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    casus = models.ForeignKey(Crisiscasus, on_delete=models.CASCADE, related_name="jeugdigen")
    voornaam = models.CharField(_("voornaam"), max_length=80, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=120, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    leeftijd_schatting = models.PositiveSmallIntegerField(
        _("leeftijd (schatting)"), null=True, blank=True, validators=[MaxValueValidator(22)]
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("jeugdige in een crisis")
        verbose_name_plural = _("jeugdigen in een crisis")
        ordering = ["casus", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bsn="") | Q(bsn__regex=r"^[0-9]{9}$"), name="crisisjeugdige_bsn_vorm"),
            models.CheckConstraint(
                condition=Q(leeftijd_schatting__isnull=True) | Q(leeftijd_schatting__lte=22),
                name="crisisjeugdige_onder_23",
            ),
        ]
        indexes = [models.Index(fields=["bsn"], name="crisisjeugdige_bsn")]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip() or "?"

    @property
    def identiteit_compleet(self) -> bool:
        return bool(self.voornaam and self.achternaam and self.geboortedatum and self.bsn)


class MomentSoort(models.TextChoices):
    TER_PLAATSE = "ter_plaatse", _("Beoordeling ter plaatse")
    GESTABILISEERD = "gestabiliseerd", _("Crisis gestabiliseerd")
    VERBLIJF_START = "verblijf_start", _("Crisisverblijf begonnen")
    VERBLIJF_EIND = "verblijf_eind", _("Crisisverblijf geëindigd")
    AMBULANT_START = "ambulant_start", _("Ambulante crisishulp begonnen")
    AMBULANT_EIND = "ambulant_eind", _("Ambulante crisishulp geëindigd")
    OVERBRUGGING_START = "overbrugging_start", _("Overbruggingszorg begonnen")
    OVERBRUGGING_EIND = "overbrugging_eind", _("Overbruggingszorg geëindigd")
    RONDETAFEL = "rondetafel", _("Rondetafelgesprek met toegang of GI")
    VERVOLGHULP = "vervolghulp", _("Vervolghulp begonnen")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen aan het gewone plan")
    GESLOTEN = "gesloten", _("Casus gesloten")


class Moment(models.Model):
    """A moment the norms are measured on, with when it happened and who recorded it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    casus = models.ForeignKey(Crisiscasus, on_delete=models.CASCADE, related_name="momenten")
    soort = models.CharField(_("wat"), max_length=24, choices=MomentSoort.choices)
    tijdstip = models.DateTimeField(_("wanneer"))
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    plek = models.CharField(_("plek"), max_length=200, blank=True, help_text=_("Bij crisisverblijf: waar."))
    plek_ref = models.CharField(max_length=64, blank=True, help_text="id of the place in plekvrij, when chosen there")
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    vastgelegd_door_naam = models.CharField(max_length=200)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moment")
        verbose_name_plural = _("momenten")
        ordering = ["casus", "tijdstip", "id"]
        constraints = [models.UniqueConstraint(fields=["casus", "soort"], name="moment_eenmaal_per_casus")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.tijdstip:%Y-%m-%d %H:%M}"


class Norm(models.TextChoices):
    TER_PLAATSE = "ter_plaatse", _("Beoordeling ter plaatse")
    STABILISATIE = "stabilisatie", _("Gestabiliseerd")
    RONDETAFEL = "rondetafel", _("Rondetafel op de eerste werkdag")
    VERBLIJF = "verblijf", _("Duur crisisverblijf")
    AMBULANT = "ambulant", _("Duur ambulante crisishulp")
    OVERBRUGGING = "overbrugging", _("Duur overbruggingszorg")
    VERVOLGHULP = "vervolghulp", _("Vervolghulp zonder gat")


class Normklok(models.Model):
    """One norm clock of a case: from its start event to its deadline, stopped by its end event.
    Derived from the moments by services.klokken_bijwerken (never edited by hand)."""

    casus = models.ForeignKey(Crisiscasus, on_delete=models.CASCADE, related_name="klokken")
    norm = models.CharField(max_length=16, choices=Norm.choices)
    start = models.DateTimeField()
    deadline = models.DateTimeField()
    eind = models.DateTimeField(null=True, blank=True)
    binnen = models.BooleanField(null=True, help_text="met the norm; null while the clock runs")
    duur_minuten = models.PositiveIntegerField(null=True, blank=True)
    signaal_op = models.DateTimeField(help_text="when the set share of the norm is reached")

    class Meta:
        verbose_name = _("normklok")
        verbose_name_plural = _("normklokken")
        ordering = ["casus", "deadline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "norm"], name="normklok_eenmaal_per_casus"),
            models.CheckConstraint(condition=Q(deadline__gte=F("start")), name="normklok_deadline_na_start"),
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=F("start")), name="normklok_eind_na_start"
            ),
        ]
        indexes = [
            models.Index(fields=["norm", "binnen"], name="normklok_norm_binnen"),
            models.Index(fields=["eind", "signaal_op"], name="normklok_lopend_signaal"),
        ]

    def __str__(self) -> str:
        return f"{self.norm} {self.casus_id}"


class Deelname(models.Model):
    """A GI or Veilig Thuis taking part in a case by legal mandate (recorded as such)."""

    casus = models.ForeignKey(Crisiscasus, on_delete=models.CASCADE, related_name="deelnames")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="crisisdeelnames")
    grondslag = models.CharField(_("wettelijke grondslag"), max_length=32, choices=MandaatGrondslag.choices)
    vanaf = models.DateTimeField(auto_now_add=True)
    beeindigd_op = models.DateTimeField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("deelname met mandaat")
        verbose_name_plural = _("deelnames met mandaat")
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "organisatie"], condition=Q(beeindigd_op__isnull=True), name="deelname_eenmaal_actief"
            )
        ]
        indexes = [models.Index(fields=["organisatie", "beeindigd_op"], name="deelname_org")]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.casus_id}"


class OverdrachtRoute(models.TextChoices):
    GEZINSPLAN = "gezinsplan", _("In het gezinsplan gezet; de regisseur is op de hoogte")
    TOEGANG = "toegang", _("Doorgegeven aan het toegangsteam van de gemeente")


class Overdracht(models.Model):
    """The hand-over to the regular plan: what was decided, the next step and whom to call (the
    family sees these), the crisis agreements and a safety plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    casus = models.OneToOneField(Crisiscasus, on_delete=models.CASCADE, related_name="overdracht")
    toestemming_gezin = models.BooleanField(_("het gezin geeft toestemming om dit in het gezinsplan te zetten"))
    toestemming_door = models.CharField(_("wie in het gezin gaf toestemming"), max_length=160, blank=True)
    besluit = models.TextField(_("wat is er besloten"), max_length=TEKST)
    volgende_stap = models.TextField(_("wat is de volgende stap"), max_length=TEKST)
    contact_naam = models.CharField(_("wie kan het gezin bellen"), max_length=160)
    contact_telefoon = models.CharField(_("telefoonnummer"), max_length=32)
    veiligheidsplan = models.TextField(
        _("veiligheidsplan"),
        max_length=TEKST,
        blank=True,
        help_text=_("Wat doet het gezin als het weer misgaat, en wie helpt dan?"),
    )
    route = models.CharField(max_length=16, choices=OverdrachtRoute.choices)
    plan_versie = models.PositiveIntegerField(null=True, blank=True, help_text="version of the family plan written")
    toegang_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="crisisoverdrachten"
    )
    opgepakt_op = models.DateTimeField(_("opgepakt door de toegang op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            *lengte_checks(besluit=TEKST, volgende_stap=TEKST, veiligheidsplan=TEKST),
            models.CheckConstraint(
                condition=~Q(route=OverdrachtRoute.GEZINSPLAN) | Q(toestemming_gezin=True),
                name="overdracht_plan_alleen_met_toestemming",
            ),
        ]
        indexes = [models.Index(fields=["route", "opgepakt_op"], name="overdracht_route")]

    def __str__(self) -> str:
        return f"Overdracht {self.casus_id}"


class Crisisafspraak(models.Model):
    overdracht = models.ForeignKey(Overdracht, on_delete=models.CASCADE, related_name="afspraken")
    wat = models.CharField(_("wat"), max_length=300)
    wie = models.CharField(_("wie"), max_length=200)
    wie_sleutel = models.CharField(max_length=64, blank=True, help_text="lid:/netwerk:/org:<uuid> in the family plan")
    uiterlijk = models.DateField(_("uiterlijk"), null=True, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("crisisafspraak")
        verbose_name_plural = _("crisisafspraken")
        ordering = ["overdracht", "volgorde", "id"]

    def __str__(self) -> str:
        return self.wat[:60]


class Terugblikthema(models.Model):
    """A theme of the look back (the region maintains the list; the monitor counts them)."""

    sleutel = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(_("thema"), max_length=120)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(_("in de lijst"), default=True)

    class Meta:
        verbose_name = _("thema van de terugblik")
        verbose_name_plural = _("thema's van de terugblik")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Terugblik(models.Model):
    """Looking back together after closing (seed 004): what came before, what could have come earlier."""

    casus = models.OneToOneField(Crisiscasus, on_delete=models.CASCADE, related_name="terugblik")
    wat_ging_vooraf = models.TextField(_("wat ging aan de crisis vooraf"), max_length=TEKST)
    wat_had_eerder_gekund = models.TextField(_("wat had eerder kunnen gebeuren"), max_length=TEKST)
    themas = models.ManyToManyField(Terugblikthema, related_name="terugblikken", verbose_name=_("thema's"))
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [*lengte_checks(wat_ging_vooraf=TEKST, wat_had_eerder_gekund=TEKST)]
        verbose_name = _("terugblik")
        verbose_name_plural = _("terugblikken")

    def __str__(self) -> str:
        return f"Terugblik {self.casus_id}"
