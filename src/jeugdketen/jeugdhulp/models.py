"""Care trajectories, youth-protection measures, thuiszitters, decisions, and received iJw messages.

Every code field holds the iJw code itself (codes.py); the invariants that matter are database
constraints: one assignment number per municipality (iJw TR332), dates in order (an end never
before its start, a start never before the assignment), an extent (volume, unit, frequency) whole
or absent, 'small-scale' only for a stay, one open delivery per assignment (TR326), one open
thuiszitter report per youth and reporter. docs/jeugdhulp.md defines every field with its source.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import lengte_checks
from jeugdketen.organisaties.models import Gemeente, Organisatie, Regio
from jeugdketen.personen.models import Jeugdige

from .codes import (
    MACHTIGINGEN,
    MET_VERBLIJF,
    Bron,
    Eenheid,
    Frequentie,
    Hulpvorm,
    MaatregelSoort,
    Productcategorie,
    RedenBeeindiging,
    RedenWijziging,
    ThuiszitterSoort,
    Verwijzer,
)

MAX_TOEWIJZINGNUMMER = 999_999_999  # iJw RS006: LDT_Nummer, at most 9 digits


def _in(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    condition = Q(**{f"{field}__in": list(choices.values)})
    return condition | Q(**{field: ""}) if blank else condition


class Zorgaanbieder(models.Model):
    """The AGB code (Vektis) an organisation uses in the iJw messages (OP254)."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="zorgaanbieder", verbose_name=_("organisatie")
    )
    agb_code = models.CharField(_("AGB-code"), max_length=8, unique=True, help_text=_("8 cijfers."))

    class Meta:
        verbose_name = _("zorgaanbieder (AGB-code)")
        verbose_name_plural = _("zorgaanbieders (AGB-codes)")
        constraints = [models.CheckConstraint(condition=Q(agb_code__regex=r"^[0-9]{8}$"), name="agb_code_8_cijfers")]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.agb_code})"


