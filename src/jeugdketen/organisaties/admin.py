"""Application management (applicatiebeheer) through the Django admin, in Dutch.

The site only opens for users with the applicatiebeheer role (and a verified second factor where
required); the access log is deliberately not registered here — it has its own logged page.
"""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdketen.core.rollen import Rol

from .models import Gebruiker, Gemeente, Medewerker, Organisatie, Regio


class BeheerSite(admin.AdminSite):
    site_header = _("Jeugdketen – applicatiebeheer")
    site_title = _("Jeugdketen beheer")
    index_title = _("Beheer")

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        if not (user.is_active and user.is_staff) or getattr(user, "is_burger", True):
            return False
        if settings.REQUIRE_2FA and not user.is_verified():
            return False
        return Medewerker.objects.filter(gebruiker=user, rol=Rol.APPLICATIEBEHEER, actief=True).exists()


beheer_site = BeheerSite(name="beheer")


@admin.register(Regio, site=beheer_site)
class RegioAdmin(admin.ModelAdmin[Regio]):
    search_fields = ["naam"]


@admin.register(Gemeente, site=beheer_site)
class GemeenteAdmin(admin.ModelAdmin[Gemeente]):
    list_display = ["naam", "cbs_code", "regio"]
    list_filter = ["regio"]
    search_fields = ["naam", "cbs_code"]


class MedewerkerInline(admin.StackedInline[Medewerker, Gebruiker]):  # stacked: every field has its own label
    model = Medewerker
    extra = 0
    autocomplete_fields = ["organisatie"]


@admin.register(Organisatie, site=beheer_site)
class OrganisatieAdmin(admin.ModelAdmin[Organisatie]):
    list_display = ["naam", "soort", "gemeente", "aangesloten_verwijsindex"]
    list_filter = ["soort", "aangesloten_verwijsindex", "regio"]
    search_fields = ["naam"]
    list_select_related = ["gemeente"]


@admin.register(Gebruiker, site=beheer_site)
class GebruikerAdmin(UserAdmin[Gebruiker]):
    list_display = ["username", "first_name", "last_name", "soort", "is_active"]
    list_filter = ["soort", "is_active", "is_staff"]
    # Access comes from roles per organisation (Medewerker), not from Django groups or permissions,
    # so those pickers are left out; the login dates are facts, not input.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email", "telefoon", "soort")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MedewerkerInline]


# A professional who lost their phone: application management deletes the device, and the next
# login sets up a new one.
beheer_site.register(TOTPDevice, TOTPDeviceAdmin)
