"""Production settings: `check --deploy` is clean, and missing secrets stop the start."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings

from jeugdketen.demo.generator import DEMO_PASSWORD


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "jeugdketen.example.nl",
        "JEUGDKETEN_DATA_DIR": str(tmp_path),
        "JEUGDKETEN_NODE_MODULES": str(settings.NODE_MODULES),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "from jeugdketen.cli import main; import sys; sys.argv = ['jeugdketen', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_reports_nothing_with_production_settings(tmp_path: Path) -> None:
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = run(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_defaults_are_strict(tmp_path: Path) -> None:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'jeugdketen.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.REQUIRE_2FA, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=production_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True", "31536000", "False"], result.stderr


def test_the_second_factor_cannot_be_switched_off_outside_the_demo(tmp_path: Path) -> None:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'jeugdketen.settings'); django.setup();"
        "from django.conf import settings as s; print(s.REQUIRE_2FA)"
    )
    env = production_env(tmp_path, JEUGDKETEN_REQUIRE_2FA="0")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr
    demo = production_env(tmp_path, JEUGDKETEN_DEMO="1")
    result = subprocess.run([sys.executable, "-c", code], env=demo, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_cookies_get_the_host_prefix_where_they_are_secure(tmp_path: Path) -> None:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'jeugdketen.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_PATH, s.CSRF_COOKIE_DOMAIN)"
    )

    def names(**extra: str) -> list[str]:
        env = production_env(tmp_path, **extra)
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        return result.stdout.split() or [result.stderr]

    # a browser takes a __Host- cookie only with Secure, Path=/ and no Domain
    assert names() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "/", "None", "/", "None"]
    # the local http demo keeps working: plain names, no Secure
    assert names(JEUGDKETEN_DEMO="1")[:4] == ["sessionid", "csrftoken", "False", "False"]


def test_a_login_over_https_sets_host_prefixed_cookies(region: Any, settings: Any) -> None:
    from django.test import Client

    settings.REQUIRE_2FA = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
    client = Client(enforce_csrf_checks=True)
    client.get("/inloggen/", secure=True)
    token = client.cookies["__Host-csrftoken"].value
    response = client.post(
        "/inloggen/",
        {"username": "toegang", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_REFERER="https://testserver/inloggen/",
    )
    assert response.status_code == 302
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        morsel = client.cookies[name]
        assert morsel["secure"] and morsel["path"] == "/" and not morsel["domain"], name
    assert client.cookies["__Host-sessionid"]["httponly"]
    assert client.get("/", secure=True).status_code == 200


def test_the_server_keeps_an_idle_proxy_connection_open_longer_than_a_few_seconds(tmp_path: Path) -> None:
    """A proxy (nginx in deploy/cluster.py) reuses idle upstream connections for up to 60 s. With
    gunicorn's own 2 s the server closed them first, and a request the proxy sent on one just as
    it closed was reset: under load one node was marked failed for a reset it did not cause."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = production_env(
        tmp_path, BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", GUNICORN_THREADS="2", SECURE_SSL_REDIRECT="0"
    )
    code = "from jeugdketen.cli import main; import sys; sys.argv = ['jeugdketen', 'serve']; main()"
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/health/live", headers={"Host": "jeugdketen.example.nl"})
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
                time.sleep(0.2)
        first = connection.getresponse()
        first.read()
        assert first.status == 200 and not first.will_close
        time.sleep(3.5)  # longer than gunicorn's default keep-alive of 2 s
        connection.request("GET", "/health/live", headers={"Host": "jeugdketen.example.nl"})
        second = connection.getresponse()  # on the same socket: http.client does not reconnect
        assert second.status == 200
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
