"""The benchmark, one command (`make bench`, or `python benchmarks/run.py`): the app with the
production server settings (gunicorn, `jeugdketen serve`'s workers and threads) and a bare-Django
ceiling app (benchmarks/ceiling.py: one view, one indexed query) side by side on the same
database, measured interleaved. See benchmarks/README.md for how to read the output.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jk_bench python benchmarks/run.py \\
        [--db10 postgres://.../jk_bench10] [--reps 40] [--users 16] [--seconds 8]

The database must hold a built demo (`jeugdketen seed --size N`); --db10 a build with ten times
the data, for the growth column. Nothing is written except the registrations of the
register-and-match step (fresh test BSNs) and the access-log entries every read writes.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
# Demo mode: the demo logins sign in with the demo password (no second factor, no TLS-only
# cookies); everything else is the production configuration.
os.environ.setdefault("JEUGDKETEN_DEMO", "1")
WORKERS = os.environ.get("GUNICORN_WORKERS", "4")  # as `jeugdketen serve`
THREADS = os.environ.get("GUNICORN_THREADS", "4")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def add_redis_argument(parser: argparse.ArgumentParser) -> None:
    # Production runs with Redis: the cache, the rate limits, and the queue that relays the outbox
    # from a worker. Without it the relay runs inside the request (Celery eager: four deliveries
    # and mail attempts in every registration that makes a match), which no server does.
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        help="the app's REDIS_URL (default redis://127.0.0.1:6379/14; no worker reads the queue)",
    )


def serve(app: str, port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    cmd = [
        sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", WORKERS,
        "--threads", THREADS, "--access-logfile", "-", "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s %(L)ss',
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    for _ in range(200):
        try:
            requests.get(
                f"http://127.0.0.1:{port}/health/live" if "ceiling" not in app else f"http://127.0.0.1:{port}/c/1/",
                timeout=30,
            )
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def rss_per_worker_mb(proc: subprocess.Popen[bytes]) -> list[float]:
    out = subprocess.run(["ps", "--ppid", str(proc.pid), "-o", "rss="], capture_output=True, text=True, check=False)  # noqa: S607
    return [int(x) / 1024 for x in out.stdout.split()]


def session_for(base: str, username: str, password: str) -> requests.Session:
    s = requests.Session()
    s.get(f"{base}/inloggen/", timeout=60)
    token = s.cookies.get("csrftoken", "")
    r = s.post(
        f"{base}/inloggen/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/inloggen/"},
        allow_redirects=False,
        timeout=60,  # Argon2 on a loaded machine
    )
    if r.status_code != 302:
        raise SystemExit(f"login {username} failed: {r.status_code}")
    return s


@dataclass
class Page:
    label: str
    login: str
    path: str
    api: bool = False


def pages_of(alias: str) -> list[Page]:
    """The key pages and API calls, with the objects of the hand-made demo in that database."""
    from jeugdketen.crisis.models import Crisiscasus
    from jeugdketen.gezinnen.models import Gezin
    from jeugdketen.jeugdhulp.models import Traject
    from jeugdketen.plekvrij.models import Plek

    janssen = Gezin.objects.using(alias).get(naam="Gezin Janssen")
    casus = Crisiscasus.objects.using(alias).filter(organisatie__naam__startswith="Integrale Crisisdienst").first()
    plek = Plek.objects.using(alias).filter(actief=True).order_by("id").first()
    traject = Traject.objects.using(alias).filter(aanbieder__naam="Jeugdhulp Parkstad").order_by("-id").first()
    pages = [
        Page("home (professional)", "toegang", "/"),
        Page("home (parent)", "ouder", "/"),
        Page("family page", "toegang", f"/gezinnen/{janssen.uuid}/"),
        Page("plan page", "toegang", f"/gezinnen/{janssen.uuid}/plan/"),
        Page("plan list", "toegang", "/gezinnen/"),
        Page("verwijsindex list", "toegang", "/verwijsindex/"),
        Page("verwijsindex search", "toegang", "/verwijsindex/zoeken/"),
        Page("toekomstplan watch list", "toegang", "/toekomstplan/signalen/"),
        Page("plan API", "toegang", "/api/v1/gezinsplannen/", api=True),
        Page("crisis board", "crisisdienst", "/crisis/"),
        Page("plekvrij search", "aanbieder", "/plekvrij/"),
        Page("plekvrij own places", "aanbieder", "/plekvrij/mijn-plekken/"),
        Page("jeugdhulp list", "aanbieder", "/jeugdhulp/"),
        Page("monitor indicator", "beleid", "/monitor/indicator/jeugdhulp_pct/"),
    ]
    if casus:
        pages.append(Page("crisis case", "crisisdienst", f"/crisis/casus/{casus.uuid}/"))
    if plek:
        pages.append(Page("plekvrij place", "aanbieder", f"/plekvrij/plekken/{plek.uuid}/"))
    if traject:
        pages.append(Page("jeugdhulp trajectory", "aanbieder", f"/jeugdhulp/trajecten/{traject.uuid}/"))
    return pages


def timed(call: Callable[[], requests.Response]) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = call()
    return time.perf_counter() - t0, r.status_code


@dataclass
class Target:
    """One data size's app and ceiling, with that database's page paths and logged-in sessions."""

    base: str
    ceiling: str
    pages: dict[str, Page]
    sessions: dict[str, requests.Session]
    max_pk: int


def single_user(targets: list[Target], reps: int, warmup: int) -> list[dict[str, tuple[float, float, int, float]]]:
    """Per target, per page: app p50, app p95, status, ceiling p50. Interleaved: each request of an
    app is followed by one to its ceiling, and each round visits every target (1× and 10×) in
    turn, so the sizes and the ceiling see the same moments of a shared machine. The first
    `warmup` rounds are not counted: a page's statements are prepared on a database connection
    from its second run (settings.DB_PREPARE_THRESHOLD), and a worker has a connection per thread."""
    bare = requests.Session()
    out: list[dict[str, tuple[float, float, int, float]]] = [{} for _ in targets]
    for label in targets[0].pages:
        times: list[tuple[list[float], list[float], list[int]]] = [([], [], [0]) for _ in targets]
        for i in range(reps + warmup):
            for target, (app_t, ceil_t, status) in zip(targets, times, strict=True):
                page = target.pages.get(label)
                if page is None:
                    continue
                s = target.sessions[page.login]
                headers = {"Accept": "application/json"} if page.api else {}
                t, status[0] = timed(lambda: s.get(target.base + page.path, headers=headers, timeout=30))  # noqa: B023
                pk = random.randint(1, target.max_pk)
                c, _ = timed(lambda: bare.get(f"{target.ceiling}/c/{pk}/", timeout=30))  # noqa: B023
                if i >= warmup:
                    app_t.append(t)
                    ceil_t.append(c)
        for k, (app_t, ceil_t, status) in enumerate(times):
            if app_t:
                out[k][label] = (statistics.median(app_t), percentile(app_t, 95), status[0], statistics.median(ceil_t))
    return out


def closed_loop(make: Callable[[], Callable[[], object]], users: int, seconds: float) -> float:
    """`users` clients each sending the next request as soon as the last one is answered."""
    done = [0] * users
    stop = time.perf_counter() + seconds

    def run(n: int) -> None:
        call = make()
        while time.perf_counter() < stop:
            try:
                call()
            except requests.RequestException:
                continue  # a timeout is not an answer: it does not count
            done[n] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / seconds


def register_and_match(base: str, calls: int, database_url: str, *, clients: int = 1) -> tuple[float, float, float]:
    """(pairs per second through the API, raw single-row INSERTs per second with as many
    clients, p50 of one pair). `clients` pairs run at once (different youths, the same two
    organisations: what a shared usage-counter row serialised), each client `calls / clients`."""
    import psycopg

    from jeugdketen.core.bsn import fictitious_bsn
    from jeugdketen.demo.verwijsindex import DEMO_API_KEYS

    (_s1, key_a), (_s2, key_b) = list(DEMO_API_KEYS.values())
    url = f"{base}/api/v1/verwijsindex/meldingen/"
    per_client = max(1, calls // clients)
    times: list[float] = []
    failures: list[str] = []

    def run() -> None:
        a, b = requests.Session(), requests.Session()
        a.headers["Authorization"] = f"Bearer {key_a}"
        b.headers["Authorization"] = f"Bearer {key_b}"
        rng = random.Random()
        for _ in range(per_client):
            bsn = fictitious_bsn(rng)
            t0 = time.perf_counter()
            r1 = a.post(
                url, json={"bsn": bsn, "geboortedatum": "2012-05-01", "melder_email": "toegang@demo.jeugdketen.nl"}
            )
            r2 = b.post(
                url, json={"bsn": bsn, "geboortedatum": "2012-05-01", "melder_email": "aanbieder@demo.jeugdketen.nl"}
            )
            times.append(time.perf_counter() - t0)
            if r1.status_code not in (200, 201) or r2.status_code not in (200, 201):
                failures.append(f"{r1.status_code} {r2.status_code} {r2.text[:200]}")

    t_all = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pairs = per_client * clients / (time.perf_counter() - t_all)
    if failures:
        raise SystemExit(f"registration failed: {failures[0]}")

    def insert_rows(n: int) -> None:
        with psycopg.connect(database_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute("CREATE TEMP TABLE bench_plain (id serial primary key, sleutel varchar(64), t timestamptz)")
            for i in range(n):
                conn.execute("INSERT INTO bench_plain (sleutel, t) VALUES (%s, now())", [f"{i:064d}"])

    t0 = time.perf_counter()
    threads = [threading.Thread(target=insert_rows, args=(per_client * 2,)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    inserts = per_client * 2 * clients / (time.perf_counter() - t0)
    return pairs, inserts, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--db10", default="", help="a build with ten times the data (growth column)")
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=10, help="requests a page before counting (default 10)")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4, help="concurrent register-and-match clients")
    parser.add_argument(
        "--port", type=int, default=8101, help="first of four ports (app, ceiling, 10× app, 10× ceiling)"
    )
    parser.add_argument("--only", default="", help="comma-separated page labels to measure (default: all)")
    add_redis_argument(parser)
    args = parser.parse_args()
    if not args.db.startswith("postgres"):
        raise SystemExit("set DATABASE_URL (or --db) to a PostgreSQL database with a built demo")
    os.environ["DATABASE_URL"] = args.db
    os.environ["REDIS_URL"] = args.redis

    import dj_database_url
    import django
    from django.conf import settings

    django.setup()
    from jeugdketen.demo.generator import DEMO_PASSWORD
    from jeugdketen.gezinnen.models import Gezin

    if args.db10:
        settings.DATABASES["db10"] = {**settings.DATABASES["default"], **dj_database_url.parse(args.db10)}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        p = args.port
        sets = [("1×", "default", args.db, p, p + 1)]
        if args.db10:
            sets.append(("10×", "db10", args.db10, p + 2, p + 3))
        targets, servers = [], []
        for _label, alias, url, port, cport in sets:
            app = serve("jeugdketen.wsgi:application", port, url)
            ceiling = serve("benchmarks.ceiling:application", cport, url)
            procs += [app, ceiling]
            servers.append((app, ceiling))
            base, cbase = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{cport}"
            pages = {pg.label: pg for pg in pages_of(alias) if not args.only or pg.label in args.only.split(",")}
            logins = {pg.login for pg in pages.values()}
            sessions = {u: session_for(base, u, DEMO_PASSWORD) for u in logins}
            max_pk = Gezin.objects.using(alias).order_by("-id").values_list("id", flat=True).first() or 1
            targets.append(Target(base, cbase, pages, sessions, max_pk))
        measured = single_user(targets, args.reps, args.warmup)
        families = Gezin.objects.count()
        one, (app, ceiling) = measured[0], servers[0]
        ten = measured[1] if args.db10 else None
        print(f"\nOne user, {args.reps} requests a page, interleaved with the ceiling ({families:,} families at 1×)")
        head = f"{'page':<26} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'ceiling p50':>12}"
        if ten:
            head += f" {'10× p50':>8} {'growth':>7}"
        print(head)
        for name, (p50, p95, status, c50) in one.items():
            line = f"{name:<26} {status:>6} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {c50 * 1000:>12.2f}"
            if ten and name in ten:
                line += f" {ten[name][0] * 1000:>8.1f} {ten[name][0] / p50:>6.2f}×"
            print(line)
        base, cbase = f"http://127.0.0.1:{p}", f"http://127.0.0.1:{p + 1}"
        pages = pages_of("default")

        logged_in = session_for(base, "toegang", DEMO_PASSWORD)  # one login (Argon2), its cookie shared

        def app_call() -> Callable[[], object]:
            s = requests.Session()
            s.cookies.update(logged_in.cookies)
            mine = [p for p in pages if p.login == "toegang"]
            return lambda: s.get(base + random.choice(mine).path, timeout=60)

        def ceiling_call() -> Callable[[], object]:
            s = requests.Session()
            return lambda: s.get(f"{cbase}/c/{random.randint(1, 1000)}/", timeout=60)

        app_rps = closed_loop(app_call, args.users, args.seconds)
        ceil_rps = closed_loop(ceiling_call, args.users, args.seconds)
        print(f"\n{args.users} closed-loop users, {args.seconds:.0f} s each (toegang's pages, at random):")
        print(f"app {app_rps:.1f} req/s, ceiling {ceil_rps:.1f} req/s: {app_rps / ceil_rps:.1%} of the ceiling")
        for clients in sorted({1, args.clients}):
            pairs, inserts, pair_p50 = register_and_match(base, args.calls, args.db, clients=clients)
            print(
                f"\nregister-and-match (two organisations register one youth, through the API), "
                f"{args.calls} pairs, {clients} client(s) at once:"
            )
            print(
                f"{pairs * 2:.1f} registrations/s ({pairs:.1f} matches/s, pair p50 {pair_p50 * 1000:.1f} ms); "
                f"raw single-row INSERT {inserts:.0f}/s ({clients} client(s)): {pairs * 2 / inserts:.1%} of it"
            )
        print(f"\nRSS per worker (MB): app {[round(x) for x in rss_per_worker_mb(app)]}, "
              f"ceiling {[round(x) for x in rss_per_worker_mb(ceiling)]}")  # fmt: skip
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
