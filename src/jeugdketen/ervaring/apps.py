from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringConfig(AppConfig):
    name = "jeugdketen.ervaring"
    label = "ervaring"
    verbose_name = _("Ervaring van gezinnen")

    def ready(self) -> None:
        from jeugdketen.core import nav, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.gezinsplan import uitbreidingen as gezinsplan_uitbreidingen

        from . import selectors, services, werklijst

        selectors.register_scopes()
        gezinsplan_uitbreidingen.register_na_evaluatie(services.uitnodigen_na_evaluatie)
        werk.register(werklijst.mijn_uitnodigingen, order=5)
        nav.register(
            NavItem(label=_("Ervaring"), url_name="ervaring:cijfers", order=61, visible=selectors.mag_cijfers_zien)
        )
