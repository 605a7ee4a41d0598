"""Beheer: the region maintains the jargon list for the plain-language check."""

from django.contrib import admin

from jeugdketen.organisaties.admin import beheer_site

from .models import Jargonterm


@admin.register(Jargonterm, site=beheer_site)
class JargontermAdmin(admin.ModelAdmin):
    list_display = ["term", "suggestie", "actief"]
    list_filter = ["actief"]
    search_fields = ["term", "suggestie"]
