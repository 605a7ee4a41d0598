"""Plekvrij (where there is room) and the sociale kaart (what help exists).

Availability holds no personal data: a place is a number of beds or foster families of one kind
at a provider's location. Only a reservation holds something about a youth (initials, age, a
short note), and only what the provider needs; every read and change of one is logged.

The capacity model of a place (`Plek`), and the invariant the database holds:

    bruikbaar (usable) = gecontracteerd (contracted) - buiten_gebruik (out of use)
    vrij nu (free now) = bruikbaar - bezet (occupied) - gereserveerd (held by reservations)
    CHECK: bezet + buiten_gebruik + gereserveerd <= gecontracteerd   (free now is never negative)

"Empty is not available": a bed that stands empty but cannot be used (staff shortage, the group's
composition, repairs) is `buiten_gebruik`, so it never shows as free.

`gereserveerd` counts reservations that still hold the place (`HOUDT_PLEK`) and have not been
released. An expired reservation still sits in that count until a service or the job releases it,
so the stored free count can only be *lower* than the real one; searches therefore count live
holds in the query (`verloopt_op > now`), and an expired hold is free at once, job or no job.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.lengtes import lengte_checks
from jeugdketen.organisaties.models import Gemeente, Organisatie, Regio

MAX_LEEFTIJD = 23  # youth care and the Jeugdwet reach to 23


class Soort(models.TextChoices):
    """Kinds of place (PRODUCT 5; the issue's list)."""

    CRISISPLEK = "crisisplek", _("Crisisplek")
    PLEEGGEZIN = "pleeggezin", _("Pleeggezin")
    GEZINSHUIS = "gezinshuis", _("Gezinshuis")
    LEEFGROEP = "leefgroep", _("Leefgroep")
    JEUGDZORGPLUS = "jeugdzorgplus", _("Jeugdzorgplus (gesloten)")
    LOGEREN = "logeren", _("Logeren (respijtzorg)")
    BEGELEID_WONEN = "begeleid_wonen", _("Begeleid wonen")


class Specialisme(models.Model):
    """What a place is equipped for (LVB, GGZ, trauma, ...): a list the region maintains."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sleutel = models.SlugField(_("vaste code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80)
    uitleg = models.CharField(_("uitleg in eenvoudige taal"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("in de lijst"), default=True)

    class Meta:
        verbose_name = _("specialisme")
        verbose_name_plural = _("specialismen (plekvrij)")
        ordering = ["volgorde", "naam", "id"]

    def __str__(self) -> str:
        return self.naam


class Locatie(models.Model):
    """A provider's location. No street address: a gezinshuis or foster family is someone's home."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="plekvrij_locaties", verbose_name=_("aanbieder")
    )
    naam = models.CharField(_("naam van de locatie"), max_length=120)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    plaats = models.CharField(_("plaats of wijk"), max_length=80, blank=True)
    telefoon = models.CharField(_("telefoon voor plaatsingen"), max_length=32, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties (plekvrij)")
        ordering = ["naam", "id"]
        indexes = [models.Index(fields=["organisatie", "actief"], name="locatie_org_actief")]

    def __str__(self) -> str:
        return self.naam


class Plek(models.Model):
    """Places of one kind at one location, with their capacity (see the module docstring)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    locatie = models.ForeignKey(Locatie, on_delete=models.PROTECT, related_name="plekken", verbose_name=_("locatie"))
    soort = models.CharField(_("soort plek"), max_length=20, choices=Soort.choices)
    naam = models.CharField(_("naam (bijvoorbeeld de groep)"), max_length=120, blank=True)
    leeftijd_van = models.PositiveSmallIntegerField(_("leeftijd vanaf"), default=0)
    leeftijd_tot = models.PositiveSmallIntegerField(_("leeftijd tot en met"), default=17)
    specialismen = models.ManyToManyField(
        Specialisme, blank=True, related_name="plekken", verbose_name=_("specialismen")
    )
    gecontracteerd = models.PositiveSmallIntegerField(_("gecontracteerde plekken"), default=0)
    buiten_gebruik = models.PositiveSmallIntegerField(
        _("niet inzetbaar"),
        default=0,
        help_text=_("Leeg, maar nu niet te gebruiken (bijvoorbeeld door personeelstekort)."),
    )
    bezet = models.PositiveSmallIntegerField(_("bezet"), default=0)
    gereserveerd = models.PositiveSmallIntegerField(_("gereserveerd"), default=0, editable=False)
    vrij_vanaf = models.DateField(_("weer vrij vanaf"), null=True, blank=True)
    contact_naam = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_telefoon = models.CharField(_("telefoon"), max_length=32, blank=True)
    toelichting = models.CharField(
        _("toelichting"), max_length=300, blank=True, help_text=_("Zonder namen of andere gegevens van jongeren.")
    )
    actief = models.BooleanField(_("actief"), default=True)
    bijgewerkt_op = models.DateTimeField(_("laatst bijgewerkt"))
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bijgewerkt_door_naam = models.CharField(_("bijgewerkt door"), max_length=200, blank=True)
    versie = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("plek")
        verbose_name_plural = _("plekken (plekvrij)")
        ordering = ["locatie__naam", "soort", "naam", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gecontracteerd__gte=F("bezet") + F("buiten_gebruik") + F("gereserveerd")),
                name="plek_vrij_nooit_negatief",
            ),
            models.CheckConstraint(
                condition=Q(leeftijd_van__lte=F("leeftijd_tot"), leeftijd_tot__lte=MAX_LEEFTIJD),
                name="plek_leeftijd_geldig",
            ),
            models.CheckConstraint(condition=Q(soort__in=Soort.values), name="plek_soort_bekend"),
        ]
        indexes = [
            models.Index(fields=["soort", "actief"], name="plek_soort_actief"),
            models.Index(fields=["locatie", "actief"], name="plek_locatie_actief"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.naam or self.locatie.naam}"

    @property
    def titel(self) -> str:
        return self.naam or self.locatie.naam

    @property
    def bruikbaar(self) -> int:
        return self.gecontracteerd - self.buiten_gebruik

    @property
    def vrij(self) -> int:
        """Free by the stored numbers (a lower bound: expired holds may not be released yet)."""
        return self.bruikbaar - self.bezet - self.gereserveerd


class Bron(models.TextChoices):
    SNEL = "snel", _("met één tik")
    FORMULIER = "formulier", _("formulier")
    API = "api", _("eigen systeem (API)")
    CSV = "csv", _("bestand (CSV)")
    RESERVERING = "reservering", _("reservering")
    VERLOPEN = "verlopen", _("reservering verlopen")
    BEHEER = "beheer", _("beheer")


class Plekstand(models.Model):
    """History: the numbers of a place after every change, who made it and how. Never updated."""

    plek = models.ForeignKey(Plek, on_delete=models.CASCADE, related_name="standen")
    tijdstip = models.DateTimeField()
    bron = models.CharField(max_length=16, choices=Bron.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    door_naam = models.CharField(max_length=200, blank=True)
    gecontracteerd = models.PositiveSmallIntegerField()
    buiten_gebruik = models.PositiveSmallIntegerField()
    bezet = models.PositiveSmallIntegerField()
    gereserveerd = models.PositiveSmallIntegerField()
    vrij = models.PositiveSmallIntegerField()
    vrij_vanaf = models.DateField(null=True)
    # The provider said "this is how it is now" (counts for freshness); a reservation does not.
    door_aanbieder = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("stand van een plek")
        verbose_name_plural = _("geschiedenis van plekken")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["plek", "-tijdstip"], name="plekstand_plek_tijd")]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.vrij} vrij"


class ReserveringStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Wacht op de aanbieder")
    BEVESTIGD = "bevestigd", _("Bevestigd door de aanbieder")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de aanbieder")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    VERLOPEN = "verlopen", _("Verlopen")
    GEPLAATST = "geplaatst", _("Geplaatst")


HOUDT_PLEK = (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD)


class Reservering(models.Model):
    """A place held for a youth for a few hours. Holds only what the provider needs."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plek = models.ForeignKey(Plek, on_delete=models.PROTECT, related_name="reserveringen", verbose_name=_("plek"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReserveringStatus.choices, default=ReserveringStatus.AANGEVRAAGD
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"))
    verloopt_op = models.DateTimeField(_("vervalt op"))
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door organisatie")
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangevraagd_door_naam = models.CharField(_("aangevraagd door"), max_length=200)
    contact_telefoon = models.CharField(_("telefoon van de aanvrager"), max_length=32)
    initialen = models.CharField(_("initialen van de jongere"), max_length=8)
    leeftijd = models.PositiveSmallIntegerField(_("leeftijd van de jongere"))
    toelichting = models.CharField(_("wat moet de aanbieder weten"), max_length=500, blank=True)
    antwoord = models.CharField(_("antwoord van de aanbieder"), max_length=300, blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door_naam = models.CharField(_("beantwoord door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen (plekvrij)")
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(verloopt_op__gt=F("aangevraagd_op")), name="reservering_vervalt_later"),
            models.CheckConstraint(condition=Q(leeftijd__lte=MAX_LEEFTIJD), name="reservering_leeftijd_geldig"),
            models.CheckConstraint(condition=Q(status__in=ReserveringStatus.values), name="reservering_status_bekend"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in HOUDT_PLEK]) | Q(afgehandeld_op__isnull=False),
                name="reservering_afgehandeld_heeft_tijd",
            ),
        ]
        indexes = [
            models.Index(fields=["plek", "status", "verloopt_op"], name="reservering_plek_houdt"),
            models.Index(fields=["status", "verloopt_op"], name="reservering_status_vervalt"),
            models.Index(fields=["organisatie", "-aangevraagd_op"], name="reservering_org_tijd"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.aangevraagd_op:%Y-%m-%d %H:%M})"

    @property
    def houdt_plek(self) -> bool:
        return self.status in HOUDT_PLEK


