"""The region maintains the topic and item list (applicatiebeheer, beheer site).

Topics and items are never deleted: plans refer to them and keep their progress. Take one out of
the list by unticking "in de lijst"; it disappears from every plan's to-do list at once, and the
progress youths made on it stays visible under "niet meer in de lijst".
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jeugdketen.organisaties.admin import beheer_site

from .models import Onderdeel, Onderwerp


class OnderdeelInline(admin.StackedInline[Onderdeel, Onderwerp]):
    model = Onderdeel
    extra = 0
    fields = ["titel", "sleutel", "uitleg", "link", "link_tekst", "voor_18", "volgorde", "actief"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Onderwerp, site=beheer_site)
class OnderwerpAdmin(admin.ModelAdmin[Onderwerp]):
    list_display = ["naam", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "sleutel"]
    inlines = [OnderdeelInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Onderdeel, site=beheer_site)
class OnderdeelAdmin(admin.ModelAdmin[Onderdeel]):
    list_display = ["titel", "onderwerp", "voor_18", "actief"]
    list_filter = ["onderwerp", "voor_18", "actief"]
    search_fields = ["titel", "sleutel"]
    list_select_related = ["onderwerp"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
