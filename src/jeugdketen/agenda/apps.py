from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "jeugdketen.agenda"
    label = "agenda"
    verbose_name = _("Beleidsagenda")

    def ready(self) -> None:
        from jeugdketen.core import nav
        from jeugdketen.core.nav import NavItem
        from jeugdketen.core.rollen import Rol

        nav.register(
            NavItem(
                label=_("Beleidsagenda"),
                url_name="agenda:overzicht",
                order=60,
                visible=lambda a: a.has_role(Rol.BELEID),
                current=lambda v: v.startswith("agenda:"),
            )
        )