class Zoekopdracht(models.Model):
    """A saved search: "tell me when a gezinshuis place for a 12-year-old frees up in this region"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    eigenaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("soort plek"), max_length=20, choices=Soort.choices, blank=True)
    leeftijd = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    specialismen = models.ManyToManyField(Specialisme, blank=True, related_name="+")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    laatst_gemeld = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarde zoekopdracht")
        verbose_name_plural = _("bewaarde zoekopdrachten")
        ordering = ["-aangemaakt", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gemeente__isnull=True) | Q(regio__isnull=True), name="zoekopdracht_een_gebied"
            ),
            models.CheckConstraint(
                condition=Q(leeftijd__isnull=True) | Q(leeftijd__lte=MAX_LEEFTIJD), name="zoekopdracht_leeftijd"
            ),
        ]
        indexes = [models.Index(fields=["soort"], name="zoekopdracht_soort")]

    def __str__(self) -> str:
        return str(self.uuid)


STANDAARD_TERMIJN_UREN = {Soort.CRISISPLEK: 12}
STANDAARD_TERMIJN_OVERIG = 7 * 24


class Actualiteitstermijn(models.Model):
    """Region setting: after how many hours a kind's entry counts as stale (not current)."""

    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+", verbose_name=_("regio"))
    soort = models.CharField(_("soort plek"), max_length=20, choices=Soort.choices)
    uren = models.PositiveSmallIntegerField(
        _("actueel tot (uren)"), help_text=_("Na zoveel uren zonder bijwerken staat de plek als 'niet actueel'.")
    )

    class Meta:
        verbose_name = _("actualiteitstermijn")
        verbose_name_plural = _("actualiteitstermijnen (plekvrij)")
        ordering = ["regio", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "soort"], name="actualiteitstermijn_uniek"),
            models.CheckConstraint(condition=Q(uren__gte=1) & Q(uren__lte=24 * 90), name="actualiteitstermijn_bereik"),
        ]

    def __str__(self) -> str:
        return f"{self.regio}: {self.get_soort_display()} {self.uren} uur"


