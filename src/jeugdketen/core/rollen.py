"""Roles a professional can hold in an organisation. They live in core because the access policy
(core/access.py) decides on them; organisaties stores who holds which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    HULPVERLENER = "hulpverlener", _("Hulpverlener (werkt met gezinnen)")
    MELDINGSBEVOEGD = "meldingsbevoegd", _("Meldingsbevoegd in de verwijsindex")
    TRIAGE = "triage", _("Crisisdienst: melding en triage")
    FUNCTIONEEL_BEHEER = "functioneel_beheer", _("Functioneel beheer verwijsindex")
    BELEID = "beleid", _("Beleidsmedewerker")
    APPLICATIEBEHEER = "applicatiebeheer", _("Applicatiebeheer")
    LOGBEHEER = "logbeheer", _("Logbeheer en privacy")
    BURGER = "burger", _("Gezin of netwerk")
