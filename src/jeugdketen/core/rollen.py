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


# Roles the access log records besides the professional roles above: a system job, no role.
_ANDERE_ROLLEN = {
    "systeem": _("Systeem (automatische taak)"),
    "geen": _("Zonder rol"),
}


def rollen_in_woorden(waarde: str) -> str:
    """The role(s) an access-log row records ('hulpverlener,meldingsbevoegd') as words for people:
    'Hulpverlener (werkt met gezinnen), Meldingsbevoegd in de verwijsindex'. An unknown code is
    shown as it is, so nothing is hidden."""
    labels = dict(Rol.choices) | _ANDERE_ROLLEN
    delen = [deel.strip() for deel in (waarde or "geen").split(",") if deel.strip()]
    return ", ".join(str(labels.get(deel, deel)) for deel in delen)
