"""Beheer: the region sets its crisis norms and maintains the themes of the look back."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jeugdketen.organisaties.admin import beheer_site

from .models import Crisisnormen, Terugblikthema


@admin.register(Crisisnormen, site=beheer_site)
class CrisisnormenAdmin(admin.ModelAdmin[Crisisnormen]):
    list_display = [
        "regio",
        "stabilisatie_uren",
        "ter_plaatse_uren",
        "verblijf_dagen",
        "ambulant_dagen",
        "overbrugging_dagen",
        "signaal_procent",
        "doel_procent",
    ]
    raw_id_fields = ["teamleider"]


@admin.register(Terugblikthema, site=beheer_site)
class TerugblikthemaAdmin(admin.ModelAdmin[Terugblikthema]):
    list_display = ["naam", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # looks back refer to them; take one out of the list with "in de lijst"
