from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToekomstplanConfig(AppConfig):
    name = "jeugdketen.toekomstplan"
    label = "toekomstplan"
    verbose_name = _("Toekomstplan")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, referentie, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.rollen import Rol
        from jeugdketen.core.tasks import register_schedule
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
        # The daily signals (16.5 without a plan; 6 and 3 months before 18); idempotent (Signaal
        # rows, outbox dedupe keys).
        register_schedule(
            "toekomstplan-signalen", task="jeugdketen.toekomstplan.tasks.signalen", schedule=crontab(hour=6, minute=15)
        )
