from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    name = "jeugdketen.crisis"
    label = "crisis"
    verbose_name = _("Crisisdienst jeugd")

    def ready(self) -> None:
        from jeugdketen.core import nav, referentie, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.tasks import register_schedule
        from jeugdketen.gezinsplan import uitbreidingen as gezinsplan_uitbreidingen

        from . import selectors, werklijst

        selectors.register_scopes()
        referentie.register(
            "crisis.Terugblikthema", referentie.from_migration("jeugdketen.crisis.migrations.0002_themas")
        )
        werk.register(werklijst.crisisbord, order=5)
        werk.register(werklijst.overdrachten, order=15)
        werk.register(werklijst.eigen_crisis, order=6)
        gezinsplan_uitbreidingen.register(selectors.koppelingen_voor_gezinsplan)
        nav.register(
            NavItem(
                label=_("Crisisbord"),
                url_name="crisis:bord",
                order=5,
                visible=selectors.is_crisisdienst,
                current=lambda v: v.startswith("crisis:") and v != "crisis:overdrachten",
            )
        )
        nav.register(
            NavItem(
                label=_("Crisisoverdrachten"),
                url_name="crisis:overdrachten",
                order=15,
                visible=selectors.ziet_overdrachten,
            )
        )
        # Every five minutes: flag running norm clocks at the set share and when passed (outbox,
        # idempotent per case, norm and level).
        register_schedule("crisis-normen-bewaken", task="jeugdketen.crisis.tasks.normen_bewaken", schedule=300.0)
