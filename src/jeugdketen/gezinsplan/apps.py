from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "jeugdketen.gezinsplan"
    label = "gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from jeugdketen.core import referentie, werk

        from . import selectors, werklijst

        selectors.register_scopes()
        referentie.register(
            "gezinsplan.Jargonterm", referentie.from_migration("jeugdketen.gezinsplan.migrations.0002_jargonlijst")
        )
        werk.register(werklijst.mijn_gezinnen, order=10)
        # The daily time-based notifications (evaluation/agreement due or late, consent ending);
        # idempotent, see services.tijdsignalen_versturen.
        from celery.schedules import crontab

        from jeugdketen.celery import app

        app.conf.beat_schedule["gezinsplan-tijdsignalen"] = {
            "task": "jeugdketen.gezinsplan.tasks.tijdsignalen",
            "schedule": crontab(hour=6, minute=30),
        }
