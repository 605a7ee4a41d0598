"""The one family plan: versions, goals, agreements, safety conditions, regie, agreement.

Invariants held by the database:
* one plan per family (one-to-one);
* versions are numbered 1, 2, 3... per plan without gaps or doubles (unique), and the plan's
  `versie` column is the optimistic-concurrency counter (UPDATE ... WHERE versie = basis);
* exactly one regisseur: the plan row names either a parent or a professional with their
  organisation (a check constraint), never none and never two; the history has at most one
  open period per plan (a partial unique constraint);
* a person agrees to a version once; an agreement/instemming names exactly one person.
Versions and their parts are never updated: every change writes a new version.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import TEKST, lengte_checks
from jeugdketen.gezinnen.models import Gezin, Gezinslid, Netwerklid
from jeugdketen.organisaties.models import Organisatie

USER = settings.AUTH_USER_MODEL


def _one_of(*fields: str) -> Q:
    """Exactly one of these nullable foreign keys is set."""
    options = Q()
    for chosen in fields:
        option = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                option &= Q(**{f"{other}__isnull": True})
        options |= option
    return options


REGISSEUR_XOR = Q(
    regisseur_gezinslid__isnull=False, regisseur_medewerker__isnull=True, regisseur_organisatie__isnull=True
) | Q(regisseur_gezinslid__isnull=True, regisseur_medewerker__isnull=False, regisseur_organisatie__isnull=False)


class Levensgebied(models.TextChoices):
    VEILIGHEID = "veiligheid", _("Veiligheid")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    OPVOEDEN = "opvoeden", _("Opvoeden en opgroeien")
    SCHOOL_WERK = "school_werk", _("School en werk")
    WONEN = "wonen", _("Wonen")
    GELD = "geld", _("Geld")
    VRIJE_TIJD = "vrije_tijd", _("Vrije tijd")
    NETWERK = "netwerk", _("Netwerk")


class Gezinsplan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gezin = models.OneToOneField(Gezin, on_delete=models.CASCADE, related_name="plan", verbose_name=_("gezin"))
    versie = models.PositiveIntegerField(_("huidige versie"), default=0)
    huidige_versie = models.ForeignKey("Planversie", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    regisseur_gezinslid = models.ForeignKey(
        Gezinslid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regisseur (ouder)"),
    )
    regisseur_medewerker = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="regie_plannen"
    )
    regisseur_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    volgende_evaluatie = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    # The earliest deadline of an open agreement of the current version (None: none open), set
    # with the current version (services._write_version, `eerste_open_deadline()`): the home
    # page's late agreements walk the regisseur's plans by it and stop at their 20, instead of
    # reading every agreement of every plan they coordinate (issue 16).
    eerste_open_deadline = models.DateField(null=True, blank=True, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")
        constraints = [models.CheckConstraint(condition=REGISSEUR_XOR, name="gezinsplan_precies_een_regisseur")]
        indexes = [
            models.Index(fields=["regisseur_medewerker", "volgende_evaluatie"], name="plan_regisseur_evaluatie"),
            models.Index(fields=["volgende_evaluatie"], name="plan_evaluatie"),
            models.Index(fields=["regisseur_medewerker", "eerste_open_deadline"], name="plan_regisseur_deadline"),
        ]

    def __str__(self) -> str:
        return f"Gezinsplan {self.uuid}"


def eerste_open_deadline() -> Subquery:
    """`Gezinsplan.eerste_open_deadline` from the rows, for an UPDATE of plans whose current
    version and agreements were written in bulk (the demo, the tests' factories)."""
    return Subquery(
        Afspraak.objects.filter(versie_id=OuterRef("huidige_versie_id"), status=AfspraakStatus.OPEN)
        .exclude(deadline=None)
        .order_by("deadline")
        .values("deadline")[:1]
    )


class Planversie(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    situatie = models.TextField(_("Waar maken we ons zorgen over?"), max_length=TEKST, blank=True)
    krachten = models.TextField(_("Wat gaat goed?"), max_length=TEKST, blank=True)
    volgende_evaluatie = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    toelichting = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    auteur = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    auteur_naam = models.CharField(max_length=200)
    auteur_organisatie = models.CharField(max_length=200, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["plan", "-nummer"]
        constraints = [
            *lengte_checks(situatie=TEKST, krachten=TEKST),
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_nummer_uniek"),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="planversie_nummer_positief"),
        ]

    def __str__(self) -> str:
        return f"versie {self.nummer}"


class DoelStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nog niet begonnen")
    BEZIG = "bezig", _("Bezig")
    BEHAALD = "behaald", _("Gehaald")
    GESTOPT = "gestopt", _("Gestopt")


class Doel(models.Model):
    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="doelen")
    sleutel = models.UUIDField(default=uuid.uuid4, help_text="stable across versions")
    levensgebied = models.CharField(_("levensgebied"), max_length=16, choices=Levensgebied.choices)
    voor_wie = models.CharField(_("voor wie"), max_length=160)
    resultaat = models.TextField(_("wat willen we bereiken"), max_length=1000)
    streefdatum = models.DateField(_("wanneer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DoelStatus.choices, default=DoelStatus.NIEUW)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["versie", "volgorde", "id"]
        constraints = [
            *lengte_checks(resultaat=1000),
            models.UniqueConstraint(fields=["versie", "sleutel"], name="doel_eenmaal_per_versie"),
        ]

    def __str__(self) -> str:
        return self.resultaat[:60]


class Evaluatiescore(models.Model):
    """A score for a goal at a moment (1 = nog ver weg, 10 = helemaal gelukt), over time."""

    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="scores")
    doel_sleutel = models.UUIDField()
    datum = models.DateField(_("datum"))
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=10), name="score_1_tot_10")]
        indexes = [models.Index(fields=["plan", "doel_sleutel", "datum"], name="score_plan_doel_datum")]

    def __str__(self) -> str:
        return f"{self.datum}: {self.score}"


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("Nog te doen")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Vervallen")


