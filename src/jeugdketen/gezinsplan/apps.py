from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "jeugdketen.gezinsplan"
    label = "gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, referentie, taal, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.rollen import Rol
        from jeugdketen.core.tasks import register_schedule

        from . import selectors, werklijst

        selectors.register_scopes()
        taal.register_jargon(selectors.jargon)
        referentie.register(
            "gezinsplan.Jargonterm", referentie.from_migration("jeugdketen.gezinsplan.migrations.0002_jargonlijst")
        )
        werk.register(werklijst.mijn_gezinnen, order=10)
        nav.register(
            NavItem(
                label=_("Gezinnen"),
                url_name="gezinsplan:lijst",
                order=10,
                visible=lambda a: not a.is_burger and a.has_role(Rol.HULPVERLENER),
                current=lambda v: v.startswith(("gezinnen:", "gezinsplan:")),
            )
        )
        # The daily time-based notifications (evaluation/agreement due or late, consent ending);
        # idempotent, see services.tijdsignalen_versturen.
        register_schedule(
            "gezinsplan-tijdsignalen",
            task="jeugdketen.gezinsplan.tasks.tijdsignalen",
            schedule=crontab(hour=6, minute=30),
        )
