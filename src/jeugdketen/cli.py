"""The `jeugdketen` command: demo, serve, seed, and every Django management command.

jeugdketen demo [--size N]   migrate the embedded database, build the demo region once, serve
jeugdketen serve             production WSGI server (gunicorn), settings from the environment
jeugdketen seed [--size N]   build the demo region (also at national scale for benchmarks)
jeugdketen <command>         any manage.py command (migrate, check, createsuperuser, ...)
"""

from __future__ import annotations

import os
import sys


def _django(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jeugdketen", *argv])


def _gunicorn(bind: str, workers: str) -> None:
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "jeugdketen.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--threads",
        os.environ.get("GUNICORN_THREADS", "4"),
        "--access-logfile",
        "-",
        # The access log line carries method and path only; our URLs never hold personal data.
        "--access-logformat",
        '%(h)s "%(r)s" %(s)s %(b)s %(L)ss',
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    run()


def demo(argv: list[str]) -> None:
    os.environ.setdefault("JEUGDKETEN_DEMO", "1")
    # Links in the demo's e-mails point at the port it serves on.
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:" + os.environ.get("PORT", "8000"))
    if not os.environ.get("BRP_API_URL"):
        # The demo's BRP: the stand-in with the fictitious persons, in a thread of this process
        # (docs/brp.md). Production sets BRP_API_URL to the real BRP API.
        from jeugdketen.brp import standin

        brp = standin.start(int(os.environ.get("BRP_STANDIN_PORT", "0")))
        os.environ["BRP_API_URL"] = brp.url
        print(f"BRP-stand-in draait op {brp.url}")
    import django

    django.setup()
    from django.core.management import call_command

    from jeugdketen.demo.generator import DEMO_PASSWORD, describe_logins, region_exists

    call_command("migrate", interactive=False, verbosity=0)
    if not region_exists():
        size = argv[argv.index("--size") + 1] if "--size" in argv else "1"
        print("Demo-regio wordt opgebouwd (eenmalig)...")
        call_command("seed_demo", size=int(size))
    port = os.environ.get("PORT", "8000")
    print(f"\nJeugdketen demo draait op http://127.0.0.1:{port}/\n")
    print(f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
    for username, description in describe_logins():
        print(f"  {username:<18} {description}")
    print()
    _gunicorn(f"127.0.0.1:{port}", os.environ.get("GUNICORN_WORKERS", "2"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")
    argv = sys.argv[1:]
    command = argv[0] if argv else "help"
    if command == "demo":
        demo(argv[1:])
    elif command == "serve":
        bind = os.environ.get("BIND", "0.0.0.0:" + os.environ.get("PORT", "8000"))
        _gunicorn(bind, os.environ.get("GUNICORN_WORKERS", "4"))
    elif command == "seed":
        _django(["seed_demo", *argv[1:]])
    else:
        _django(argv)


if __name__ == "__main__":
    main()
