"""Fixed-window counters in the database: the fallback of a rate limit while the cache is down.

`tel(name, window)` adds one to the counter of `name` in the current window (of `window`
seconds) and returns the new total. Concurrent calls are counted exactly (an UPDATE … + 1 under
the row lock, or the unique insert of the first). Expired windows are removed as new ones start.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Teller


def tel(name: str, window: int) -> tuple[int, float]:
    """Count one more for `name` in the current window; return (total, seconds left in window)."""
    now = time.time()
    start = int(now // window) * window
    key = f"{name}:{start}"[:200]
    with transaction.atomic():
        if not Teller.objects.filter(sleutel=key).update(aantal=F("aantal") + 1):
            expires = timezone.now() + dt.timedelta(seconds=window)
            try:
                with transaction.atomic():
                    Teller.objects.create(sleutel=key, aantal=1, verloopt=expires)
            except IntegrityError:  # another request created it first
                Teller.objects.filter(sleutel=key).update(aantal=F("aantal") + 1)
            else:
                Teller.objects.filter(verloopt__lt=timezone.now()).delete()
        total = Teller.objects.values_list("aantal", flat=True).get(sleutel=key)
    return total, start + window - now
