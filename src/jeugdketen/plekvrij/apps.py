from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlekvrijConfig(AppConfig):
    name = "jeugdketen.plekvrij"
    label = "plekvrij"
    verbose_name = _("Plekvrij en sociale kaart")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, referentie, replica, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.tasks import register_schedule

        from . import selectors, werklijst

        selectors.register_scopes()
        referentie.register(
            "plekvrij.Specialisme", referentie.from_migration("jeugdketen.plekvrij.migrations.0002_specialismen")
        )
        werk.register(werklijst.mijn_plekken, order=15)
        werk.register(werklijst.mijn_reserveringen, order=16)
        nav.register(
            NavItem(
                label=_("Plek zoeken"),
                url_name="plekvrij:zoeken",
                order=40,
                visible=selectors.may_search,
                current=lambda v: v in {"plekvrij:zoeken", "plekvrij:crisis", "plekvrij:plek", "plekvrij:reserveren"},
            )
        )
        nav.register(
            NavItem(
                label=_("Mijn plekken"),
                url_name="plekvrij:mijn_plekken",
                order=41,
                visible=selectors.may_manage,
                current=lambda v: v.startswith("plekvrij:mijn_plekken") or v.startswith("plekvrij:plek_"),
            )
        )
        nav.register(
            NavItem(
                label=_("Reserveringen"),
                url_name="plekvrij:reserveringen",
                order=42,
                visible=lambda a: selectors.may_reserve(a) or selectors.may_manage(a),
                current=lambda v: v in {"plekvrij:reserveringen", "plekvrij:reservering"},
            )
        )
        nav.register(
            NavItem(
                label=_("Plekvrij in cijfers"),
                url_name="plekvrij:cijfers",
                order=43,
                visible=selectors.may_see_figures,
            )
        )
        # Expired holds released every 5 minutes (searches do not wait for it), the monitor's day
        # totals at the end of the day, old reservation details erased at night.
        register_schedule("plekvrij-verlopen", task="jeugdketen.plekvrij.tasks.verlopen", schedule=300)
        register_schedule(
            "plekvrij-dagstanden", task="jeugdketen.plekvrij.tasks.dagstanden", schedule=crontab(hour=23, minute=50)
        )
        register_schedule(
            "plekvrij-opschonen", task="jeugdketen.plekvrij.tasks.opschonen", schedule=crontab(hour=3, minute=30)
        )
        # The figures page reads the day totals from a streaming replica, if one is set (core.replica);
        # the places' current state and the reservations stay on the primary.
        replica.register(url_names=["plekvrij:cijfers"], models=["plekvrij.Dagstand"])
