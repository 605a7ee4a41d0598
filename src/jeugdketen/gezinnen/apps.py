from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinnenConfig(AppConfig):
    name = "jeugdketen.gezinnen"
    label = "gezinnen"
    verbose_name = _("Gezinnen, netwerk en toestemming")

    def ready(self) -> None:
        from . import selectors

        selectors.register_scopes()
