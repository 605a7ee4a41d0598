"""Beheer: the region maintains the jargon list for the plain-language check."""

from typing import TYPE_CHECKING

from django.contrib import admin

from jeugdketen.organisaties.admin import beheer_site

from .models import Jargonterm

if TYPE_CHECKING:  # ModelAdmin is generic for the type checker only (no django_stubs_ext at runtime)
    JargontermAdminBase = admin.ModelAdmin[Jargonterm]
else:
    JargontermAdminBase = admin.ModelAdmin


@admin.register(Jargonterm, site=beheer_site)
class JargontermAdmin(JargontermAdminBase):
    list_display = ["term", "suggestie", "actief"]
    list_filter = ["actief"]
    search_fields = ["term", "suggestie"]
