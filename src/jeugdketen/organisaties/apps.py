from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisatiesConfig(AppConfig):
    name = "jeugdketen.organisaties"
    label = "organisaties"
    verbose_name = _("Organisaties en medewerkers")
