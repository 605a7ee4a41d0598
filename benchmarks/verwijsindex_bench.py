"""Verwijsindex benchmark: registrations per second through the API and p50/p95 time to
register-and-match, each as a ratio to this machine's plain single-row INSERT into the same
database, measured in the same run. Not part of the test suite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jk_bench \\
        .venv/bin/python benchmarks/verwijsindex_bench.py --size 3 --calls 200

--size is the demo generator's size: (size − 1) × 500 bulk registrations, so --size 2001 builds
about 1.1 million registrations (national scale: a few per cent of ~4.4 million under-23s).
The database is migrated and filled; use a database of its own.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")
os.environ.setdefault("JEUGDKETEN_DEMO", "1")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from jeugdketen.core.bsn import fictitious_bsn
    from jeugdketen.demo.generator import build
    from jeugdketen.demo.verwijsindex import DEMO_API_KEYS
    from jeugdketen.verwijsindex.models import Melding

    settings.API_SLEUTEL_RATE = "1000000/min"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build(size=args.size)
    build_s = time.perf_counter() - started
    total = Melding.objects.count()
    print(f"database: {connection.vendor}; registrations in the index: {total} (built in {build_s:.1f} s)")

    # Baseline: plain single-row INSERTs, each its own autocommit statement.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain")
        cursor.execute("CREATE TABLE bench_plain (id integer primary key, sleutel varchar(64), t timestamp)")
        insert_times = []
        for i in range(args.calls):
            t0 = time.perf_counter()
            cursor.execute(
                "INSERT INTO bench_plain (id, sleutel, t) VALUES (%s, %s, CURRENT_TIMESTAMP)", [i, f"{i:064d}"]
            )
            insert_times.append(time.perf_counter() - t0)
        cursor.execute("DROP TABLE bench_plain")
    insert_p50 = statistics.median(insert_times)

    rng = random.Random()  # fresh youths on every run, also against a database used before
    (_s1, key_a), (_s2, key_b) = list(DEMO_API_KEYS.values())
    a = Client(HTTP_AUTHORIZATION=f"Bearer {key_a}")
    b = Client(HTTP_AUTHORIZATION=f"Bearer {key_b}")
    body = {"geboortedatum": "2012-05-01"}
    # registrations per second (no match)
    t0 = time.perf_counter()
    for _ in range(args.calls):
        r = a.post(
            "/api/v1/verwijsindex/meldingen/",
            {**body, "bsn": fictitious_bsn(rng), "melder_email": "toegang@demo.jeugdketen.nl"},
            content_type="application/json",
        )
        assert r.status_code in (200, 201), r.content  # 200: a test BSN drawn twice (idempotent)
    reg_per_s = args.calls / (time.perf_counter() - t0)
    # register-and-match: the second organisation registers a youth the first one registered
    match_times = []
    for _ in range(args.calls):
        bsn = fictitious_bsn(rng)
        a.post(
            "/api/v1/verwijsindex/meldingen/",
            {**body, "bsn": bsn, "melder_email": "toegang@demo.jeugdketen.nl"},
            content_type="application/json",
        )
        t1 = time.perf_counter()
        r = b.post(
            "/api/v1/verwijsindex/meldingen/",
            {**body, "bsn": bsn, "melder_email": "aanbieder@demo.jeugdketen.nl"},
            content_type="application/json",
        )
        match_times.append(time.perf_counter() - t1)
        assert r.status_code in (200, 201) and r.json()["match"], r.content

    p50, p95 = statistics.median(match_times), percentile(match_times, 95)
    print(f"plain INSERT p50: {insert_p50 * 1000:.3f} ms  ({1 / insert_p50:.0f} rows/s)")
    print(f"API registrations/s: {reg_per_s:.1f}  = {reg_per_s * insert_p50:.4f} × plain INSERT rate")
    print(f"register-and-match p50: {p50 * 1000:.1f} ms = {p50 / insert_p50:.1f} × plain INSERT")
    print(f"register-and-match p95: {p95 * 1000:.1f} ms = {p95 / insert_p50:.1f} × plain INSERT")


if __name__ == "__main__":
    main()
