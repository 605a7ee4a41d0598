"""Two app nodes behind nginx, a streaming replica, a worker and one beat, on loopback; a load;
one node killed mid-load; a report (issue 17 points 3 and 4, docs/operations.md "Two nodes").

    python deploy/cluster.py [--duration 30] [--base-port 18000] [--report report.json] [--keep]

Everything runs on 127.0.0.1 on ports base..base+30, in a temporary folder, and is stopped at the
end (by process group id: only what this script started):

* PostgreSQL primary (initdb, port base+10) and a real streaming replica made with pg_basebackup
  (a hot standby, port base+11), both owned by this script;
* Redis (base+20): cache and Celery broker;
* two app nodes, `jeugdketen serve` (gunicorn, base+1 and base+2), each with its own empty data
  folder, reading monitor reports from the replica (DATABASE_REPLICA_URL);
* nginx (base+0) with a generated configuration: idempotent requests go to the other node when
  one fails (`proxy_next_upstream`), POST and PATCH are never resent;
* one Celery worker and one beat.

The load (threads over HTTP, through nginx): family members reading their plan and posting
reactions (writes), policy staff reading monitor pages and exports, anonymous open-data reads.
A third of the way in, node 2 is killed (SIGKILL: a machine that dies). The report says how many
reads failed (must be 0), whether every confirmed write is in the database, whether the monitor
reads were served by the replica while the primary took the writes, whether the nodes kept any
state, and whether a scheduled entry sent twice ran once. Exit status 0 when all holds.

The app runs in demo mode (JEUGDKETEN_DEMO=1) only so that demo logins need no second factor;
everything else is the production path (gunicorn, PostgreSQL, Redis, Celery).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
READING_THREADS = 4  # the load's readers (run_load)
PG_BIN = Path(os.environ.get("JEUGDKETEN_PG_BIN", "/usr/lib/postgresql/15/bin"))
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
PASSWORD = "jeugdketen-demo"  # noqa: S105 - jeugdketen.demo.generator.DEMO_PASSWORD (demo logins)


def log(message: str) -> None:
    print(f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind: TIME_WAIT is no owner
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(check: Any, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f}s")


def listening(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.3):
        return True


def as_postgres(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: as the postgres user then."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@dataclass
class Cluster:
    base: int
    work: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # ports
    @property
    def nginx_port(self) -> int:
        return self.base

    def node_port(self, n: int) -> int:
        return self.base + n

    @property
    def primary_port(self) -> int:
        return self.base + 10

    @property
    def replica_port(self) -> int:
        return self.base + 11

    @property
    def redis_port(self) -> int:
        return self.base + 20

    def url(self, port: int, db: str = "jk") -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{db}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CELERY_", "PYTEST"))}
        env.update(
            PYTHONPATH=str(ROOT / "src"),
            SECRET_KEY="cluster-" + "k" * 60,
            JEUGDKETEN_TOEGANGSLOG_KEY="cluster-log-" + "l" * 60,
            JEUGDKETEN_DEMO="1",
            DATABASE_URL=self.url(self.primary_port),
            DATABASE_REPLICA_URL=self.url(self.replica_port),
            DB_CONN_MAX_AGE="0",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            BEHIND_PROXY="1",
            TRUSTED_PROXY_IP_HEADER="HTTP_X_REAL_IP",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            JEUGDKETEN_NODE_MODULES=str(ROOT / "node_modules"),
            LOG_LEVEL="INFO",
        )
        env.update(extra)
        return env

    def start(self, name: str, args: list[str], **env: str) -> subprocess.Popen[bytes]:
        out = (self.work / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - fixed programs
            args, env=self.env(**env), stdout=out, stderr=subprocess.STDOUT, cwd=self.work, start_new_session=True
        )
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)  # the group this script created for it, nothing else
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def jeugdketen(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - fixed program
            [sys.executable, "-m", "jeugdketen.cli", *args],
            env=self.env(),
            cwd=self.work,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"jeugdketen {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def sql(self, port: int, query: str, db: str = "jk") -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.url(port, db), autocommit=True) as conn:
            cursor = conn.execute(query)
            return list(cursor.fetchall()) if cursor.description else []

    # --- the parts ------------------------------------------------------------------------------

    def postgres(self) -> None:
        os.chmod(self.work, 0o777)  # noqa: S103 - the postgres user writes its data dirs and sockets here
        primary = self.work / "primary"
        subprocess.run(  # noqa: S603
            as_postgres([str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
        conf = (
            f"port = {self.primary_port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.work}'\n"
            "fsync = off\nwal_level = replica\nmax_wal_senders = 5\nhot_standby = on\nmax_connections = 200\n"
        )
        (primary / "postgresql.auto.conf").write_text(conf)
        self.start("primary", as_postgres([str(PG_BIN / "postgres"), "-D", str(primary)]))
        wait_for(lambda: self.sql(self.primary_port, "SELECT 1", db="postgres"), "PostgreSQL primary")
        self.sql(self.primary_port, "CREATE DATABASE jk", db="postgres")

    def replica(self) -> None:
        standby = self.work / "replica"
        subprocess.run(  # noqa: S603
            as_postgres(
                [
                    str(PG_BIN / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.primary_port),
                    "-U",
                    "postgres",
                    "-D",
                    str(standby),
                    "-X",
                    "stream",
                    "--checkpoint=fast",
                    "-R",  # standby.signal and primary_conninfo: a streaming replica
                ]
            ),
            check=True,
            capture_output=True,
            timeout=300,
        )
        auto = (standby / "postgresql.auto.conf").read_text().replace(f"port = {self.primary_port}", "")
        (standby / "postgresql.auto.conf").write_text(auto + f"\nport = {self.replica_port}\n")
        self.start("replica", as_postgres([str(PG_BIN / "postgres"), "-D", str(standby)]))
        wait_for(lambda: self.sql(self.replica_port, "SELECT pg_is_in_recovery()")[0][0], "replica in recovery")
        wait_for(
            lambda: self.sql(self.primary_port, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")[
                0
            ][0],
            "streaming replication",
        )

    def redis(self) -> None:
        self.start(
            "redis",
            [shutil.which("redis-server") or "redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
        )
        wait_for(lambda: listening(self.redis_port), "Redis")

    def node(self, n: int) -> None:
        data = self.work / f"node{n}"
        data.mkdir()
        self.start(
            f"node{n}",
            [sys.executable, "-m", "jeugdketen.cli", "serve"],
            BIND=f"127.0.0.1:{self.node_port(n)}",
            GUNICORN_WORKERS="2",
            GUNICORN_THREADS="4",
            JEUGDKETEN_DATA_DIR=str(data),
        )

    def nginx(self) -> None:
        conf = self.work / "nginx.conf"
        conf.write_text(nginx_config(self))
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.work / "nginx" / sub).mkdir(parents=True, exist_ok=True)
        check = subprocess.run(  # noqa: S603
            [NGINX, "-t", "-p", str(self.work), "-e", str(self.work / "nginx-error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            raise RuntimeError("nginx configuration refused:\n" + check.stderr)
        self.start("nginx", [NGINX, "-p", str(self.work), "-e", str(self.work / "nginx-error.log"), "-c", str(conf)])
        wait_for(lambda: listening(self.nginx_port), "nginx")

    def celery(self) -> None:
        self.start(
            "worker",
            [sys.executable, "-m", "celery", "-A", "jeugdketen", "worker", "--concurrency=2", "--loglevel=INFO"],
        )
        self.start(
            "beat",
            [sys.executable, "-m", "celery", "-A", "jeugdketen", "beat", "--loglevel=INFO"]
            + ["--schedule", str(self.work / "beat-schedule")],
        )

    def stop_all(self) -> None:
        for name in ["nginx", "node1", "node2", "beat", "worker", "redis", "replica", "primary"]:
            self.stop(name, signal.SIGINT if name in {"primary", "replica"} else signal.SIGTERM)


def nginx_config(c: Cluster) -> str:
    w = c.work
    return f"""# Generated by deploy/cluster.py. The production example is in docs/operations.md.
