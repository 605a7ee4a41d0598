from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrpConfig(AppConfig):
    """The BRP adapter (Haal Centraal BRP API Personen): a client and a stand-in. No models."""

    name = "jeugdketen.brp"
    label = "brp"
    verbose_name = _("BRP (Basisregistratie Personen)")
