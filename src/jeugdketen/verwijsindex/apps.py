from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerwijsindexConfig(AppConfig):
    name = "jeugdketen.verwijsindex"
    label = "verwijsindex"
    verbose_name = _("Verwijsindex")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.celery import app
        from jeugdketen.core import werk
        from jeugdketen.core.access import Scope, register_scope

        from . import selectors, werklijst
        from .models import Match, Melding
        from .services import client_id

        register_scope(
            Melding,
            Scope(
                queryset=selectors.meldingen_zichtbaar,
                object_type="verwijsindex_melding",
                client_id=lambda m: client_id(m.jongere),
                grondslag=lambda actor, obj: "Jeugdwet 7.1",
            ),
        )
        register_scope(
            Match,
            Scope(
                queryset=selectors.matches_zichtbaar,
                object_type="verwijsindex_match",
                client_id=lambda m: client_id(m.jongere) if m.jongere else "-",
                grondslag=lambda actor, obj: "Jeugdwet 7.1.2.3",
            ),
        )
        werk.register(werklijst.te_informeren, order=40)
        werk.register(werklijst.regie_escalaties, order=41)
        # Retention terms run nightly (documented in docs/verwijsindex.md); the relay is core's.
        app.conf.beat_schedule["verwijsindex-bewaartermijnen"] = {
            "task": "jeugdketen.verwijsindex.tasks.bewaartermijnen",
            "schedule": crontab(hour=2, minute=15),
        }