class Afspraak(models.Model):
    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="afspraken")
    sleutel = models.UUIDField(default=uuid.uuid4)
    wat = models.TextField(_("wat"), max_length=1000)
    wie_gezinslid = models.ForeignKey(Gezinslid, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    wie_netwerklid = models.ForeignKey(Netwerklid, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    wie_organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    wie_naam = models.CharField(_("wie"), max_length=200)
    deadline = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["versie", "volgorde", "id"]
        constraints = [
            *lengte_checks(wat=1000),
            models.UniqueConstraint(fields=["versie", "sleutel"], name="afspraak_eenmaal_per_versie"),
            models.CheckConstraint(
                condition=_one_of("wie_gezinslid", "wie_netwerklid", "wie_organisatie"), name="afspraak_precies_een_wie"
            ),
        ]
        indexes = [models.Index(fields=["versie", "status", "deadline"], name="afspraak_versie_status")]

    def __str__(self) -> str:
        return self.wat[:60]


class Veiligheidsvoorwaarde(models.Model):
    """What must change, set by a GI or Veilig Thuis; shown as such, not editable by others."""

    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="veiligheidsvoorwaarden")
    sleutel = models.UUIDField(default=uuid.uuid4)
    tekst = models.TextField(_("wat moet veranderen"), max_length=1000)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["versie", "volgorde", "id"]
        constraints = [
            *lengte_checks(tekst=1000),
            models.UniqueConstraint(fields=["versie", "sleutel"], name="voorwaarde_eenmaal_per_versie"),
        ]

    def __str__(self) -> str:
        return self.tekst[:60]


class Regieperiode(models.Model):
    """Who was regisseur from when to when, and why it was handed over (the history)."""

    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="regieperiodes")
    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    medewerker = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    naam = models.CharField(max_length=200)
    van = models.DateTimeField()
    tot = models.DateTimeField(null=True, blank=True)
    reden = models.TextField(_("reden van overdracht"), max_length=2000, blank=True)
    overgedragen_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["plan", "-van", "-id"]
        constraints = [
            *lengte_checks(reden=2000),
            models.UniqueConstraint(fields=["plan"], condition=Q(tot__isnull=True), name="regie_een_open_periode"),
            models.CheckConstraint(
                condition=Q(gezinslid__isnull=False, medewerker__isnull=True, organisatie__isnull=True)
                | Q(gezinslid__isnull=True, medewerker__isnull=False, organisatie__isnull=False),
                name="regieperiode_precies_een_persoon",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Planbijeenkomst(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="bijeenkomsten")
    datum = models.DateField(_("datum"))
    aanwezigen = models.TextField(_("wie waren er"), max_length=2000)
    besluiten = models.TextField(_("wat is besloten"), max_length=TEKST)
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [*lengte_checks(aanwezigen=2000, besluiten=TEKST)]
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["plan", "datum"], name="bijeenkomst_plan_datum")]

    def __str__(self) -> str:
        return f"bijeenkomst {self.datum}"


