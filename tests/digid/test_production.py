"""Outside the demo and the tests the mock DigiD does not exist: its URLs answer 404 and its
backend is not configured, whatever the environment says; the real DigiD needs its settings."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import clear_url_caches

from tests.conftest import login
from tests.test_deploy import production_env

from .saml import write_files

MOCK_BACKEND = "jeugdketen.digid.backends.MockDigiDBackend"
REAL_BACKEND = "jeugdketen.digid.backends.DigiDBackend"
MOCK_URLS = ["/digid/idp/inloggen/", "/digid/idp/inloggen_bsn/"]

PROBE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")
django.setup()
from django.conf import settings
from django.urls import Resolver404, resolve

def view(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}:{getattr(match.func, 'view_class', match.func).__name__}"

paths = ["/digid/idp/inloggen/", "/digid/idp/inloggen_bsn/", "/digid/acs/", "/digid/login/"]
print(json.dumps({
    "mock": settings.DIGID_MOCK,
    "backends": settings.AUTHENTICATION_BACKENDS,
    "views": {path: view(path) for path in paths},
}))
"""


def probe(env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_has_no_mock_whatever_the_environment_says(tmp_path: Path) -> None:
    # Not a setting anyone can turn on: only the demo and the test runner have the mock.
    found = probe(production_env(tmp_path, DIGID_MOCK="1", JEUGDKETEN_DIGID_MOCK="1"))
    assert found["mock"] is False
    assert not any("digid" in backend for backend in found["backends"])
    assert all(view is None for view in found["views"].values())  # no DigiD URL at all without DigiD


def test_production_with_digid_has_the_real_flow_and_no_mock(tmp_path: Path) -> None:
    env = production_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/15", **write_files(tmp_path))
    found = probe(env)
    assert REAL_BACKEND in found["backends"] and MOCK_BACKEND not in found["backends"]
    assert found["views"]["/digid/acs/"] == "digid:acs:AnswerView"
    assert found["views"]["/digid/login/"] == "digid:login:LoginView"
    assert all(found["views"][url] is None for url in MOCK_URLS)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DIGID_ENABLED": "1"}, "DIGID_ENTITY_ID, DIGID_METADATA_FILE"),
        ({"DIGID_ASSURANCE_LEVEL": "midden"}, "DIGID_ASSURANCE_LEVEL must be"),
    ],
)
def test_production_refuses_to_start_with_digid_half_configured(tmp_path: Path, extra: dict, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and message in result.stderr


def test_digid_needs_a_shared_cache(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=production_env(tmp_path, **write_files(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "DIGID_ENABLED needs REDIS_URL" in result.stderr


def _reload_urls() -> None:
    from jeugdketen import urls as root
    from jeugdketen.digid import urls as digid_urls

    importlib.reload(digid_urls)
    importlib.reload(root)
    clear_url_caches()


@pytest.fixture
def production_urls() -> Iterator[None]:
    """This process with DigiD as production without DigiD has it: URLs and backends."""
    backends = [b for b in settings.AUTHENTICATION_BACKENDS if b != MOCK_BACKEND]
    with override_settings(
        DIGID_MOCK=False,
        DIGID_ENABLED=False,
        DIGID_AVAILABLE=False,
        AUTHENTICATION_BACKENDS=backends,
        LOGIN_BACKENDS_WITH_SECOND_FACTOR=[],
    ):
        _reload_urls()
        yield
    _reload_urls()


def test_mock_urls_answer_404_to_a_logged_in_visitor(region: Any, production_urls: None, settings: Any) -> None:
    settings.REQUIRE_2FA = False
    client = login(Client(), "toegang")
    for url in [*MOCK_URLS, "/digid/acs/?bsn=999990019&next=/", "/digid/login/"]:
        assert client.get(url).status_code == 404, url
    page = Client().get("/inloggen/").content.decode()
    assert "Inloggen met DigiD" not in page and 'name="username"' in page
