"""Shared kernel data: the access log (toegangslog), the notifications outbox, in-app notifications."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    READ = "read", _("bekeken")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    SEARCH = "search", _("gezocht")
    PRINT = "print", _("afgedrukt")
    EXPORT = "export", _("geëxporteerd")
    LOGIN = "login", _("ingelogd")
    # Told of something (a match signal): not a read, so "who looked at this" leaves it out.
    INFORM = "inform", _("geïnformeerd")


class Uitkomst(models.TextChoices):
    SUCCESS = "success", _("gelukt")
    DENIED = "denied", _("geweigerd")
    FAILURE = "failure", _("mislukt")


class Toegangslogregel(models.Model):
    """One access to a person's data, with the NEN 7513 field set (SECURITY.md A1).

    Append-only: a database trigger refuses UPDATE and DELETE (migration 0002). Holds the fact of
    an access, never its content; the client is referred to by a pseudonymous id, never a BSN.
    """

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    actie = models.CharField(max_length=16, choices=Actie.choices)
    uitkomst = models.CharField(max_length=16, choices=Uitkomst.choices)
    tijdstip = models.DateTimeField(db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gebruiker_naam = models.CharField(max_length=200)
    rol = models.CharField(max_length=64)
    organisatie = models.CharField(max_length=200, blank=True)
    organisatie_id = models.CharField(max_length=64, blank=True)
    namens = models.CharField(max_length=200, help_text="responsible user / on whose behalf")
    grondslag = models.CharField(max_length=200, help_text="purpose or legal basis")
    noodprocedure = models.BooleanField(default=False)
    client_id = models.CharField(max_length=128, db_index=True, help_text="pseudonymous client id")
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    segment = models.CharField(max_length=64, help_text="which part of the file")
    bronsysteem = models.CharField(max_length=64, default="jeugdketen")
    ip_adres = models.CharField(max_length=64)
    request_id = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)
    # The hash chain (SECURITY A4): each row belongs to one of KETENS chains and carries the
    # row_hash of the row before it in that chain; both are inside its own row_hash. Rows from
    # before the chain existed have keten NULL and are checked one by one.
    keten = models.PositiveSmallIntegerField(null=True, blank=True)
    vorige_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        indexes = [
            models.Index(fields=["keten", "id"]),
            models.Index(fields=["client_id", "-tijdstip"]),
            models.Index(fields=["gebruiker", "-tijdstip"]),
            models.Index(fields=["object_type", "object_id"]),  # e.g. the logbook of one registration
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker_naam} {self.actie} {self.object_type}"


class Toegangslogketen(models.Model):
    """The head of one access-log chain: the last row in it. A database trigger keeps it up to
    date on every insert; a writer locks the head row until its transaction ends, so a chain
    never forks (writers take a free chain: SKIP LOCKED)."""

    nummer = models.PositiveSmallIntegerField(primary_key=True)
    laatste_id = models.BigIntegerField(null=True, blank=True)
    laatste_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("toegangslogketen")
        verbose_name_plural = _("toegangslogketens")

    def __str__(self) -> str:
        return f"keten {self.nummer}"


class AnkerSoort(models.TextChoices):
    BEGIN = "begin", _("begin na bewaartermijn")
    STAND = "stand", _("stand")


class Toegangsloganker(models.Model):
    """A keyed record of where a chain stood: `stand` (written periodically: a row removed from
    the end of a chain before it is found missing) or `begin` (written by the retention job: the
    chain now starts after this row, which was deleted because its term had passed)."""

    keten = models.PositiveSmallIntegerField()
    soort = models.CharField(max_length=8, choices=AnkerSoort.choices)
    regel_id = models.BigIntegerField()
    regel_hash = models.CharField(max_length=64)
    aantal = models.PositiveIntegerField(default=0, help_text="rows deleted (begin)")
    tijdstip = models.DateTimeField()
    anker_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("toegangsloganker")
        verbose_name_plural = _("toegangslogankers")
        indexes = [models.Index(fields=["keten", "soort", "regel_id"])]

    def __str__(self) -> str:
        return f"{self.soort} keten {self.keten} bij {self.regel_id}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("wacht")
    DELIVERED = "delivered", _("afgeleverd")


class Kanaal(models.TextChoices):
    IN_APP = "in_app", _("in de app")
    EMAIL = "email", _("e-mail")


class OutboxBericht(models.Model):
    """A notification to deliver, written in the same transaction as the action that caused it.

    The worker relays it; a failed delivery stays pending with a later next attempt, so nothing
    is lost when the mail server or the queue is down.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kanaal = models.CharField(max_length=16, choices=Kanaal.choices)
    soort = models.CharField(max_length=64, help_text="kind of news, e.g. plan_gewijzigd")
    titel = models.CharField(max_length=200, help_text="plain text, no personal data")
    link = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    pogingen = models.PositiveIntegerField(default=0)
    volgende_poging = models.DateTimeField()
    laatste_fout = models.CharField(max_length=300, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    afgeleverd = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [models.Index(fields=["status", "volgende_poging"])]

    def __str__(self) -> str:
        return f"{self.soort} → {self.ontvanger_id} ({self.status})"


class Notificatie(models.Model):
    """An in-app notification, created by delivering an outbox row (one per row: idempotent)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaties")
    bron = models.OneToOneField(OutboxBericht, on_delete=models.CASCADE, related_name="notificatie")
    soort = models.CharField(max_length=64)
    titel = models.CharField(max_length=200)
    link = models.CharField(max_length=300, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gelezen = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt", "-id"]
        indexes = [models.Index(fields=["ontvanger", "-aangemaakt"])]

    def __str__(self) -> str:
        return self.titel


class Teller(models.Model):
    """A counter of a fixed time window in the database: the fallback of a rate limit that
    normally counts in Redis, so that a Redis outage never means "unlimited" (SECURITY F6)."""

    sleutel = models.CharField(max_length=200, unique=True, help_text="what is counted, and the window")
    aantal = models.PositiveIntegerField(default=0)
    verloopt = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")

    def __str__(self) -> str:
        return f"{self.sleutel}: {self.aantal}"


class Idempotentiesleutel(models.Model):
    """One `Idempotency-Key` of one caller (SECURITY F3, core.idempotentie): the first answer to a
    changing API call, given again to a retry with the same key and the same request, so that a
    retry after a time-out never creates twice. `status` is empty while the first call runs."""

    aanroeper = models.CharField(max_length=100, help_text="who called: the API key's or the person's row")
    sleutel = models.CharField(max_length=200)
    vingerafdruk = models.CharField(max_length=64, help_text="hash of method, path and body")
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    inhoud = models.BinaryField(default=b"")
    content_type = models.CharField(max_length=100, blank=True)
    koppen = models.JSONField(default=dict, blank=True, help_text="headers given again, e.g. Location, ETag")
    aangemaakt = models.DateTimeField()
    verloopt = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("idempotentiesleutel")
        verbose_name_plural = _("idempotentiesleutels")
        constraints = [
            models.UniqueConstraint(fields=["aanroeper", "sleutel"], name="core_idempotentie_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.aanroeper} {self.sleutel} ({self.status or 'bezig'})"
