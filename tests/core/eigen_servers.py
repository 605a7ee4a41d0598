"""Servers a fault test starts for itself, on a free port of its own, and stops itself.

Never the machine's shared Redis (6379) or PostgreSQL (5432): killing those would break every
other test run on the machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


@dataclass
class EigenRedis:
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def eigen_redis() -> Iterator[EigenRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = EigenRedis(port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _as_postgres_user(args: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server binaries as the postgres user then."""
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser: cannot start an own PostgreSQL")
    return [runuser, "-u", "postgres", "--", *args]


@dataclass
class EigenPostgres:
    port: int
    datadir: Path
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.datadir.parent / "postgres.log"

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            _as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.log), "-w", *args]),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def init(self) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            _as_postgres_user(
                [str(PG_BIN / "initdb"), "-D", str(self.datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-p {self.port} -k {self.datadir.parent} -c listen_addresses=127.0.0.1 -c fsync=off"
        (self.datadir / "postgresql.auto.conf").write_text("")
        self._options = options

    def start(self) -> None:
        self._ctl("-o", self._options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")


@contextmanager
def eigen_postgres() -> Iterator[EigenPostgres]:
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries are not in {PG_BIN}")
    base = Path(tempfile.mkdtemp(prefix="jk-pg-"))
    os.chmod(base, 0o777)  # noqa: S103 - the postgres user writes its data dir and socket here
    server = EigenPostgres(port=free_port(), datadir=base / "data")
    server.init()
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)
