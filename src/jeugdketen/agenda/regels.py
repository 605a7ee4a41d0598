"""Pure rules of the policy agenda, without database access: the indicator codes a goal or an
activity may name, the statuses an activity can have in a year, and which years a form offers.

The indicator codes are the monitor's stable codes (issue #13, point 1). The agenda does not import
the monitor: it keeps the list of codes and their names here and validates against it; the figure
itself comes through `agenda.uitbreidingen` when a source is registered.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

INDICATOREN: dict[str, StrPromise] = {
    "jeugdhulp_per_1000": _("Jeugdigen met jeugdhulp per 1.000 jeugdigen"),
    "jeugdhulp_pct": _("Jeugdigen met jeugdhulp (% van de jeugdigen tot 18 jaar)"),
    "jeugdbescherming_pct": _("Jeugdigen met jeugdbescherming (% van de jeugdigen tot 18 jaar)"),
    "jeugdreclassering_pct": _("Jongeren met jeugdreclassering (% van de 12- tot 23-jarigen)"),
    "pleegzorg_aandeel": _("Aandeel pleegzorg van alle jeugdigen in verblijf"),
    "residentieel": _("Jeugdigen in residentiële jeugdhulp"),
    "jeugdzorgplus": _("Jeugdigen in jeugdzorgplus"),
    "kleinschalig_aandeel": _("Aandeel kleinschalig verblijf"),
    "pleegzorg_voortijdig": _("Voortijdig beëindigde pleegzorgplaatsingen"),
    "verwijzingen_specialistisch": _("Verwijzingen naar gespecialiseerde jeugdhulp"),
    "verwijzer_aandeel": _("Aandeel verwijzingen per verwijzer"),
    "ots_aantal": _("Aantal ondertoezichtstellingen"),
    "ots_mediane_duur": _("Mediane duur van een ondertoezichtstelling"),
    "thuiszitters": _("Thuiszitters langer dan 3 maanden zonder aanbod"),
    "toekomstplan_dekking": _("Jongeren vanaf 16,5 jaar in zorg met een toekomstplan"),
    "een_plan_een_regisseur": _("Gezinnen met meerdere organisaties met één plan en één regisseur"),
    "crisis_binnen_norm": _("Crises binnen de normen afgehandeld"),
    "wachttijd_binnen_norm": _("Wachttijden binnen de norm"),
    "plaatsen_vrij_bezet": _("Vrije en bezette plaatsen"),
    "verwijsindex_gebruik": _("Gebruik van de verwijsindex"),
    "ervaring": _("Ervaring van gezinnen (kernwaarden)"),
}


def indicator_naam(code: str) -> str:
    return str(INDICATOREN.get(code, code))


def is_indicator(code: str) -> bool:
    return code in INDICATOREN


class Status(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Niet gestart")
    LOOPT = "loopt", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


class AdviesSoort(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Gevraagd advies")
    ONGEVRAAGD = "ongevraagd", _("Ongevraagd advies")


class Adviseur(models.TextChoices):
    JONGERENPANEL = "jongerenpanel", _("Jongerenpanel")
    OUDERS = "ouders", _("Ouders en verzorgers")


class Puntsoort(models.TextChoices):
    AANPAK = "aanpak", _("Wat gaan we doen")
    MIJLPAAL = "mijlpaal", _("Mijlpaal")
    DOEL = "doel", _("Doel 2022")


def standaardjaar(jaar_van: int, jaar_tot: int, vandaag_jaar: int) -> int:
    """The year an agenda page opens on: this year inside the agenda's period, else its nearest end."""
    return min(max(vandaag_jaar, jaar_van), jaar_tot)
