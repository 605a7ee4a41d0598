"""Reference lists the region maintains (applicatiebeheer, beheer site): the providers' AGB codes,
the product list (code → JZ020 category and CBS kind of help) and the norms of the work lists.
Personal data (trajectories, measures, thuiszitters) is never edited here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jeugdketen.organisaties.admin import beheer_site

from .models import Jeugdhulpnormen, Productcode, Zorgaanbieder


@admin.register(Zorgaanbieder, site=beheer_site)
class ZorgaanbiederAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisatie", "agb_code"]
    search_fields = ["organisatie__naam", "agb_code"]
    autocomplete_fields = ["organisatie"]


@admin.register(Productcode, site=beheer_site)
class ProductcodeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "omschrijving", "categorie", "hulpvorm", "kleinschalig", "actief"]
    list_filter = ["categorie", "hulpvorm", "actief"]
    search_fields = ["code", "omschrijving"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # trajectories refer to a code; take it out of use with "in gebruik" instead


@admin.register(Jeugdhulpnormen, site=beheer_site)
class JeugdhulpnormenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["regio", "treeknorm_intake_dagen", "treeknorm_start_dagen", "thuiszitter_dagen"]
