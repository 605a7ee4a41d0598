"""Paired comparison of two checkouts on the same data (`python benchmarks/ab.py --a <old root>`).

On a shared machine absolute times swing by 10× within minutes; a before/after comparison is
only evidence if both versions see the same moments. This serves checkout A (e.g. a
`git archive` of the base commit) and checkout B (this one) with the same gunicorn settings,
each on the 1× database and, with --db10, on the 10× one, and for every page sends one request
to each server in turn (round robin), `--reps` times. It reports per page the p50 of each
version on each database, B/A, and each version's growth 1× → 10×.

    python benchmarks/ab.py --a /tmp/base --db postgres://…/jk_small --db10 postgres://…/jk_big \\
        [--reps 15] [--port 8201] [--only "plan list,family page"]

Both checkouts must run against the same migrated schema (B's migrations applied; the pages
only read). Pages come from run.py's `pages_of`.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import run  # noqa: E402


def serve(root: Path, port: int, database_url: str, workers: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": f"{root / 'src'}:{root}"}
    cmd = [
        sys.executable, "-m", "gunicorn", "jeugdketen.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", workers, "--threads", "2", "--chdir", str(root),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/health/live", timeout=30)
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{root} did not start on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="root of checkout A (the baseline)")
    parser.add_argument("--db", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--db10", default="")
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--only", default="")
    run.add_redis_argument(parser)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.db
    os.environ["REDIS_URL"] = args.redis

    import django

    django.setup()
    from jeugdketen.demo.generator import DEMO_PASSWORD

    roots = {"A": Path(args.a).resolve(), "B": ROOT}
    dbs = {"1×": args.db, **({"10×": args.db10} if args.db10 else {})}
    procs, servers = [], {}
    try:
        port = args.port
        for version, root in roots.items():
            for size, url in dbs.items():
                procs.append(serve(root, port, url, args.workers))
                servers[(version, size)] = f"http://127.0.0.1:{port}"
                port += 1
        pages = {size: run.pages_of("default") for size in dbs}  # paths of the hand-made demo
        if "10×" in dbs:
            import dj_database_url
            from django.conf import settings

            settings.DATABASES["db10"] = {**settings.DATABASES["default"], **dj_database_url.parse(args.db10)}
            pages["10×"] = run.pages_of("db10")
        wanted = [p.label for p in pages["1×"] if not args.only or p.label in args.only.split(",")]
        sessions = {
            (key, login): run.session_for(base, login, DEMO_PASSWORD)
            for key, base in servers.items()
            for login in {p.login for p in pages["1×"] if p.label in wanted}
        }
        print(f"\n{args.reps} rounds a page; each round one request to every server in turn (A = {roots['A']})")
        head = f"{'page':<26} {'A 1×':>8} {'B 1×':>8} {'B/A':>6}"
        if "10×" in dbs:
            head += f" {'A 10×':>8} {'B 10×':>8} {'B/A':>6} {'A grow':>7} {'B grow':>7}"
        print(head)
        for label in wanted:
            times: dict[tuple[str, str], list[float]] = {key: [] for key in servers}
            for i in range(args.reps + 2):
                for key, base in servers.items():
                    page = next(p for p in pages[key[1]] if p.label == label)
                    headers = {"Accept": "application/json"} if page.api else {}
                    t, status = run.timed(
                        lambda s=sessions[(key, page.login)], u=base + page.path, h=headers: s.get(
                            u, headers=h, timeout=60
                        )
                    )
                    if status != 200:
                        raise SystemExit(f"{label} on {key}: HTTP {status}")
                    if i >= 2:
                        times[key].append(t * 1000)
            p50 = {key: statistics.median(v) for key, v in times.items()}
            a1, b1 = p50[("A", "1×")], p50[("B", "1×")]
            line = f"{label:<26} {a1:>8.1f} {b1:>8.1f} {b1 / a1:>6.2f}"
            if "10×" in dbs:
                a10, b10 = p50[("A", "10×")], p50[("B", "10×")]
                line += f" {a10:>8.1f} {b10:>8.1f} {b10 / a10:>6.2f} {a10 / a1:>6.2f}× {b10 / b1:>6.2f}×"
            print(line, flush=True)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
