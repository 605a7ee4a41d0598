"""Production settings: `check --deploy` is clean, and missing secrets stop the start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


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
