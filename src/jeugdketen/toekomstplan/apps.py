from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToekomstplanConfig(AppConfig):
    name = "jeugdketen.toekomstplan"
    label = "toekomstplan"
    verbose_name = _("Toekomstplan")

    def ready(self) -> None:
        from django.conf import settings

        from jeugdketen.core import nav, referentie, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.rollen import Rol
        from jeugdketen.gezinsplan import uitbreidingen as gezinsplan_uitbreidingen

        from . import selectors, werklijst

        selectors.register_scopes()
        referentie.register(
            "toekomstplan.Onderwerp", referentie.from_migration("jeugdketen.toekomstplan.migrations.0002_catalogus")
        )
        werk.register(werklijst.mijn_toekomstplan, order=20)
        gezinsplan_uitbreidingen.register(selectors.koppelingen_voor_gezinsplan)
        nav.register(
            NavItem(
                label=_("Toekomstplan"),
                url_name="toekomstplan:mijn",
                order=20,
                visible=lambda a: a.is_burger or a.has_role(Rol.HULPVERLENER),
                current=lambda v: v.startswith("toekomstplan:") and v != "toekomstplan:signalen",
            )
        )
        nav.register(
            NavItem(
                label=_("Rond 18"),
                url_name="toekomstplan:signalen",
                order=21,
                visible=selectors.may_watch,
            )
        )
        # The daily signals (16.5 without a plan; 6 and 3 months before 18). Added here so the
        # app carries its own schedule; the job is idempotent (outbox dedupe keys).
        schedule = getattr(settings, "CELERY_BEAT_SCHEDULE", None)
        if isinstance(schedule, dict):
            from celery.schedules import crontab

            schedule.setdefault(
                "toekomstplan-signalen",
                {"task": "jeugdketen.toekomstplan.tasks.signalen", "schedule": crontab(hour=6, minute=15)},
            )
