"""Pure rules of family experience, without database access.

* The six core values the region's families formulated (seed 004, "Kernwaarden"), in their words.
* Who is invited after a plan evaluation: parents and carers, and youths who are 12 or older on
  the day of the evaluation (core.kalender's age rule: a 29 February birthday counts on 1 March).
* The smallest group whose remarks policy staff may read (remarks are free text and could
  identify someone; see docs/ervaring.md).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from jeugdketen.core import kalender

# (field name, the core value as the families wrote it)
KERNWAARDEN: list[tuple[str, StrPromise]] = [
    ("luister", _("Luister naar me")),
    ("eerlijk", _("Ben eerlijk tegen me")),
    ("oordeel", _("Oordeel niet over me")),
    ("mogelijkheden", _("Zie mijn mogelijkheden")),
    ("kiezen", _("Help me kiezen")),
    ("naast", _("Sta naast me")),
]
VELDEN = [veld for veld, _label in KERNWAARDEN]

SCORE_MIN, SCORE_MAX = 1, 5
JEUGDIGE_VANAF = 12
OPMERKINGEN_VANAF = 10  # answers in a group (municipality × year) before its remarks are shown
MAX_OPMERKING = 1000
CODE_GELDIG_DAGEN = 30  # a code of a member without a login works once, for this many days
CODE_POGINGEN = 30  # tries of the code pages per address per hour


def uitnodigen(*, soort: str, geboortedatum: dt.date | None, op: dt.date) -> bool:
    """Is this family member invited to score, after an evaluation on `op`?"""
    if soort in ("ouder", "verzorger"):
        return True
    if soort == "jeugdige" and geboortedatum is not None:
        return kalender.leeftijd(geboortedatum, op) >= JEUGDIGE_VANAF
    return False


# A one-time code of a member without a login: 16 characters of 31 that cannot be mistaken for
# each other (no 0/O, 1/I/L), about 79 bits, so it cannot be guessed (and the pages answer at
# most CODE_POGINGEN tries an hour per address). Printed in groups of four.
CODE_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 16


def code_normaal(code: str) -> str:
    """A code as typed ("abcd-efgh jkmn pqrs") in its one form ("ABCDEFGHJKMNPQRS")."""
    return "".join(c for c in code.upper() if c.isascii() and c.isalnum())


def code_leesbaar(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
