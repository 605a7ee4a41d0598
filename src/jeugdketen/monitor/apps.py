from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "jeugdketen.monitor"
    label = "monitor"
    verbose_name = _("Monitor jeugd")

    def ready(self) -> None:
        from celery.schedules import crontab

        from jeugdketen.core import nav, replica, werk
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
        # The report pages and exports read the facts from a streaming replica, if one is set
        # (core.replica); the import pages (bevolking, basiswaarden) show what was just written.
        replica.register(
            url_names=[
                "monitor:overzicht",
                "monitor:overzicht_csv",
                "monitor:indicator",
                "monitor:indicator_csv",
                "monitor:jaarrapport",
                "monitor:aanbieder",
                "monitor:open",
                "monitor:open_csv",
                "monitor:open_json",
            ],
            models=["monitor"],
        )
