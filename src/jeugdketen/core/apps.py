from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jeugdketen.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import referentie, werk

        werk.register(werk.unread_notifications, order=1000)
        # Once, after all apps: the signal is sent per app, the handler seeds every empty list.
        post_migrate.connect(referentie.seed_empty_lists, dispatch_uid="jeugdketen-referentie")
