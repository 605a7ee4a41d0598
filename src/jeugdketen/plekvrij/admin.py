"""The region maintains in beheer: specialisms, freshness terms per kind, locations and places,
and the region's own offers on the sociale kaart.

Reservations (personal data) are deliberately not registered: reading one must be logged, and
only the pages and the API do that. The numbers a place is occupied and reserved by are not
editable here either; they change through the provider's pages, its API and reservations.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from jeugdketen.organisaties.admin import beheer_site
from jeugdketen.organisaties.models import Gebruiker

from . import services
from .models import Actualiteitstermijn, Bron, Hulpaanbod, Locatie, Plek, Specialisme

if TYPE_CHECKING:  # ModelAdmin is generic for the type checker only (no django_stubs_ext at runtime)
    AdminBase = admin.ModelAdmin[Any]
else:
    AdminBase = admin.ModelAdmin


class Vinkjes(AdminBase):
    """Many-to-many fields as plain checkboxes (Django's two-box picker is not axe-clean) and the
    browser's own date field (the admin's calendar script sets inline styles the CSP blocks)."""

    formfield_overrides = {models.DateField: {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}}

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class NooitVerwijderen(AdminBase):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Specialisme, site=beheer_site)
class SpecialismeAdmin(NooitVerwijderen):
    list_display = ["naam", "sleutel", "volgorde", "actief"]
    search_fields = ["naam", "sleutel"]


@admin.register(Actualiteitstermijn, site=beheer_site)
class ActualiteitstermijnAdmin(AdminBase):
    list_display = ["regio", "soort", "uren"]
    list_filter = ["regio", "soort"]


@admin.register(Locatie, site=beheer_site)
class LocatieAdmin(NooitVerwijderen):
    list_display = ["naam", "organisatie", "gemeente", "actief"]
    list_filter = ["actief", "gemeente"]
    search_fields = ["naam", "organisatie__naam"]
    list_select_related = ["organisatie", "gemeente"]


@admin.register(Plek, site=beheer_site)
class PlekAdmin(Vinkjes, NooitVerwijderen):
    list_display = [
        "__str__",
        "locatie",
        "soort",
        "gecontracteerd",
        "buiten_gebruik",
        "bezet",
        "gereserveerd",
        "actief",
    ]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "locatie__naam"]
    list_select_related = ["locatie"]
    readonly_fields = ["bezet", "gereserveerd", "bijgewerkt_op", "bijgewerkt_door_naam"]
    exclude = ["bijgewerkt_door"]

    def save_model(self, request: HttpRequest, obj: Plek, form: Any, change: bool) -> None:
        """A change in beheer is kept in the history like every other change."""
        now = timezone.now()
        if not change:
            obj.bijgewerkt_op = now
            obj.bijgewerkt_door_naam = str(request.user)
        obj.versie = (obj.versie or 0) + 1
        super().save_model(request, obj, form, change)
        user = request.user
        services.stand_vastleggen(
            obj,
            bron=Bron.BEHEER,
            door=user if isinstance(user, Gebruiker) else None,
            door_naam=str(user),
            door_aanbieder=False,
            tijdstip=now,
        )


@admin.register(Hulpaanbod, site=beheer_site)
class HulpaanbodAdmin(Vinkjes):
    list_display = ["titel", "categorie", "toegankelijkheid", "aanbieder", "gepubliceerd"]
    list_filter = ["gepubliceerd", "categorie", "toegankelijkheid", "regio"]
    search_fields = ["titel", "samenvatting"]
    list_select_related = ["aanbieder"]
    readonly_fields = ["bijgewerkt_op", "bijgewerkt_door_naam"]

    def save_model(self, request: HttpRequest, obj: Hulpaanbod, form: Any, change: bool) -> None:
        obj.bijgewerkt_op = timezone.now()
        obj.bijgewerkt_door_naam = str(request.user)[:200]
        super().save_model(request, obj, form, change)
