"""Notifications outbox: write in the caller's transaction, deliver later by the worker.

`notify()` writes the rows; after commit it asks the queue to relay them, but the relay also runs
on a schedule (Celery beat), so a queue that is down when the commit lands loses nothing.
E-mails never carry personal data: a fixed "there is news" text and a link into the app.
Every link is a path of one of the app's own pages: build it with `reverse()`; `notify()` refuses
one that does not resolve, so a renamed URL breaks a test instead of a mail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Kanaal, Notificatie, OutboxBericht, OutboxStatus

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def app_link(link: str) -> str:
    """`link` if it is a path of a page of this app (query and #fragment allowed), else ValueError:
    a notification may not point outside the app, nor at a page that does not exist."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise ValueError(f"a notification links to a page of the app, not {link[:80]!r}")
    try:
        resolve(parts.path)
    except Resolver404:
        raise ValueError(f"notification link {parts.path[:80]!r} does not resolve; build it with reverse()") from None
    return link


@dataclass(frozen=True)
class Bericht:
    """One notification for `notify_many` (the arguments of `notify`)."""

    ontvanger: AbstractBaseUser
    soort: str
    titel: str
    dedupe_key: str
    link: str = ""
    email: bool = True


def notify(
    *, ontvanger: AbstractBaseUser, soort: str, titel: str, link: str = "", dedupe_key: str, email: bool = True
) -> None:
    """Queue an in-app notification (and an e-mail if the recipient has an address).

    `dedupe_key` makes it idempotent: the same news for the same person is queued once.
    `titel` must not contain personal data (it is shown in the app, not mailed).
    `link` is a `reverse()`d path of the app's own pages (checked by `app_link`), or empty.
    """
    notify_many([Bericht(ontvanger=ontvanger, soort=soort, titel=titel, link=link, dedupe_key=dedupe_key, email=email)])


def notify_many(berichten: Iterable[Bericht]) -> None:
    """Queue several notifications (every recipient of one event) in one statement.

    One `INSERT … ON CONFLICT DO NOTHING` on the unique `dedupe_key` for all rows and channels
    (was a get-or-create with a savepoint per recipient and channel: four statements each). The
    same idempotency: a row whose key exists, committed or in a concurrent transaction (the
    INSERT waits for it), is left alone, so a retried or concurrent event queues each message
    once; within one call the first message with a key wins, as with repeated `notify` calls.
    """
    now = timezone.now()
    rows: dict[str, OutboxBericht] = {}
    for b in berichten:
        if b.link:
            app_link(b.link)
        kanalen = [Kanaal.IN_APP]
        if b.email and bool(getattr(b.ontvanger, "email", None)):
            kanalen.append(Kanaal.EMAIL)
        for kanaal in kanalen:
            key = f"{b.dedupe_key}:{kanaal}:{b.ontvanger.pk}"
            rows.setdefault(
                key,
                OutboxBericht(
                    dedupe_key=key,
                    ontvanger_id=b.ontvanger.pk,
                    kanaal=kanaal,
                    soort=b.soort,
                    titel=b.titel[:200],
                    link=b.link,
                    volgende_poging=now,
                ),
            )
    if not rows:
        return
    OutboxBericht.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    transaction.on_commit(_kick_relay)


def _kick_relay() -> None:
    from .tasks import relay_outbox

    try:
        relay_outbox.delay()
    except Exception:  # noqa: BLE001 - a down broker must not fail the user's action
        logger.warning("queue unavailable; outbox will be relayed by the scheduled run")


def pending(now: datetime | None = None) -> QuerySet[OutboxBericht]:
    now = now or timezone.now()
    return OutboxBericht.objects.filter(status=OutboxStatus.PENDING, volgende_poging__lte=now)


def deliver(bericht_id: int) -> bool:
    """Deliver one outbox row; idempotent. Returns True when delivered (now or before)."""
    with transaction.atomic():
        qs = (
            OutboxBericht.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("ontvanger")
            .filter(pk=bericht_id)
        )
        bericht = qs.first()
        if bericht is None:
            return False  # another worker holds it
        if bericht.status == OutboxStatus.DELIVERED:
            return True
        try:
            if bericht.kanaal == Kanaal.IN_APP:
                _deliver_in_app(bericht)
            else:
                _deliver_email(bericht)
        except Exception as exc:  # noqa: BLE001 - any delivery failure is retried later
            bericht.pogingen += 1
            backoff = min(timedelta(seconds=30 * 2 ** min(bericht.pogingen, 10)), MAX_BACKOFF)
            bericht.volgende_poging = timezone.now() + backoff
            bericht.laatste_fout = type(exc).__name__[:300]
            bericht.save(update_fields=["pogingen", "volgende_poging", "laatste_fout"])
            logger.warning("outbox delivery failed (attempt %s): %s", bericht.pogingen, type(exc).__name__)
            return False
        bericht.status = OutboxStatus.DELIVERED
        bericht.afgeleverd = timezone.now()
        bericht.pogingen += 1
        bericht.save(update_fields=["status", "afgeleverd", "pogingen"])
        return True


def _deliver_in_app(bericht: OutboxBericht) -> None:
    try:
        with transaction.atomic():
            Notificatie.objects.create(
                ontvanger_id=bericht.ontvanger_id,
                bron=bericht,
                soort=bericht.soort,
                titel=bericht.titel,
                link=bericht.link,
            )
    except IntegrityError:
        pass  # already delivered by an earlier attempt: the consumer is idempotent


def _deliver_email(bericht: OutboxBericht) -> None:
    url = settings.SITE_URL.rstrip("/") + (bericht.link or "/")
    send_mail(
        subject=_("Er is nieuws voor u in Jeugdketen"),
        message=_(
            "Er is nieuws voor u in Jeugdketen.\n\nLog in om het te bekijken: {url}\n\n"
            "Deze e-mail bevat bewust geen persoonlijke gegevens."
        ).format(url=url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[bericht.ontvanger.email],
        fail_silently=False,
    )


def relay(limit: int = 500) -> int:
    """Deliver due rows; returns how many were delivered."""
    ids = list(pending().order_by("volgende_poging").values_list("id", flat=True)[:limit])
    return sum(1 for bericht_id in ids if deliver(bericht_id))
