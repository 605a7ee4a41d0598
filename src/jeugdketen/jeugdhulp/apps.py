from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JeugdhulpConfig(AppConfig):
    name = "jeugdketen.jeugdhulp"
    label = "jeugdhulp"
    verbose_name = _("Jeugdhulp")