worker_processes 1;
pid {w}/nginx.pid;
daemon off;
events {{ worker_connections 512; }}
http {{
    access_log {w}/nginx-access.log;
    client_body_temp_path {w}/nginx/body;
    proxy_temp_path {w}/nginx/proxy;
    fastcgi_temp_path {w}/nginx/fastcgi;
    uwsgi_temp_path {w}/nginx/uwsgi;
    scgi_temp_path {w}/nginx/scgi;
    upstream jeugdketen {{
        server 127.0.0.1:{c.node_port(1)} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{c.node_port(2)} max_fails=1 fail_timeout=10s;
        keepalive 16;
        keepalive_timeout 60s;  # below `jeugdketen serve`'s keep-alive (75 s): nginx closes first
    }}
    server {{
        listen 127.0.0.1:{c.nginx_port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://jeugdketen;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
            # A node that fails or is gone: idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS)
            # are tried on the other node. Without `non_idempotent` nginx never resends a POST,
            # LOCK or PATCH, so a write is never made twice; the client gets the 502.
            proxy_next_upstream error timeout http_502 http_504;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
        }}
    }}
}}
"""


# --- the load -------------------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: Counter[str] = field(default_factory=Counter)
    read_failures: list[str] = field(default_factory=list)
    reads_retried: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    nodes_seen: Counter[str] = field(default_factory=Counter)


def login(base: str, username: str) -> Any:
    import httpx

    client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    client.get("/inloggen/")
    token = client.cookies.get("csrftoken", "")
    response = client.post(
        "/inloggen/", data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    if response.status_code != 302:
        raise RuntimeError(f"login {username}: {response.status_code}")
    return client


def run_load(
    c: Cluster, duration: float, kill_at: float, monitor_paths: list[str], plan_of_ouder: str
) -> tuple[Tally, float]:
    import httpx

    base = f"http://127.0.0.1:{c.nginx_port}"
    tally = Tally()
    stop = threading.Event()
    ouder = login(base, "ouder")
    plan = f"/gezinnen/{plan_of_ouder}/plan/"
    if ouder.get(plan).status_code != 200:
        raise RuntimeError(f"the demo parent cannot read {plan}")

    def read(client: Any, kind: str, path: str) -> None:
        retried = ""
        try:
            try:
                response = client.get(path)
            except httpx.TransportError as exc:
                # The node died after nginx had begun passing its answer on: nginx cannot resend a
                # request once the client has bytes of it, and closes. A browser then asks once
                # more for an idempotent page; so does this client, and the report counts it.
                retried = f"{kind} {path}: {type(exc).__name__}"
                response = client.get(path)
            ok = response.status_code == 200
            detail = f"{kind} {path}: {response.status_code}"
        except httpx.HTTPError as exc:
            ok, detail = False, f"{kind} {path}: {type(exc).__name__}"
        with tally.lock:
            tally.reads[kind] += 1
            if retried:
                tally.reads_retried.append(retried)
            if not ok:
                tally.read_failures.append(detail)

    def family_reader() -> None:
        client = login(base, "ouder")
        while not stop.is_set():
            read(client, "plan", plan)
            read(client, "home", "/")

    def monitor_reader() -> None:
        client = login(base, "beleid")
        while not stop.is_set():
            for path in monitor_paths:
                read(client, "monitor", path)

    def open_reader() -> None:
        client = httpx.Client(base_url=base, timeout=30)
        while not stop.is_set():
            read(client, "open", monitor_paths[-1])

    def writer() -> None:
        client = login(base, "ouder")
        client.get(plan)
        while not stop.is_set():
            marker = f"cluster-{uuid.uuid4().hex}"
            token = client.cookies.get("csrftoken", "")
            try:
                response = client.post(
                    plan + "reactie/",
                    data={"soort": "opmerking", "tekst": marker, "csrfmiddlewaretoken": token},
                )
                confirmed = response.status_code == 302 and response.headers.get("location", "").endswith(plan)
            except httpx.HTTPError:
                confirmed = False
            with tally.lock:
                (tally.confirmed if confirmed else tally.unconfirmed).append(marker)

    readers = [family_reader, family_reader, monitor_reader, open_reader]
    assert len(readers) == READING_THREADS
    workers = [*readers, writer, writer]
    threads = [threading.Thread(target=w, daemon=True) for w in workers]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(kill_at)
    log("killing node 2 (SIGKILL) mid-load")
    killed_at = time.monotonic() - started
    c.stop("node2", signal.SIGKILL)
    time.sleep(max(0.0, duration - kill_at))
    stop.set()
    for t in threads:
        t.join(timeout=60)
    return tally, killed_at


def feit_scans(c: Cluster, port: int) -> int:
    rows = c.sql(
        port,
        "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'monitor_feit'",
    )
    return int(rows[0][0]) if rows else 0


def node_files(c: Cluster) -> list[str]:
    """Files an app node left in its own data folder (state that would be lost with the node)."""
    found = []
    for n in (1, 2):
        for path in (c.work / f"node{n}").rglob("*"):
            if path.is_file():
                found.append(str(path.relative_to(c.work)))
    return found


def scheduled_twice(c: Cluster) -> dict[str, Any]:
    """Send one schedule entry twice, as two beats would; count how often it ran."""
    code = (
        "import django; django.setup()\n"
        "from jeugdketen.celery import app\n"
        "from jeugdketen.core.tasks import SCHEDULE_HEADER\n"
        "for _ in range(2):\n"
        "    app.send_task('jeugdketen.core.tasks.toegangslog_anker', headers={SCHEDULE_HEADER: 'toegangslog-anker'})\n"
    )
    before = (c.work / "worker.log").read_text(errors="replace")
    subprocess.run([sys.executable, "-c", code], env=c.env(DJANGO_SETTINGS_MODULE="jeugdketen.settings"), check=True)  # noqa: S603
    time.sleep(3)
    after = (c.work / "worker.log").read_text(errors="replace")[len(before) :]
    return {
        "sent_twice": "toegangslog-anker",
        "skipped_on_worker": after.count("scheduled run of toegangslog-anker skipped"),
        "beat_processes": sum(1 for name in c.processes if name == "beat"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--base-port", type=int, default=18000)
    parser.add_argument("--report", type=Path, help="also write the report (JSON) here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args = parser.parse_args(argv)

    ports = [args.base_port + p for p in (0, 1, 2, 10, 11, 20)]
    taken = [p for p in ports if not port_free(p)]
    if taken:
        print(f"ports in use: {taken}; choose another --base-port", file=sys.stderr)
        return 2
    if not Path(NGINX).exists():
        print(f"nginx not found ({NGINX}); apt-get install nginx", file=sys.stderr)
        return 2
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="jk-cluster-"))
    c = Cluster(base=args.base_port, work=work)
    report: dict[str, Any] = {}
    try:
        log(f"PostgreSQL primary on {c.primary_port}, work folder {work}")
        c.postgres()
        c.redis()
        log("migrate and seed the demo region (size 1), compute the monitor's facts")
        c.jeugdketen("migrate", "--no-input", "-v0")
        c.jeugdketen("seed", "--size", "1")
        c.jeugdketen("shell", "-c", "from jeugdketen.monitor import berekening; berekening.bereken_alle()")
        log(f"streaming replica (pg_basebackup) on {c.replica_port}")
        c.replica()
        regio = c.sql(c.primary_port, "SELECT uuid FROM organisaties_regio ORDER BY id LIMIT 1")[0][0]
        monitor_paths = [
            "/monitor/",
            "/monitor/indicator/jeugdhulp_pct/",
            "/monitor/overzicht.csv",
            f"/open/monitor/{regio}/jeugdhulp_pct.json",
        ]
        log(f"two app nodes ({c.node_port(1)}, {c.node_port(2)}), nginx on {c.nginx_port}, worker, one beat")
        c.node(1)
        c.node(2)
        for n in (1, 2):
            wait_for(lambda n=n: listening(c.node_port(n)), f"node {n}", timeout=90)
        c.nginx()
        c.celery()
        wait_for(lambda: "ready" in (work / "worker.log").read_text(errors="replace"), "celery worker", timeout=60)

        scans_before = {"primary": feit_scans(c, c.primary_port), "replica": feit_scans(c, c.replica_port)}
        reactions_before = c.sql(c.primary_port, "SELECT count(*) FROM gezinsplan_reactie")[0][0]
        log(f"load for {args.duration:.0f}s: reads and writes through nginx")
        load_started = time.monotonic()
        plan_of_ouder = c.sql(
            c.primary_port,
            "SELECT g.uuid FROM gezinnen_gezin g JOIN gezinnen_gezinslid l ON l.gezin_id = g.id "
            "JOIN organisaties_gebruiker u ON u.id = l.gebruiker_id JOIN gezinsplan_gezinsplan p ON p.gezin_id = g.id "
            "WHERE u.username = 'ouder' ORDER BY g.id LIMIT 1",
        )[0][0]
        tally, killed_at = run_load(c, args.duration, args.duration / 3, monitor_paths, str(plan_of_ouder))
        load_seconds = time.monotonic() - load_started
        time.sleep(1.5)  # statistics of the last connections
        scans_after = {"primary": feit_scans(c, c.primary_port), "replica": feit_scans(c, c.replica_port)}

        present = {
            r[0] for r in c.sql(c.primary_port, "SELECT tekst FROM gezinsplan_reactie WHERE tekst LIKE 'cluster-%'")
        }
        wait_for(
            lambda: (
                c.sql(c.replica_port, "SELECT count(*) FROM gezinsplan_reactie")[0][0]
                == c.sql(c.primary_port, "SELECT count(*) FROM gezinsplan_reactie")[0][0]
            ),
            "replica caught up",
            timeout=30,
        )
        on_replica = {
            r[0] for r in c.sql(c.replica_port, "SELECT tekst FROM gezinsplan_reactie WHERE tekst LIKE 'cluster-%'")
        }
        duplicates = c.sql(
            c.primary_port,
            "SELECT count(*) FROM (SELECT tekst FROM gezinsplan_reactie WHERE tekst LIKE 'cluster-%' "
            "GROUP BY tekst HAVING count(*) > 1) d",
        )[0][0]
        schedule = scheduled_twice(c)
        verify = c.jeugdketen("verify_toegangslog").strip()
        nginx_log = (work / "nginx-error.log").read_text(errors="replace")

        report = {
            "seconds_total": round(time.monotonic() - began, 1),
            "seconds_load": round(load_seconds, 1),
            "node_killed_after_s": round(killed_at, 1),
            "reads": {"total": sum(tally.reads.values()), "by_kind": dict(tally.reads)},
            "read_failures": len(tally.read_failures),
            "read_failure_examples": tally.read_failures[:10],
            # Reads cut off mid-answer by the kill and asked once more by the client; at most the
            # reads in flight at that moment (one per reading thread).
            "reads_retried": len(tally.reads_retried),
            "reads_retried_examples": tally.reads_retried[:10],
            "reading_threads": READING_THREADS,
            # Each request node 2 failed, as nginx logged it: the reads went on to node 1 (none
            # failed), the writes were answered 502 and never resent.
            "reads_failed_over": len(re.findall(r'request: "(?:GET|HEAD) ', nginx_log)),
            "writes_not_resent": len(re.findall(r'request: "(?:POST|PATCH) ', nginx_log)),
            "writes": {
                "confirmed": len(tally.confirmed),
                "confirmed_present": len(set(tally.confirmed) & present),
                "confirmed_missing": len(set(tally.confirmed) - present),
                "unconfirmed": len(tally.unconfirmed),
                "unconfirmed_present": len(set(tally.unconfirmed) & present),
                "written_twice": duplicates,
                "new_rows": c.sql(c.primary_port, "SELECT count(*) FROM gezinsplan_reactie")[0][0] - reactions_before,
            },
            "replica": {
                "streaming": bool(
                    c.sql(c.primary_port, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")[0][0]
                ),
                "in_recovery": bool(c.sql(c.replica_port, "SELECT pg_is_in_recovery()")[0][0]),
                "monitor_feit_scans_on_replica": scans_after["replica"] - scans_before["replica"],
                "monitor_feit_scans_on_primary": scans_after["primary"] - scans_before["primary"],
                "confirmed_writes_on_replica": len(set(tally.confirmed) & on_replica),
            },
            "stateless": {"files_on_nodes": node_files(c)},
            "schedule": schedule,
            "verify_toegangslog": verify,
        }
        report["ok"] = bool(
            report["read_failures"] == 0
            and report["reads_retried"] <= READING_THREADS
            and report["writes"]["confirmed"] > 0
            and report["writes"]["confirmed_missing"] == 0
            and report["writes"]["written_twice"] == 0
            and report["replica"]["streaming"]
            and report["replica"]["monitor_feit_scans_on_replica"] > 0
            and report["replica"]["monitor_feit_scans_on_primary"] == 0
            and report["replica"]["confirmed_writes_on_replica"] == report["writes"]["confirmed_present"]
            and report["stateless"]["files_on_nodes"] == []
            and schedule["skipped_on_worker"] >= 1
            and verify == "Toegangslog onveranderd."
        )
    finally:
        log("stopping everything this script started")
        c.stop_all()
        if args.keep or not report.get("ok"):
            log(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, indent=2, default=str)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
