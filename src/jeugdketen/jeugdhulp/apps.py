from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JeugdhulpConfig(AppConfig):
    name = "jeugdketen.jeugdhulp"
    label = "jeugdhulp"
    verbose_name = _("Jeugdhulp")

    def ready(self) -> None:
        from jeugdketen.core import nav, werk
        from jeugdketen.core.nav import NavItem
        from jeugdketen.gezinsplan import uitbreidingen as gezinsplan_uitbreidingen

        from . import selectors, werklijst

        selectors.register_scopes()
        gezinsplan_uitbreidingen.register(selectors.koppelingen_voor_gezinsplan)
        nav.register(
            NavItem(
                label=_("Jeugdhulp"),
                url_name="jeugdhulp:trajecten",
                order=25,
                visible=lambda a: selectors.is_toegang(a) or selectors.is_gi(a) or selectors.is_aanbieder(a),
                current=lambda v: (
                    v.startswith("jeugdhulp:") and not v.startswith(("jeugdhulp:thuiszitter", "jeugdhulp:mijn"))
                ),
            )
        )
        nav.register(
            NavItem(
                label=_("Thuiszitters"),
                url_name="jeugdhulp:thuiszitters",
                order=26,
                visible=selectors.is_melder,
                current=lambda v: v.startswith("jeugdhulp:thuiszitter"),
            )
        )
        nav.register(
            NavItem(
                label=_("Hulp en besluiten"),
                url_name="jeugdhulp:mijn",
                order=11,
                visible=lambda a: a.is_burger,
            )
        )
        werk.register(werklijst.wachten_boven_norm, order=50)
        werk.register(werklijst.bijna_18, order=51)
        werk.register(werklijst.thuiszitters_zonder_aanbod, order=52)
        werk.register(werklijst.maatregelen_boven_normduur, order=53)
