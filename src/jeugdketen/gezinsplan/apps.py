from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GezinsplanConfig(AppConfig):
    name = "jeugdketen.gezinsplan"
    label = "gezinsplan"
    verbose_name = _("Gezinsplan")

    def ready(self) -> None:
        from jeugdketen.core import werk

        from . import selectors, werklijst

        selectors.register_scopes()
        werk.register(werklijst.mijn_gezinnen, order=10)
