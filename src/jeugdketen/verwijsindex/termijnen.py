"""Date rules of the index: who is a youth (art. 7.1.1.1), removal terms (art. 7.1.4.5), archive
terms (art. 7.1.4.6), whom to inform (art. 7.1.5.1). Pure functions, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Informeren, Verwijderreden

MAX_LEEFTIJD = 23
MELDING_JAREN = 2
ARCHIEF_JAREN = 5


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February (never later)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def leeftijd(geboortedatum: date, op: date) -> int:
    years = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        years -= 1
    return years


@dataclass(frozen=True)
class Termijnen:
    verwijderdatum: date
    automatische_reden: str
    uiterste_datum: date
    informeren: str


def termijnen(*, geboortedatum: date, gemeld_op: date) -> Termijnen:
    """Check the youth's age and compute the dates stored instead of the birth date."""
    if geboortedatum > gemeld_op:
        raise ValidationError(_("De geboortedatum ligt in de toekomst. Controleer de datum."), code="toekomst")
    age = leeftijd(geboortedatum, gemeld_op)
    if age >= MAX_LEEFTIJD:
        raise ValidationError(
            _("Deze jongere is 23 jaar of ouder. De verwijsindex is alleen voor jongeren onder 23 jaar."),
            code="te_oud",
        )
    verjaardag_23 = add_years(geboortedatum, MAX_LEEFTIJD)
    twee_jaar = add_years(gemeld_op, MELDING_JAREN)
    if verjaardag_23 <= twee_jaar:
        verwijderdatum, reden = verjaardag_23, Verwijderreden.LEEFTIJD_23
    else:
        verwijderdatum, reden = twee_jaar, Verwijderreden.TERMIJN
    uiterste = min(verjaardag_23, add_years(twee_jaar, ARCHIEF_JAREN))
    if age < 12:
        informeren = Informeren.OUDERS
    elif age < 16:
        informeren = Informeren.JONGERE_EN_OUDERS
    else:
        informeren = Informeren.JONGERE
    return Termijnen(verwijderdatum, reden, uiterste, informeren)


def archief_tot(*, verwijderd: date, uiterste_datum: date) -> date:
    """Five years after removal, never past the 23rd birthday (art. 7.1.4.6)."""
    return min(add_years(verwijderd, ARCHIEF_JAREN), uiterste_datum)
