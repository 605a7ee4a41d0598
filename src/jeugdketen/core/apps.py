from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jeugdketen.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from . import werk

        werk.register(werk.unread_notifications, order=1000)
