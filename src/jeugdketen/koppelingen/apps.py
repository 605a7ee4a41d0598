from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    """Wires independent apps together at start-up; nothing imports this app but the shell: crisis
    finds plekvrij's places, the monitor gets the verwijsindex's usage figures."""

    name = "jeugdketen.koppelingen"
    label = "koppelingen"
    verbose_name = _("Koppelingen tussen onderdelen")

    def ready(self) -> None:
        from jeugdketen.crisis import plekken
        from jeugdketen.monitor import uitbreidingen as monitor

        from . import verwijsindex_monitor
        from .plekvrij_crisis import PlekvrijZoeker

        plekken.register(PlekvrijZoeker())
        monitor.register_cijferbron("verwijsindex_gebruik", verwijsindex_monitor.meldingen)
