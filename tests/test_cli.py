"""The `jeugdketen` command behaves like a command: help instead of a traceback or a server, and a
missing SECRET_KEY ends `serve` at once with one clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .test_deploy import production_env, run


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["help"]])
def test_without_arguments_or_with_help_it_prints_the_commands(tmp_path: Path, args: list[str]) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]  # help needs no settings at all
    result = run(args, env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for command in ("jeugdketen demo", "jeugdketen serve", "jeugdketen seed"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["serve", "demo", "seed"])
def test_help_of_a_subcommand_prints_help_and_starts_nothing(tmp_path: Path, command: str) -> None:
    started = time.monotonic()
    result = run([command, "--help"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"Gebruik: jeugdketen {command}" in result.stdout
    assert "gunicorn" not in result.stderr.lower() and "Booting worker" not in result.stderr
    assert time.monotonic() - started < 20


def test_serve_without_secret_key_stops_at_once_with_a_message(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = run(["serve"], env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Booting worker" not in result.stderr  # no server was started
    assert "jeugdketen serve: SECRET_KEY must be set" in result.stderr
    assert "export SECRET_KEY" in result.stderr


def test_packaging_metadata_builds_without_deprecation_warnings() -> None:
    """`make demo` installs the project; its metadata must not make setuptools print a page of
    warnings (a licence given as a table is deprecated: it is an SPDX string)."""
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert isinstance(project["project"]["license"], str)
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])