class Productcode(models.Model):
    """The region's product list: which code belongs to which JZ020 category (TR381) and which
    kind of help (CBS) it is."""

    code = models.CharField(_("productcode"), max_length=5, unique=True)
    categorie = models.CharField(_("productcategorie"), max_length=2, choices=Productcategorie.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    hulpvorm = models.CharField(_("soort hulp"), max_length=16, choices=Hulpvorm.choices, blank=True)
    kleinschalig = models.BooleanField(_("kleinschalig verblijf"), null=True, blank=True)
    actief = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("productcode")
        verbose_name_plural = _("productcodes")
        ordering = ["categorie", "code"]
        constraints = [
            models.CheckConstraint(condition=_in("categorie", Productcategorie), name="productcode_categorie_jz020"),
            models.CheckConstraint(condition=_in("hulpvorm", Hulpvorm, blank=True), name="productcode_hulpvorm"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.omschrijving}"


class Jeugdhulpnormen(models.Model):
    """The region's norms for the work lists (defaults from DOMAIN.md and the seeds)."""

    regio = models.OneToOneField(Regio, on_delete=models.CASCADE, related_name="jeugdhulpnormen")
    treeknorm_intake_dagen = models.PositiveIntegerField(
        _("dagen van aanmelding tot intake"), default=28, help_text=_("Treeknorm: 4 weken.")
    )
    treeknorm_start_dagen = models.PositiveIntegerField(
        _("dagen van intake tot start"), default=70, help_text=_("Treeknorm: 10 weken.")
    )
    thuiszitter_dagen = models.PositiveIntegerField(
        _("dagen thuis zonder passend aanbod"), default=91, help_text=_("Landelijk doel: niet langer dan 3 maanden.")
    )
    ots_normduur_dagen = models.PositiveIntegerField(_("normduur OTS (dagen)"), default=548)
    jeugdreclassering_normduur_dagen = models.PositiveIntegerField(_("normduur jeugdreclassering (dagen)"), default=365)
    gesloten_normduur_dagen = models.PositiveIntegerField(
        _("normduur machtiging gesloten jeugdhulp (dagen)"), default=183
    )
    bijna_18_dagen = models.PositiveIntegerField(
        _("dagen voor 18 op de lijst 'bijna 18'"), default=183, help_text=_("Een half jaar.")
    )

    class Meta:
        verbose_name = _("normen jeugdhulp")
        verbose_name_plural = _("normen jeugdhulp")

    def __str__(self) -> str:
        return str(self.regio)


class Beschikking(models.Model):
    """A decision of the municipality (Jeugdwet art. 2.3, an Awb decision): the youth gets this help.

    Creates one or more assignments (Traject). The family gets it as a letter that says how to
    object (Awb art. 6:4, 6:7: within six weeks)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="beschikkingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    besluitdatum = models.DateField(_("datum van het besluit"))
    toelichting = models.TextField(_("waarom deze hulp"), max_length=2000)
    besloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [*lengte_checks(toelichting=2000)]
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-besluitdatum", "-id"]

    def __str__(self) -> str:
        return f"beschikking {self.besluitdatum}"


class Traject(models.Model):
    """A care trajectory (jeugdhulptraject, the unit of CBS Beleidsinformatie Jeugd): an iJw
    assignment (toegewezen product, JW301) with the care actually given (JW305/JW307)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="trajecten")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("verantwoordelijke gemeente")
    )
    aanbieder = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("aanbieder"))
    beschikking = models.ForeignKey(
        Beschikking, on_delete=models.PROTECT, null=True, blank=True, related_name="trajecten"
    )
    toewijzingnummer = models.PositiveIntegerField(_("toewijzingnummer"))
    productcategorie = models.CharField(_("productcategorie"), max_length=2, choices=Productcategorie.choices)
    productcode = models.CharField(_("productcode"), max_length=5, blank=True)
    hulpvorm = models.CharField(_("soort hulp"), max_length=16, choices=Hulpvorm.choices, blank=True)
    kleinschalig = models.BooleanField(_("kleinschalig verblijf"), null=True, blank=True)
    verwijzer = models.CharField(_("verwijzer"), max_length=2, choices=Verwijzer.choices, blank=True)
    # The assignment (ToegewezenProduct)
    toegewezen_op = models.DateTimeField(_("toegewezen op"))
    ingangsdatum = models.DateField(_("toegewezen vanaf"))
    einddatum = models.DateField(_("toegewezen tot en met"), null=True, blank=True)
    reden_wijziging = models.CharField(_("reden wijziging"), max_length=2, choices=RedenWijziging.choices, blank=True)
    volume = models.PositiveIntegerField(_("omvang"), null=True, blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices, blank=True)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices, blank=True)
    budget = models.PositiveIntegerField(_("budget (euro)"), null=True, blank=True)
    # Waiting time (Treeknorm)
    aanmelddatum = models.DateField(_("aangemeld op"), null=True, blank=True)
    intakedatum = models.DateField(_("intake op"), null=True, blank=True)
    # The care actually given (first start, definitive stop)
    begindatum = models.DateField(_("gestart op"), null=True, blank=True)
    einddatum_zorg = models.DateField(_("gestopt op"), null=True, blank=True)
    reden_beeindiging = models.CharField(
        _("reden van stoppen"), max_length=2, choices=RedenBeeindiging.choices, blank=True
    )
    bron = models.CharField(max_length=8, choices=Bron.choices, default=Bron.PAGINA)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jeugdhulptraject")
        verbose_name_plural = _("jeugdhulptrajecten")
        ordering = ["-ingangsdatum", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "toewijzingnummer"], name="traject_toewijzingnummer_uniek"),
            models.CheckConstraint(
                condition=Q(toewijzingnummer__lte=MAX_TOEWIJZINGNUMMER), name="traject_toewijzingnummer_9_cijfers"
            ),
            models.CheckConstraint(condition=_in("productcategorie", Productcategorie), name="traject_categorie_jz020"),
            models.CheckConstraint(condition=_in("hulpvorm", Hulpvorm, blank=True), name="traject_hulpvorm"),
            models.CheckConstraint(condition=_in("verwijzer", Verwijzer, blank=True), name="traject_verwijzer_cod327"),
            models.CheckConstraint(
                condition=_in("reden_wijziging", RedenWijziging, blank=True), name="traject_reden_wijziging_jz002"
            ),
            models.CheckConstraint(
                condition=_in("reden_beeindiging", RedenBeeindiging, blank=True), name="traject_reden_jz588"
            ),
            models.CheckConstraint(condition=_in("eenheid", Eenheid, blank=True), name="traject_eenheid_wj756"),
            models.CheckConstraint(
                condition=_in("frequentie", Frequentie, blank=True), name="traject_frequentie_wj757"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
                name="traject_toewijzing_einde_na_begin",
            ),
            models.CheckConstraint(
                condition=~Q(reden_wijziging=RedenWijziging.VERWIJDERD) | Q(einddatum=F("ingangsdatum")),
                name="traject_verwijderd_einde_is_begin",
            ),
            models.CheckConstraint(
                condition=(Q(volume__isnull=True) & Q(eenheid="") & Q(frequentie=""))
                | (Q(volume__isnull=False) & ~Q(eenheid="") & ~Q(frequentie="")),
                name="traject_omvang_heel_of_leeg",
            ),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(budget__isnull=True), name="traject_omvang_of_budget"
            ),
            models.CheckConstraint(
                condition=Q(kleinschalig__isnull=True) | Q(hulpvorm__in=sorted(str(v) for v in MET_VERBLIJF)),
                name="traject_kleinschalig_alleen_verblijf",
            ),
            models.CheckConstraint(
                condition=Q(begindatum__isnull=True) | Q(begindatum__gte=F("ingangsdatum")),
                name="traject_start_niet_voor_toewijzing",
            ),
            models.CheckConstraint(
                condition=Q(einddatum_zorg__isnull=True)
                | (Q(begindatum__isnull=False) & Q(einddatum_zorg__gte=F("begindatum"))),
                name="traject_einde_niet_voor_start",
            ),
            models.CheckConstraint(
                condition=Q(einddatum_zorg__isnull=True, reden_beeindiging="")
                | (Q(einddatum_zorg__isnull=False) & ~Q(reden_beeindiging="")),
                name="traject_einde_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(intakedatum__isnull=True)
                | Q(aanmelddatum__isnull=True)
                | Q(intakedatum__gte=F("aanmelddatum")),
                name="traject_intake_na_aanmelding",
            ),
            models.CheckConstraint(
                condition=Q(begindatum__isnull=True)
                | Q(intakedatum__isnull=True)
                | Q(begindatum__gte=F("intakedatum")),
                name="traject_start_na_intake",
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "-ingangsdatum"], name="traject_aanbieder"),
            models.Index(fields=["gemeente", "ingangsdatum"], name="traject_gemeente"),
            models.Index(fields=["jeugdige", "ingangsdatum"], name="traject_jeugdige"),
            models.Index(fields=["begindatum", "einddatum_zorg"], name="traject_zorgperiode"),
            # the list's order (newest first): a page walks it and stops at 25 (issue 16)
            models.Index(fields=["-ingangsdatum", "-id"], name="traject_nieuwste"),
            # the waiting tile's order among the rows still waiting for a start: it walks them
            # oldest first and stops at its five (werklijst.wachten_boven_norm); before, every
            # waiting row of the country was read and sorted (133-197 ms at national scale)
            models.Index(
                fields=["aanmelddatum", "id"], condition=models.Q(begindatum__isnull=True), name="traject_wachtend"
            ),
        ]

    def __str__(self) -> str:
        return f"toewijzing {self.toewijzingnummer}"

    @property
    def met_verblijf(self) -> bool:
        return self.hulpvorm in MET_VERBLIJF

    @property
    def is_verwijderd(self) -> bool:
        return self.reden_wijziging == RedenWijziging.VERWIJDERD


