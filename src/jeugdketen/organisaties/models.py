"""Regions, municipalities, organisations, and the people who log in."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdketen.core.rollen import Rol


class Regio(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("jeugdhulpregio")
        verbose_name_plural = _("jeugdhulpregio's")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="gemeenten", verbose_name=_("regio"))
    naam = models.CharField(_("naam"), max_length=120)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0917 voor Heerlen.")
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="gemeente_cbs_code_vorm")
        ]

    def __str__(self) -> str:
        return self.naam


class OrganisatieSoort(models.TextChoices):
    """Kinds of organisation. All but the last two may register in the verwijsindex
    (Jeugdwet 7.1.1.2; Besluit Jeugdwet 7.1.1–7.1.7)."""

    TOEGANG = "toegang", _("Gemeentelijke toegang / CJG / wijkteam")
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", _("Jeugdhulpaanbieder")
    PLEEGZORGAANBIEDER = "pleegzorgaanbieder", _("Pleegzorgaanbieder")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("Huisartsenpraktijk")
    SCHOOL = "school", _("School")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    RMC = "rmc", _("RMC (voortijdig schoolverlaten)")
    GI = "gi", _("Gecertificeerde instelling (jeugdbescherming)")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    CRISISDIENST = "crisisdienst", _("Crisisdienst jeugd")
    JGZ = "jgz", _("Jeugdgezondheidszorg")
    GGZ = "ggz", _("Geestelijke gezondheidszorg")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    GEHANDICAPTENZORG = "gehandicaptenzorg", _("Gehandicaptenzorg")
    SPOEDEISENDE_HULP = "spoedeisende_hulp", _("Spoedeisende hulp van een ziekenhuis")
    WMO_AANBIEDER = "wmo_aanbieder", _("Wmo-aanbieder")
    KREDIETBANK = "kredietbank", _("Gemeentelijke kredietbank")
    POLITIE = "politie", _("Politie")
    HALT = "halt", _("Halt")
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming", _("Raad voor de Kinderbescherming")
    GEMEENTE_BELEID = "gemeente_beleid", _("Gemeente (beleid)")
    REGIO_BEHEER = "regio_beheer", _("Regionaal beheer")


NIET_MELDBEVOEGDE_SOORTEN = frozenset({OrganisatieSoort.GEMEENTE_BELEID, OrganisatieSoort.REGIO_BEHEER})


class Organisatie(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="organisaties", verbose_name=_("regio"))
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisaties",
        verbose_name=_("gemeente"),
        help_text=_("Leeg voor organisaties die in de hele regio werken."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=32, choices=OrganisatieSoort.choices, db_index=True)
    aangesloten_verwijsindex = models.BooleanField(_("aangesloten op de verwijsindex"), default=False)
    telefoon = models.CharField(_("telefoon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(aangesloten_verwijsindex=True, soort__in=sorted(NIET_MELDBEVOEGDE_SOORTEN)),
                name="organisatie_verwijsindex_alleen_toegestane_soorten",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def mag_aansluiten_op_verwijsindex(self) -> bool:
        return self.soort not in NIET_MELDBEVOEGDE_SOORTEN


class GebruikerSoort(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker van een organisatie")
    BURGER = "burger", _("Gezinslid of netwerk")


class Gebruiker(AbstractUser):
    """Everyone who logs in: professionals (with Medewerker rows) and citizens."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(
        _("soort"), max_length=16, choices=GebruikerSoort.choices, default=GebruikerSoort.MEDEWERKER
    )
    telefoon = models.CharField(_("telefoon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_burger(self) -> bool:
        return self.soort == GebruikerSoort.BURGER

    @property
    def weergavenaam(self) -> str:
        return self.get_full_name() or self.username


class Medewerker(models.Model):
    """A professional's role in one organisation; one person can work for several."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="medewerkerschappen", verbose_name=_("gebruiker")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="medewerkers", verbose_name=_("organisatie")
    )
    rol = models.CharField(_("rol"), max_length=32, choices=[c for c in Rol.choices if c[0] != Rol.BURGER])
    functie = models.CharField(_("functie"), max_length=120, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "organisatie", "rol"], name="medewerker_uniek_per_rol")
        ]
        indexes = [models.Index(fields=["organisatie", "rol"])]

    def __str__(self) -> str:
        return f"{self.gebruiker} – {self.organisatie} ({self.get_rol_display()})"


class ApiSleutel(models.Model):
    """An API key of one organisation's own system (case system), issued and revoked by
    functional management. Only a SHA-256 hash of the key is stored; the key is shown once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="api_sleutels", verbose_name=_("organisatie")
    )
    systeem = models.CharField(_("naam van het systeem"), max_length=120)
    prefix = models.CharField(_("begin van de sleutel"), max_length=16, help_text=_("Om de sleutel te herkennen."))
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uitgegeven door")
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["organisatie", "-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.systeem} ({self.prefix}…)"

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None
