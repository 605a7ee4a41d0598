"""A Redis cache that degrades instead of failing (SECURITY F6).

Django's own Redis backend raises on every call while Redis is down, which turned every page,
the login and the API into a 500 (sessions are `cached_db`: the session is in the database, but
the cache call in front of it raised). This backend treats Redis as what it is here, a cache:

* an error counts as a miss (`get` → default) or a no-op (`set`, `delete`), and is logged once;
* after an error the circuit stays open for `RETRY_AFTER` seconds, so a dead Redis costs no
  connect time per call; then one call tries again;
* a security control that counts in the cache (the API rate limit) must not silently become
  "unlimited": inside `strict()` every call raises `CacheUnavailable` instead, and the control
  falls back to the database (`jeugdketen.core.teller`).

`cache_status()` feeds `/health/ready` ("degraded" while the circuit is open).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_AFTER = 5.0  # seconds the circuit stays open after an error
_local = threading.local()


class CacheUnavailable(Exception):
    """The cache could not answer (only raised inside `strict()`)."""


@contextmanager
def strict() -> Iterator[None]:
    """Within this block cache errors raise `CacheUnavailable` instead of counting as a miss."""
    previous = getattr(_local, "strict", False)
    _local.strict = True
    try:
        yield
    finally:
        _local.strict = previous


class _EenClientPerPool(RedisCacheClient):
    """Django's client, with one `redis.Redis` per connection pool instead of a new one for every
    cache call: redis-py sets up its response callbacks in each new client (0.1–0.25 ms, as much as
    the round trip itself), and every page reads its session through the cache (issue 16). A
    redis-py client holds no connection of its own (it takes one from the pool per command), and
    Django keeps a cache object per thread, so sharing it changes nothing else."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own attributes, which its type stubs leave out.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache; an outage is a miss, never an exception (except inside `strict()`)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        # A dead or unreachable Redis must cost milliseconds, not the default blocking connect.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _EenClientPerPool
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._open_until

    def _guard(self, call: Callable[[], T], fallback: T) -> T:
        if not self.available:
            if getattr(_local, "strict", False):
                raise CacheUnavailable
            return fallback
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - redis raises ConnectionError, TimeoutError, ResponseError…
            with self._lock:
                was_closed = self.available
                self._open_until = time.monotonic() + RETRY_AFTER
            if was_closed:
                logger.warning("cache unavailable, continuing without it: %s", type(exc).__name__)
            if getattr(_local, "strict", False):
                raise CacheUnavailable from exc
            return fallback

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(lambda: super(FailSoftRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._guard(lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(FailSoftRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._guard(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        def call() -> int:
            return super(FailSoftRedisCache, self).incr(key, delta, version)

        if getattr(_local, "strict", False):
            return self._guard(call, 0)
        # Outside strict() an increment that cannot happen is a missing key, as Django says.
        result = self._guard(call, None)
        if result is None:
            raise ValueError(f"Key '{key}' not found")
        return result

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._guard(lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._guard(lambda: super(FailSoftRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._guard(lambda: super(FailSoftRedisCache, self).clear(), None)


def cache_status(alias: str = "default") -> str:
    """'ok', 'down' (Redis does not answer) or 'local' (no shared cache configured)."""
    cache = caches[alias]
    if not isinstance(cache, FailSoftRedisCache):
        return "local"
    try:
        with strict():
            cache.has_key("jeugdketen:health")
    except CacheUnavailable:
        return "down"
    return "ok"