class Instemming(models.Model):
    """A person agrees to one specific version."""

    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="instemmingen")
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="instemmingen")
    gezinslid = models.ForeignKey(Gezinslid, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    netwerklid = models.ForeignKey(Netwerklid, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    medewerker = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    vastgelegd_door = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_one_of("gezinslid", "netwerklid", "medewerker"), name="instemming_precies_een_persoon"
            ),
            models.UniqueConstraint(
                fields=["versie", "gezinslid"], condition=Q(gezinslid__isnull=False), name="instemming_lid_eenmaal"
            ),
            models.UniqueConstraint(
                fields=["versie", "netwerklid"],
                condition=Q(netwerklid__isnull=False),
                name="instemming_netwerk_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["versie", "medewerker"], condition=Q(medewerker__isnull=False), name="instemming_mw_eenmaal"
            ),
        ]
        indexes = [models.Index(fields=["plan", "versie"], name="instemming_plan_versie")]

    def __str__(self) -> str:
        return f"instemming {self.versie_id}"


class ReactieSoort(models.TextChoices):
    OPMERKING = "opmerking", _("Opmerking")
    VOORSTEL = "voorstel", _("Voorstel voor een wijziging")


class ReactieStatus(models.TextChoices):
    OPEN = "open", _("Nog niet bekeken")
    VERWERKT = "verwerkt", _("Verwerkt in het plan")
    AFGEWEZEN = "afgewezen", _("Niet overgenomen")
    GELEZEN = "gelezen", _("Gelezen")


class Reactie(models.Model):
    """A comment or a proposed change from the family, their network or a professional."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="reacties")
    versie = models.ForeignKey(Planversie, on_delete=models.CASCADE, related_name="reacties")
    soort = models.CharField(_("soort"), max_length=16, choices=ReactieSoort.choices)
    onderdeel = models.CharField(_("over welk deel"), max_length=32, blank=True)
    tekst = models.TextField(_("tekst"), max_length=TEKST)
    auteur = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    auteur_naam = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=ReactieStatus.choices, default=ReactieStatus.OPEN)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [*lengte_checks(tekst=TEKST)]
        ordering = ["-aangemaakt", "-id"]
        indexes = [models.Index(fields=["plan", "status"], name="reactie_plan_status")]

    def __str__(self) -> str:
        return self.tekst[:60]


class Jargonterm(models.Model):
    """The region's list of hulpverleningstaal with a plain alternative (maintained in beheer)."""

    term = models.CharField(_("woord of uitdrukking"), max_length=80, unique=True)
    suggestie = models.CharField(_("zeg liever"), max_length=200)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("jargonterm")
        verbose_name_plural = _("jargonlijst (eenvoudige taal)")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term
