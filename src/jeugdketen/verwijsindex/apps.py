from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerwijsindexConfig(AppConfig):
    name = "jeugdketen.verwijsindex"
    label = "verwijsindex"
    verbose_name = _("Verwijsindex")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.rollen import Rol
        from jeugdketen.core.tasks import register_schedule

        from . import selectors, werklijst

        selectors.register_scopes()
        nav.register(
            NavItem(
                label=_("Verwijsindex"),
                url_name="verwijsindex:meldingen",
                order=30,
                visible=lambda a: a.has_role(Rol.MELDINGSBEVOEGD),
                current=lambda v: v.startswith("verwijsindex:") and not v.startswith("verwijsindex:beheer"),
            )
        )
        nav.register(
            NavItem(
                label=_("Verwijsindex beheer"),
                url_name="verwijsindex:beheer",
                order=31,
                visible=lambda a: a.has_role(Rol.FUNCTIONEEL_BEHEER),
                current=lambda v: v.startswith("verwijsindex:beheer"),
            )
        )
        werk.register(werklijst.te_informeren, order=40)
        werk.register(werklijst.regie_escalaties, order=41)
        # Retention terms run nightly (documented in docs/verwijsindex.md); the relay is core's.
        register_schedule(
            "verwijsindex-bewaartermijnen",
            task="jeugdketen.verwijsindex.tasks.bewaartermijnen",
            schedule=crontab(hour=2, minute=15),
        )
