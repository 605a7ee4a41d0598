"""Test data for the DigiD tests: the family factories of gezinnen, and BSNs that are known
(the same row every run) so a test can ask DigiD's stand-in for exactly that person."""

from __future__ import annotations

from tests.gezinnen.factories import GezinslidFactory

__all__ = ["GezinslidFactory", "valid_bsn"]


def valid_bsn(n: int) -> str:
    """The n-th of a row of fictitious BSNs (999 range) that pass the 11-test."""
    for body in (99980000 + 2 * n, 99980000 + 2 * n + 1):  # one of two neighbours always has a check digit
        digits = str(body)
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return digits + str(check)
    raise AssertionError("unreachable")
