from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinnenConfig(AppConfig):
    name = "jeugdketen.gezinnen"
    label = "gezinnen"
    verbose_name = _("Gezinnen, netwerk en toestemming")

    def ready(self) -> None:
        from jeugdketen.core import nav
        from jeugdketen.core.nav import NavItem

        from . import selectors

        selectors.register_scopes()
        from jeugdketen.brp.signalen import overlijden_vastgesteld

        from .brpgegevens import uitnodigingen_stoppen

        overlijden_vastgesteld.connect(uitnodigingen_stoppen, dispatch_uid="gezinnen-overlijden")
        nav.register(
            NavItem(
                label=_("Ons gezinsplan"),
                url_name="gezinnen:mijn_gezin",
                order=10,
                visible=lambda a: a.is_burger,
                current=lambda v: v.startswith(("gezinnen:", "gezinsplan:")),
            )
        )
