"""Date rules of the index: who is a youth (art. 7.1.1.1), removal terms (art. 7.1.4.5), archive
terms (art. 7.1.4.6), whom to inform (art. 7.1.5.1). Pure functions, no database.

The dates come from `core.kalender`. The 23rd birthday, the two years and the five years are
storage limits here, so they use its storage-term rule (`einde_termijn`: 29 February + n years is
28 February, never later); the informing age bands (12, 16) are ages (`leeftijd`). A youth whose
registration would be removed on the day itself is refused as "23 or older"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core import kalender

from .models import Informeren, Verwijderreden

MAX_LEEFTIJD = 23
MELDING_JAREN = 2
ARCHIEF_JAREN = 5


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
    verjaardag_23 = kalender.einde_termijn(geboortedatum, jaren=MAX_LEEFTIJD)
    if verjaardag_23 <= gemeld_op:
        raise ValidationError(
            _("Deze jongere is 23 jaar of ouder. De verwijsindex is alleen voor jongeren onder 23 jaar."),
            code="te_oud",
        )
    age = kalender.leeftijd(geboortedatum, gemeld_op)
    twee_jaar = kalender.einde_termijn(gemeld_op, jaren=MELDING_JAREN)
    if verjaardag_23 <= twee_jaar:
        verwijderdatum, reden = verjaardag_23, Verwijderreden.LEEFTIJD_23
    else:
        verwijderdatum, reden = twee_jaar, Verwijderreden.TERMIJN
    uiterste = min(verjaardag_23, kalender.einde_termijn(twee_jaar, jaren=ARCHIEF_JAREN))
    if age < 12:
        informeren = Informeren.OUDERS
    elif age < 16:
        informeren = Informeren.JONGERE_EN_OUDERS
    else:
        informeren = Informeren.JONGERE
    return Termijnen(verwijderdatum, reden, uiterste, informeren)


def archief_tot(*, verwijderd: date, uiterste_datum: date) -> date:
    """Five years after removal, never past the 23rd birthday (art. 7.1.4.6)."""
    return min(kalender.einde_termijn(verwijderd, jaren=ARCHIEF_JAREN), uiterste_datum)
