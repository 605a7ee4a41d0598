"""Plain-language check (taalniveau B1) of text professionals write in the plan.

Points out words from the region's jargon list (Jargonterm, maintained in beheer) with the plainer
word to use, and sentences that are too long. It only advises: saving is always allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Jargonterm

MAX_WOORDEN = 20  # B1 guidance: keep sentences short, preferably under 15-20 words

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[\wÀ-ÿ'-]+")


@dataclass(frozen=True)
class Taaltip:
    veld: str
    fragment: str
    advies: str


def _terms() -> list[tuple[str, str, re.Pattern[str]]]:
    rows = Jargonterm.objects.filter(actief=True).values_list("term", "suggestie")
    return [(t, s, re.compile(r"(?<![\wÀ-ÿ])" + re.escape(t.lower()) + r"\w*", re.IGNORECASE)) for t, s in rows]


def check(teksten: dict[str, str]) -> list[Taaltip]:
    """Check each labelled text; returns advice per field (empty when all is plain)."""
    terms = _terms()
    tips: list[Taaltip] = []
    for veld, tekst in teksten.items():
        if not tekst:
            continue
        for _term, suggestie, pattern in terms:
            match = pattern.search(tekst)
            if match:
                tips.append(Taaltip(veld, match.group(0), _("Zeg liever: “{suggestie}”.").format(suggestie=suggestie)))
        for sentence in _SENTENCE.findall(tekst):
            words = _WORD.findall(sentence)
            if len(words) > MAX_WOORDEN:
                fragment = " ".join(words[:8]) + " …"
                tips.append(
                    Taaltip(
                        veld,
                        fragment,
                        _(
                            "Deze zin heeft {n} woorden. Maak er twee of meer korte zinnen van (liefst onder de {max})."
                        ).format(n=len(words), max=MAX_WOORDEN),
                    )
                )
    return tips
