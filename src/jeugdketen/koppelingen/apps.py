from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    """Wires independent apps together at start-up; nothing imports this app but the shell."""

    name = "jeugdketen.koppelingen"
    label = "koppelingen"
    verbose_name = _("Koppelingen tussen onderdelen")

    def ready(self) -> None:
        from jeugdketen.crisis import plekken

        from .plekvrij_crisis import PlekvrijZoeker

        plekken.register(PlekvrijZoeker())
