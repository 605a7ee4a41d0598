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
        # A death recorded in the BRP removes the youth's registrations (art. 7.1.4.5 lid 2).
        from jeugdketen.brp.signalen import overlijden_vastgesteld

        overlijden_vastgesteld.connect(_overlijden_uit_brp, dispatch_uid="verwijsindex-overlijden")
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


def _overlijden_uit_brp(sender: object, *, bsn: str, **kwargs: object) -> None:
    from . import pseudoniem, services

    services.overlijden_verwerken(bsn_sleutel=pseudoniem.for_bsn(bsn))
