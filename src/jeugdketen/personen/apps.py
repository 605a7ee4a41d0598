from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonenConfig(AppConfig):
    name = "jeugdketen.personen"
    label = "personen"
    verbose_name = _("Personen (jeugdigen)")
