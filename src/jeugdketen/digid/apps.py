from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigidConfig(AppConfig):
    name = "jeugdketen.digid"
    label = "burger_digid"
    verbose_name = _("Inloggen met DigiD")
