"""Redis down (SECURITY F6): pages, login and the API keep working; the API rate limit still
limits (in the database); /health/ready says degraded. Against a real Redis this test starts on
its own port and kills."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from jeugdketen.core import cache as core_cache
from jeugdketen.core.models import Teller
from jeugdketen.demo.generator import DEMO_PASSWORD
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Organisatie
from tests.core.eigen_servers import EigenRedis, eigen_redis

API = "/api/v1/verwijsindex/meldingen/"


@pytest.fixture
def redis_cache(settings: Any, monkeypatch: Any) -> Iterator[EigenRedis]:
    with eigen_redis() as server:
        settings.CACHES = {"default": {"BACKEND": "jeugdketen.core.cache.FailSoftRedisCache", "LOCATION": server.url}}
        settings.REDIS_URL = server.url
        monkeypatch.setattr(core_cache, "RETRY_AFTER", 0.2)
        yield server


def login(client: Client, username: str = "toegang") -> Any:
    return client.post("/inloggen/", {"username": username, "password": DEMO_PASSWORD})


def test_cache_is_used_while_redis_is_up(region: Any, no_2fa: None, redis_cache: EigenRedis) -> None:
    import redis

    client = Client()
    assert login(client).status_code == 302
    assert client.get("/").status_code == 200
    # The session went through the cache in front of the database (cached_db).
    assert redis.Redis.from_url(redis_cache.url).dbsize() > 0


def test_a_logged_in_user_keeps_working_when_redis_dies(region: Any, no_2fa: None, redis_cache: EigenRedis) -> None:
    client = Client()
    assert login(client).status_code == 302
    redis_cache.kill()
    response = client.get("/")
    assert response.status_code == 200  # not a 500, and not logged out (the session is in the DB)
    assert response.wsgi_request.user.username == "toegang"


def test_login_works_with_redis_down(region: Any, no_2fa: None, redis_cache: EigenRedis) -> None:
    redis_cache.kill()
    client = Client()
    assert login(client).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/").wsgi_request.user.is_authenticated


def test_the_api_answers_and_the_rate_limit_still_limits(region: Any, settings: Any, redis_cache: EigenRedis) -> None:
    settings.API_SLEUTEL_RATE = "3/min"
    _row, key = issue_key(organisatie=Organisatie.objects.get(naam__startswith="Toegangsteam"), systeem="T", by=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    redis_cache.kill()
    assert [api.get(API).status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get(API)
    assert limited.status_code == 429  # fail closed: counted in the database, never unlimited
    assert int(limited["Retry-After"]) >= 1
    assert Teller.objects.get().aantal == 4


def test_the_rate_limit_counts_in_redis_while_it_is_up(region: Any, settings: Any, redis_cache: EigenRedis) -> None:
    settings.API_SLEUTEL_RATE = "2/min"
    _row, key = issue_key(organisatie=Organisatie.objects.get(naam__startswith="Toegangsteam"), systeem="T", by=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [api.get(API).status_code for _ in range(3)] == [200, 200, 429]
    assert not Teller.objects.exists()


def test_health_ready_says_degraded(db: Any, redis_cache: EigenRedis) -> None:
    assert Client().get("/health/ready").json()["status"] == "ok"
    redis_cache.kill()
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "queue": "down", "cache": "down"}}


def test_redis_coming_back_is_used_again(region: Any, no_2fa: None, redis_cache: EigenRedis) -> None:
    import time

    redis_cache.kill()
    client = Client()
    assert login(client).status_code == 302
    redis_cache.start()  # same port
    time.sleep(0.3)  # the circuit's retry interval in this test
    assert Client().get("/health/ready").json()["status"] == "ok"
    assert client.get("/").status_code == 200


def test_one_redis_client_serves_every_call_and_reconnects_after_a_restart(
    region: Any, no_2fa: None, redis_cache: EigenRedis
) -> None:
    import time

    import redis
    from django.core.cache import caches

    made: list[object] = []
    original = redis.Redis.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        original(self, *args, **kwargs)

    cache = caches["default"]
    cache.set("a", 1)
    redis.Redis.__init__ = counting  # type: ignore[method-assign]
    try:
        for n in range(5):
            cache.set(f"k{n}", n)
            assert cache.get(f"k{n}") == n
        assert made == []  # no client built per call (issue 16: one was, for every call)
        # The shared client takes a new connection from its pool when Redis comes back.
        redis_cache.kill()
        assert cache.get("k1") is None  # a miss, not an error
        redis_cache.start()  # same port, empty
        time.sleep(0.3)  # the circuit's retry interval in this test
        cache.set("weer", "terug")
        assert cache.get("weer") == "terug"
    finally:
        redis.Redis.__init__ = original  # type: ignore[method-assign]
    assert redis.Redis.from_url(redis_cache.url).get(cache.make_and_validate_key("weer")) is not None
