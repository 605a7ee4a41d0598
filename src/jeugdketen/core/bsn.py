"""The BSN value type: validated by the 11-test (python-stdnum), never logged or put in a URL."""

from __future__ import annotations

import random
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn


def validate_bsn(value: str) -> str:
    """Return the compact BSN or raise a plain-Dutch ValidationError."""
    # Spaces, dots and dashes are how people write it; padding with zeros (as stdnum's compact
    # does) would turn a typo of too few digits into a different, wrong number.
    compact = re.sub(r"[\s.\-]", "", value or "")
    if not compact.isdigit() or len(compact) != 9:
        raise ValidationError(_("Een BSN heeft 9 cijfers. Controleer het nummer."), code="bsn_lengte")
    try:
        return str(stdnum_bsn.validate(compact))
    except StdnumError:
        raise ValidationError(
            _("Dit BSN bestaat niet: het klopt niet met de controle (11-proef). Controleer het nummer."),
            code="bsn_11proef",
        ) from None


def is_valid_bsn(value: str) -> bool:
    """Whether `value` is a BSN by the same rule as `validate_bsn` (9 digits, the 11-test), for
    checks that report rather than raise (an incoming iJw message's rule CS002)."""
    try:
        validate_bsn(value)
    except ValidationError:
        return False
    return True


def fictitious_bsn(rng: random.Random) -> str:
    """A BSN that passes the 11-test in the 999xxxxxx range the BRP uses for test persons."""
    while True:
        body = "999" + "".join(str(rng.randrange(10)) for _ in range(5))
        total = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:  # with weight -1 the last digit must equal the remainder
            return body + str(check)


def mask(value: str) -> str:
    """Show only the last three digits, e.g. on screens that confirm which youth is meant."""
    return "******" + value[-3:] if value else ""
