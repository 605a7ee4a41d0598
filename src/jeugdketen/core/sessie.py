"""The session store: Django's cached_db, with the sliding idle timeout written at most once a minute.

`SESSION_SAVE_EVERY_REQUEST` keeps the idle timeout sliding (15 minutes from the last request).
Writing the session row on every page cost each page a second commit beside its access-log entry
(issue 16 point 4). A session that did not change is now written only when its last write is
REFRESH_SECONDS or more ago, so the server-side expiry lies between 14 and 15 minutes after the
last request: never later than before, at most a minute earlier. A changed session (login,
logout, a chosen organisation, a message) is written at once, as before."""

from __future__ import annotations

import time

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore

REFRESH_SECONDS = 60
_WRITTEN = "_jk_geschreven"  # when this session was last written (epoch seconds)


class SessionStore(CachedDbStore):
    def save(self, must_create: bool = False) -> None:
        if not must_create and not self.modified and self.session_key is not None:
            written = self.get(_WRITTEN)
            if isinstance(written, int) and 0 <= time.time() - written < REFRESH_SECONDS:
                return
        self[_WRITTEN] = int(time.time())
        super().save(must_create=must_create)
