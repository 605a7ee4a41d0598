"""Reference settings only: the region's suppression threshold."""

from django.contrib import admin

from jeugdketen.organisaties.admin import beheer_site

from .models import Monitorinstelling


@admin.register(Monitorinstelling, site=beheer_site)
class MonitorinstellingAdmin(admin.ModelAdmin[Monitorinstelling]):
    list_display = ("regio", "drempel")