class Levering(models.Model):
    """One period of care actually given within an assignment: a start (JW305) and its stop (JW307).

    A temporary stop (JZ588 20) ends a period; the care resumes with a new start. The logical key
    is the assignment with the start date (iJw TR074, TR382)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="leveringen")
    begindatum = models.DateField(_("gestart op"))
    einddatum = models.DateField(_("gestopt op"), null=True, blank=True)
    reden_beeindiging = models.CharField(
        _("reden van stoppen"), max_length=2, choices=RedenBeeindiging.choices, blank=True
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("levering")
        verbose_name_plural = _("leveringen")
        ordering = ["traject", "begindatum"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "begindatum"], name="levering_sleutel_uniek"),
            models.UniqueConstraint(
                fields=["traject"], condition=Q(einddatum__isnull=True), name="levering_een_actuele_start"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("begindatum")),
                name="levering_einde_niet_voor_start",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True, reden_beeindiging="")
                | (Q(einddatum__isnull=False) & ~Q(reden_beeindiging="")),
                name="levering_einde_met_reden",
            ),
            models.CheckConstraint(
                condition=_in("reden_beeindiging", RedenBeeindiging, blank=True), name="levering_reden_jz588"
            ),
        ]

    def __str__(self) -> str:
        return f"levering {self.begindatum}–{self.einddatum or ''}"


class Maatregel(models.Model):
    """A youth-protection measure or juvenile probation, carried out by a GI."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="maatregelen")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("verantwoordelijke gemeente")
    )
    gi = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("gecertificeerde instelling")
    )
    soort = models.CharField(_("soort maatregel"), max_length=32, choices=MaatregelSoort.choices)
    voorwaardelijk = models.BooleanField(_("voorwaardelijk"), default=False)
    uitspraakdatum = models.DateField(_("datum uitspraak"))
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(
        _("loopt tot en met"), null=True, blank=True, help_text=_("Met verlengingen. Leeg bij voogdij (tot 18).")
    )
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    bron = models.CharField(max_length=8, choices=Bron.choices, default=Bron.PAGINA)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["-ingangsdatum", "-id"]
        constraints = [
            models.CheckConstraint(condition=_in("soort", MaatregelSoort), name="maatregel_soort"),
            models.CheckConstraint(
                condition=Q(voorwaardelijk=False) | Q(soort__in=sorted(str(v) for v in MACHTIGINGEN)),
                name="maatregel_voorwaardelijk_alleen_machtiging",
            ),
            models.CheckConstraint(
                condition=Q(ingangsdatum__gte=F("uitspraakdatum")), name="maatregel_ingang_na_uitspraak"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
                name="maatregel_einde_na_ingang",
            ),
            models.CheckConstraint(
                condition=Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=F("ingangsdatum")),
                name="maatregel_beeindigd_na_ingang",
            ),
        ]
        indexes = [
            models.Index(fields=["gi", "beeindigd_op"], name="maatregel_gi"),
            models.Index(fields=["gemeente", "ingangsdatum"], name="maatregel_gemeente"),
            models.Index(fields=["jeugdige"], name="maatregel_jeugdige"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.ingangsdatum}"


class Verlenging(models.Model):
    maatregel = models.ForeignKey(Maatregel, on_delete=models.CASCADE, related_name="verlengingen")
    uitspraakdatum = models.DateField(_("datum uitspraak"))
    tot = models.DateField(_("verlengd tot en met"))

    class Meta:
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")
        ordering = ["maatregel", "tot"]
        constraints = [models.UniqueConstraint(fields=["maatregel", "tot"], name="verlenging_uniek")]

    def __str__(self) -> str:
        return f"verlengd tot {self.tot}"


class Thuiszitter(models.Model):
    """A youth of compulsory school age out of school (reported by the school or leerplicht)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, related_name="thuiszitten")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente van de leerplicht")
    )
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
        help_text=_("Leeg als de jeugdige niet op een school staat ingeschreven."),
    )
    soort = models.CharField(_("soort"), max_length=16, choices=ThuiszitterSoort.choices)
    sinds = models.DateField(_("thuis sinds"))
    passend_aanbod_sinds = models.DateField(_("passend aanbod sinds"), null=True, blank=True)
    gemeld_door_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeld door")
    )
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    gemeld_op = models.DateTimeField(auto_now_add=True)
    afgesloten_op = models.DateField(_("weer naar school of afgesloten op"), null=True, blank=True)
    bron = models.CharField(max_length=8, choices=Bron.choices, default=Bron.PAGINA)

    class Meta:
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")
        ordering = ["sinds", "id"]
        constraints = [
            models.CheckConstraint(condition=_in("soort", ThuiszitterSoort), name="thuiszitter_soort"),
            models.CheckConstraint(
                condition=~Q(soort=ThuiszitterSoort.ABSOLUUT) | Q(school__isnull=True),
                name="thuiszitter_absoluut_zonder_school",
            ),
            models.CheckConstraint(
                condition=~Q(soort=ThuiszitterSoort.RELATIEF) | Q(school__isnull=False),
                name="thuiszitter_relatief_met_school",
            ),
            models.CheckConstraint(
                condition=Q(passend_aanbod_sinds__isnull=True) | Q(passend_aanbod_sinds__gte=F("sinds")),
                name="thuiszitter_aanbod_na_sinds",
            ),
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=F("sinds")),
                name="thuiszitter_afgesloten_na_sinds",
            ),
            # One open report per youth and reporting organisation: a school and leerplicht may
            # both report the same youth, and neither learns of the other's report.
            models.UniqueConstraint(
                fields=["jeugdige", "gemeld_door_organisatie"],
                condition=Q(afgesloten_op__isnull=True),
                name="thuiszitter_een_open_melding",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeld_door_organisatie", "afgesloten_op"], name="thuiszitter_melder"),
            models.Index(fields=["gemeente", "sinds"], name="thuiszitter_gemeente"),
        ]

    def __str__(self) -> str:
        return f"thuiszitter sinds {self.sinds}"


class OntvangstStatus(models.TextChoices):
    VERWERKT = "verwerkt", _("verwerkt")
    DEELS = "deels", _("deels verwerkt")
    AFGEKEURD = "afgekeurd", _("afgekeurd (retourbericht)")
    GEWEIGERD = "geweigerd", _("geweigerd (geen iJw 3.2-bericht)")


class Ontvangst(models.Model):
    """One received iJw message (an upload or an API call) with its return message.

    The same file from the same organisation is processed once (unique content hash): a second
    upload changes nothing and shows the first result. A message identification is used once per
    message type and sender (TR056); a reuse is answered with retourcode 9056."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(auto_now_add=True)
    # The youth the message is about, when known (the pseudonymous client id of the access log).
    jeugdige = models.ForeignKey(Jeugdige, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    bestandsnaam = models.CharField(max_length=200, blank=True)
    inhoud_hash = models.CharField(max_length=64)
    berichtsoort = models.CharField(max_length=8, blank=True)
    afzender = models.CharField(max_length=8, blank=True)
    ontvanger = models.CharField(max_length=8, blank=True)
    identificatie = models.CharField(max_length=12, blank=True)
    identificatie_uniek = models.BooleanField(default=False)
    dagtekening = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=OntvangstStatus.choices)
    reden = models.TextField(blank=True, help_text="why a message was refused whole (plain Dutch)")
    # {"header": [...], "client": [...], "producten": [{"index", "regel", "codes", "uitleg", "traject", ...}]}
    resultaat = models.JSONField(default=dict)
    aantal_goed = models.PositiveIntegerField(default=0)
    aantal_fout = models.PositiveIntegerField(default=0)
    retourbericht = models.TextField(blank=True)
    retour_identificatie = models.CharField(max_length=12, blank=True)
    bron = models.CharField(max_length=8, choices=Bron.choices, default=Bron.PAGINA)

    class Meta:
        verbose_name = _("ontvangen iJw-bericht")
        verbose_name_plural = _("ontvangen iJw-berichten")
        ordering = ["-ingediend_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "inhoud_hash"], name="ontvangst_bestand_eenmaal"),
            models.UniqueConstraint(
                fields=["berichtsoort", "afzender", "identificatie"],
                condition=Q(identificatie_uniek=True),
                name="ontvangst_identificatie_eenmaal",
            ),
        ]
        indexes = [models.Index(fields=["organisatie", "-ingediend_op"], name="ontvangst_organisatie")]

    def __str__(self) -> str:
        return f"{self.berichtsoort} {self.identificatie}"