class Dagstand(models.Model):
    """Monitor: the region's places per kind at the end of a day (precomputed, with its time)."""

    datum = models.DateField()
    regio = models.ForeignKey(Regio, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    plekken = models.PositiveIntegerField()
    gecontracteerd = models.PositiveIntegerField()
    bruikbaar = models.PositiveIntegerField()
    bezet = models.PositiveIntegerField()
    gereserveerd = models.PositiveIntegerField()
    vrij = models.PositiveIntegerField()
    niet_actueel = models.PositiveIntegerField()
    berekend_op = models.DateTimeField()

    class Meta:
        verbose_name = _("dagstand")
        verbose_name_plural = _("dagstanden (plekvrij)")
        ordering = ["-datum", "soort"]
        constraints = [models.UniqueConstraint(fields=["datum", "regio", "soort"], name="dagstand_uniek")]

    def __str__(self) -> str:
        return f"{self.datum} {self.soort}"


# --- Sociale kaart -------------------------------------------------------------------------


class Categorie(models.TextChoices):
    OPVOEDEN = "opvoeden", _("Hulp bij opvoeden")
    CURSUS = "cursus", _("Cursus of groep")
    JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
    STEUNGEZIN = "steungezin", _("Steungezin of maatje")
    GEZONDHEID = "gezondheid", _("Gezond opgroeien")
    SCHOOL = "school", _("School en leren")
    GELD = "geld", _("Geld en schulden")
    PSYCHISCH = "psychisch", _("Als je je niet goed voelt")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    WONEN = "wonen", _("Wonen buiten huis")
    VEILIGHEID = "veiligheid", _("Veiligheid en geweld")
    CRISIS = "crisis", _("Crisis: meteen hulp")


class Toegankelijkheid(models.TextChoices):
    VRIJ = "vrij", _("Zonder verwijzing")
    VERWIJZING = "verwijzing", _("Met een verwijzing")


class Hulpaanbod(models.Model):
    """One help offer on the public sociale kaart, maintained by its provider or by the region."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio"))
    aanbieder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hulpaanbod",
        verbose_name=_("aanbieder"),
        help_text=_("Leeg als de regio het aanbod zelf bijhoudt."),
    )
    titel = models.CharField(_("naam van het aanbod"), max_length=120)
    categorie = models.CharField(_("onderwerp"), max_length=20, choices=Categorie.choices)
    toegankelijkheid = models.CharField(_("hoe kom je erbij"), max_length=12, choices=Toegankelijkheid.choices)
    verwijzing_door = models.CharField(
        _("wie verwijst"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: het toegangsteam of de huisarts.")
    )
    samenvatting = models.CharField(_("in één zin"), max_length=200)
    voor_wie = models.TextField(_("voor wie"), max_length=2000)
    hoe = models.TextField(_("zo krijg je het"), max_length=2000)
    waar = models.CharField(_("waar"), max_length=200)
    gemeenten = models.ManyToManyField(
        Gemeente, blank=True, related_name="+", verbose_name=_("gemeenten"), help_text=_("Leeg: in de hele regio.")
    )
    leeftijd_van = models.PositiveSmallIntegerField(_("leeftijd vanaf"), default=0)
    leeftijd_tot = models.PositiveSmallIntegerField(_("leeftijd tot en met"), default=MAX_LEEFTIJD)
    kosten = models.CharField(_("kosten"), max_length=120, default="Gratis")
    telefoon = models.CharField(_("telefoon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    volgende_stap = models.TextField(
        _("past dit niet? dan kun je hier terecht"),
        max_length=2000,
        help_text=_("Elk aanbod zegt waar je verder kunt als dit niet past: er is geen verkeerde deur."),
    )
    gepubliceerd = models.BooleanField(_("zichtbaar op de sociale kaart"), default=True)
    bijgewerkt_op = models.DateTimeField(_("laatst bijgewerkt"))
    bijgewerkt_door_naam = models.CharField(_("bijgewerkt door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbod (sociale kaart)")
        ordering = ["titel", "id"]
        constraints = [
            *lengte_checks(voor_wie=2000, hoe=2000, volgende_stap=2000),
            models.CheckConstraint(condition=~Q(volgende_stap=""), name="hulpaanbod_zegt_waar_verder"),
            models.CheckConstraint(
                condition=~Q(toegankelijkheid=Toegankelijkheid.VERWIJZING, verwijzing_door=""),
                name="hulpaanbod_verwijzing_zegt_wie",
            ),
            models.CheckConstraint(condition=Q(leeftijd_van__lte=F("leeftijd_tot")), name="hulpaanbod_leeftijd"),
            models.CheckConstraint(
                condition=Q(website="") | Q(website__startswith="https://"), name="hulpaanbod_website_https"
            ),
        ]
        indexes = [
            models.Index(fields=["regio", "gepubliceerd", "categorie"], name="hulpaanbod_zoeken"),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def zonder_verwijzing(self) -> bool:
        return self.toegankelijkheid == Toegankelijkheid.VRIJ
