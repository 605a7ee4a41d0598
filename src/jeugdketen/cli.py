"""The `jeugdketen` command: demo, serve, seed, and every Django management command.

Without arguments, with `--help` or `help` it prints USAGE; `serve --help`, `demo --help` and
`seed --help` print their own help, and never start a server. Settings that cannot load (no
SECRET_KEY outside the demo) end the command at once with a message instead of a traceback.
"""

from __future__ import annotations

import os
import sys

USAGE = """Gebruik: jeugdketen <opdracht> [opties]

  jeugdketen demo [--size N]   probeer het uit: bouwt eenmalig een demo-regio en start op
                               http://127.0.0.1:8000/ (poort via PORT)
  jeugdketen serve             productieserver (gunicorn); instellingen uit de omgeving,
                               SECRET_KEY is verplicht
  jeugdketen seed [--size N]   bouw de demo-regio (ook op landelijke schaal, voor benchmarks)
  jeugdketen <django-opdracht> elke beheeropdracht: migrate, check, createsuperuser, ...
  jeugdketen help <opdracht>   hulp bij een beheeropdracht; `jeugdketen help --commands` toont ze
"""

SUBCOMMAND_HELP = {
    "serve": """Gebruik: jeugdketen serve

Start de productieserver (gunicorn) met de instellingen uit de omgeving:
  SECRET_KEY          verplicht; lange willekeurige sleutel
  ALLOWED_HOSTS       hostnamen, komma-gescheiden
  DATABASE_URL        bijvoorbeeld postgres://gebruiker@host/db
  BIND / PORT         adres om op te luisteren (standaard 0.0.0.0:8000)
  GUNICORN_WORKERS    aantal processen (standaard 4); GUNICORN_THREADS (standaard 4)
  GUNICORN_KEEPALIVE  seconden dat een open verbinding van de proxy blijft staan (standaard 75)
""",
    "demo": """Gebruik: jeugdketen demo [--size N]

Migreert de ingebouwde database, bouwt eenmalig een demo-regio (N keer de basisgrootte, standaard 1)
en start de demo op http://127.0.0.1:$PORT/ (standaard 8000). Toont de demo-logins.
""",
    "seed": """Gebruik: jeugdketen seed [--size N]

Bouwt de demo-regio in de database uit de omgeving (N keer de basisgrootte, standaard 1).
""",
}

HELP_FLAGS = {"-h", "--help", "help"}


def _settings_or_exit(command: str) -> None:
    """Load the settings now, so that a missing SECRET_KEY ends the command with one clear line
    (and for `serve` before gunicorn forks workers that each fail to boot)."""
    from django.conf import settings

    try:
        settings.SECRET_KEY  # noqa: B018 - touching a setting loads the settings module
    except RuntimeError as exc:
        sys.exit(
            f"jeugdketen {command}: {exc}.\n"
            "Zet SECRET_KEY in de omgeving (bijvoorbeeld: export SECRET_KEY=$(python -c "
            "'import secrets; print(secrets.token_urlsafe(60))')), of probeer de demo met `jeugdketen demo`."
        )


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
        # Idle connections from the proxy stay open longer than the proxy keeps them (nginx's
        # upstream keepalive_timeout is 60 s): the proxy closes first. With gunicorn's 2 s a
        # proxy can send a request on a connection the server is just closing, and reads a reset.
        "--keep-alive",
        os.environ.get("GUNICORN_KEEPALIVE", "75"),
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
    print("\nBegin bijvoorbeeld als `toegang` (professional) of `ouder` (gezin). Stoppen: Ctrl+C.\n", flush=True)
    _gunicorn(f"127.0.0.1:{port}", os.environ.get("GUNICORN_WORKERS", "2"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")
    argv = sys.argv[1:]
    if not argv or argv[0] in {"-h", "--help"} or argv == ["help"]:
        print(USAGE)
        return
    command = argv[0]
    if command in SUBCOMMAND_HELP and HELP_FLAGS.intersection(argv[1:]):
        print(SUBCOMMAND_HELP[command])
        return
    if command != "demo":
        _settings_or_exit(command)
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
