from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonenConfig(AppConfig):
    name = "jeugdketen.personen"
    label = "personen"
    verbose_name = _("Personen (jeugdigen)")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core.tasks import register_schedule

        # The youths follow the BRP (docs/brp.md): nightly, after the verwijsindex's terms.
        register_schedule(
            "personen-brp-controle", task="jeugdketen.personen.tasks.brp_controle", schedule=crontab(hour=3, minute=10)
        )
