from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "jeugdketen.monitor"
    label = "monitor"
    verbose_name = _("Monitor jeugd")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.tasks import register_schedule

        from . import koppeling, selectors, werklijst

        koppeling.register()
        werk.register(werklijst.monitor, order=5)
        nav.register(
            NavItem(
                label=_("Monitor"),
                url_name="monitor:overzicht",
                order=60,
                visible=selectors.is_beleid,
                current=lambda v: v.startswith("monitor:") and v != "monitor:aanbieder",
            )
        )
        nav.register(
            NavItem(label=_("Mijn cijfers"), url_name="monitor:aanbieder", order=44, visible=selectors.is_aanbieder)
        )
        # The facts every night; the yearly reports (last year and this year so far) monthly.
        register_schedule(
            "monitor-feiten", task="jeugdketen.monitor.tasks.feiten_berekenen", schedule=crontab(hour=2, minute=15)
        )
        register_schedule(
            "monitor-jaarrapporten",
            task="jeugdketen.monitor.tasks.jaarrapporten",
            schedule=crontab(hour=4, minute=0, day_of_month=1),
        )
