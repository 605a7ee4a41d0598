"""Slowing down guessing at one account from many addresses, without locking its owner out (C3).

Axes locks the (username, address, browser) combination after AXES_FAILURE_LIMIT failures, so
somebody elsewhere cannot lock a professional out by typing wrong passwords. Against a guesser
who changes address, the account as a whole is slowed down: once it has AXES_ACCOUNT_SLOWDOWN_AFTER
failures within the cool-off period, a login from an address the account never logged in from
must wait ACCOUNT_SLOWDOWN_SECONDS after the account's last failure. An address the owner did log
in from before (axes' access log of successful logins) is not slowed down.
"""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

ACCOUNT_SLOWDOWN_SECONDS = 30


def wachttijd(username: str, ip: str) -> int:
    """Seconds this login attempt must still wait (0: go ahead)."""
    if not username:
        return 0
    after = int(getattr(settings, "AXES_ACCOUNT_SLOWDOWN_AFTER", 10))
    since = timezone.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (totals["failures"] or 0) < after or totals["last"] is None:
        return 0
    if AccessLog.objects.filter(username=username, ip_address=ip).exists():
        return 0  # the owner's own address
    left = ACCOUNT_SLOWDOWN_SECONDS - (timezone.now() - totals["last"]).total_seconds()
    return max(0, int(left + 0.999))
