"""Plain-language check (taalniveau B1) of text professionals write for a family or a youth.

Points out words from the region's jargon list with the plainer word to use, and sentences that
are too long. It only advises: saving is always allowed.

The jargon list is data of a domain app (gezinsplan's `Jargonterm`, maintained in beheer); core
does not know it. An app registers where its list comes from in `AppConfig.ready()`::

    taal.register_jargon(selectors.jargon)   # a callable returning (term, suggestie) pairs

and `check()` reads every registered list at the moment of the check (an edit in beheer counts
at once). A caller may pass its own list instead (`jargon=`), e.g. in a test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_WOORDEN = 20  # B1 guidance: keep sentences short, preferably under 15-20 words

JargonBron = Callable[[], Iterable[tuple[str, str]]]
"""Returns the (term, suggestie) pairs of the active jargon list."""

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[\wÀ-ÿ'-]+")
_bronnen: list[JargonBron] = []


@dataclass(frozen=True)
class Taaltip:
    veld: str
    fragment: str
    advies: str


def register_jargon(bron: JargonBron) -> None:
    """Add a jargon list (idempotent: registering the same callable twice counts once)."""
    if bron not in _bronnen:
        _bronnen.append(bron)


def _patterns(jargon: Iterable[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    return [(s, re.compile(r"(?<![\wÀ-ÿ])" + re.escape(t.lower()) + r"\w*", re.IGNORECASE)) for t, s in jargon]


def check(teksten: Mapping[str, str], *, jargon: Iterable[tuple[str, str]] | None = None) -> list[Taaltip]:
    """Check each labelled text; returns advice per field (empty when all is plain).

    `jargon` defaults to every registered list."""
    pairs = jargon if jargon is not None else [pair for bron in _bronnen for pair in bron()]
    terms = _patterns(pairs)
    tips: list[Taaltip] = []
    for veld, tekst in teksten.items():
        if not tekst:
            continue
        for suggestie, pattern in terms:
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
