"""One settings module for every environment.

Everything comes from environment variables with safe defaults; docs/operations.md lists them.
Without DATABASE_URL the app runs on an embedded SQLite database under JEUGDKETEN_DATA_DIR,
without REDIS_URL Celery tasks run eagerly in-process (the embedded default).
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Generic admin/form classes (ModelAdmin[Gezin]) at run time, as django-stubs types them.
django_stubs_ext.monkeypatch()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("JEUGDKETEN_DATA_DIR", PROJECT_DIR / "data")).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("JEUGDKETEN_DEMO", False) and not os.environ.get("PYTEST_VERSION"):
        raise RuntimeError("SECRET_KEY must be set outside demo, debug and test runs")
    # Only for the local demo and tests: an obviously non-production key.
    SECRET_KEY = "insecure-local-demo-key-" + "x" * 40

# Keyed hashes of personal identifiers (e.g. the verwijsindex BSN pseudonym) use their own key,
# so that rotating the session/CSRF secret does not touch stored pseudonyms.
PSEUDONYM_KEY = os.environ.get("JEUGDKETEN_PSEUDONYM_KEY", SECRET_KEY)

# Key of the access log's row hashes (verify_toegangslog); its own key so that rotating
# SECRET_KEY does not make every older row look tampered with.
TOEGANGSLOG_KEY = os.environ.get("JEUGDKETEN_TOEGANGSLOG_KEY", SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

# The demo (and only the demo) may switch the second factor off for demo logins; every page then
# shows a banner. Production leaves this off; JEUGDKETEN_REQUIRE_2FA=1 turns it on in the demo too.
DEMO_MODE = env_bool("JEUGDKETEN_DEMO", False)
# Outside the demo the second factor is always on: no setting can switch it off in production.
REQUIRE_2FA = env_bool("JEUGDKETEN_REQUIRE_2FA", False) if DEMO_MODE else True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    # DigiD (django-digid-eherkenning) and what it needs; jeugdketen.digid comes first so that its
    # templates (the mock identity provider's pages) take the place of the library's.
    "jeugdketen.digid",
    "solo",
    "privates",
    "simple_certmanager",
    "sessionprofile",
    "digid_eherkenning",
    "jeugdketen.core",
    "jeugdketen.organisaties",
    # The BRP adapter (Haal Centraal BRP API Personen): below every domain app that uses it.
    "jeugdketen.brp",
    # Domain apps: one line each, in dependency order (ARCHITECTURE.md "Which app may import which").
    "jeugdketen.personen",
    "jeugdketen.gezinnen",
    "jeugdketen.gezinsplan",
    "jeugdketen.jeugdhulp",
    "jeugdketen.toekomstplan",
    "jeugdketen.crisis",
    "jeugdketen.verwijsindex",
    "jeugdketen.plekvrij",
    "jeugdketen.agenda",
    "jeugdketen.ervaring",
    # Reads the apps above through their aggregate selectors only (a top layer).
    "jeugdketen.monitor",
    # Wires crisis and plekvrij together (they do not import each other): after both.
    "jeugdketen.koppelingen",
    "jeugdketen.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jeugdketen.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jeugdketen.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jeugdketen.organisaties.middleware.ActorMiddleware",
    "jeugdketen.organisaties.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jeugdketen.core.koppen.SessionEndMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "jeugdketen.core.middleware.SecurityHeadersMiddleware",
    "jeugdketen.core.middleware.LoginRequiredMiddleware",
    "jeugdketen.core.idempotentie.IdempotencyMiddleware",
    "jeugdketen.core.middleware.AccessLogUnavailableMiddleware",
    "jeugdketen.core.storing.DatabaseUnavailableMiddleware",
    "jeugdketen.core.middleware.RefusalMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jeugdketen.urls"
WSGI_APPLICATION = "jeugdketen.wsgi.application"

# Django's form renderer with <select> built in Python (core.forms.Weergave: the same markup).
FORM_RENDERER = "jeugdketen.core.forms.Weergave"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jeugdketen.core.context_processors.platform",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "jeugdketen.sqlite3"
# PostgreSQL connection options (primary and replica):
# * JIT off: PostgreSQL's JIT compiles a query whose estimated cost is high; for this
#   application's short indexed queries the compiling costs more than it saves
#   (benchmarks/README.md, second pass: 57 of 98 ms of the jeugdhulp list's count at 10x).
# * Parameters bound on the server and statements prepared after DB_PREPARE_THRESHOLD runs on a
#   connection: PostgreSQL then plans a page's queries once per connection instead of on every
#   request, and planning was most of their time (benchmarks/README.md, fourth pass: the plan
#   page's main query 6.3 ms of planning for 0.2 ms of execution). A connection pooler in
#   transaction mode needs prepared-statement support (PgBouncer 1.21+) or DB_PREPARE_THRESHOLD=0.
DB_PREPARE_THRESHOLD = int(os.environ.get("DB_PREPARE_THRESHOLD", "2"))
POSTGRES_OPTIONS = {
    "options": "-c jit=off",
    "server_side_binding": True,
    "prepare_threshold": DB_PREPARE_THRESHOLD or None,
}
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers continue while one request writes; a busy timeout instead of
    # "database is locked" errors under the demo's light concurrency.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    for _key, _value in POSTGRES_OPTIONS.items():  # a DATABASE_URL that sets one wins
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(_key, _value)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisaties.Gebruiker"

# --- Read replica for reports (docs/operations.md "Reports from a streaming replica") --------
# With DATABASE_REPLICA_URL (a PostgreSQL hot standby) the GET requests of the report and monitor
# pages read their aggregate tables there (jeugdketen.core.replica); writes, personal data, the
# session and the access log always stay on the primary (`default`).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    for _key, _value in POSTGRES_OPTIONS.items():  # as the primary
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(_key, _value)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["jeugdketen.core.replica.ReplicaRouter"]
MIDDLEWARE += ["jeugdketen.core.replica.ReportReadsMiddleware"]

# --- Cache, sessions, queue ---------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # A cache, not a dependency: while Redis is down calls count as misses (sessions come from
    # the database) and the API rate limit counts in the database (jeugdketen.core.cache, F6).
    CACHES = {"default": {"BACKEND": "jeugdketen.core.cache.FailSoftRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Database-backed sessions with a cache in front: a Redis outage never logs anyone out.
SESSION_ENGINE = "jeugdketen.core.sessie"  # cached_db; the idle expiry written at most once a minute
SESSION_COOKIE_AGE = 15 * 60  # 15 minutes idle (DigiD norm, NCSC)
SESSION_SAVE_EVERY_REQUEST = True  # sliding window: the age counts from the last request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Besides the idle timeout: a session ends this long after its login, however active (SECURITY C4).
SESSION_ABSOLUTE_AGE = int(os.environ.get("SESSION_ABSOLUTE_AGE", str(10 * 60 * 60)))  # 10 hours
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://localhost/")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Amsterdam"
# The beat schedule is not set here: each app registers its periodic tasks in AppConfig.ready()
# with jeugdketen.core.tasks.register_schedule (core: the outbox relay every minute).

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes locked out
# Lock the (account, address, browser) combination after repeated failures, so that nobody can
# lock a professional out from elsewhere (SECURITY C3), and an address that tries many accounts.
# Guessing at one account from many addresses is slowed down instead (organisaties/vertraging.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address", "user_agent"], "ip_address"]
AXES_ACCOUNT_SLOWDOWN_AFTER = int(os.environ.get("AXES_ACCOUNT_SLOWDOWN_AFTER", "10"))
AXES_LOCKOUT_TEMPLATE = "organisaties/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# The client address as our own trusted proxy reports it (TRUSTED_PROXY_IP_HEADER), the same
# function the access log uses; otherwise everyone behind the proxy would share one lockout.
AXES_CLIENT_IP_CALLABLE = "jeugdketen.core.access.client_ip"
# Failed logins keep the request's parameters; a BSN (the demo's mock DigiD) or a SAML artifact never.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "bsn", "auth_bsn", "SAMLart"]

OTP_TOTP_ISSUER = "Jeugdketen"

# --- Security headers ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Tests and the demo run on plain http://127.0.0.1; production gets https-only everything.
TESTING = "PYTEST_VERSION" in os.environ
LOCAL_HTTP = DEBUG or DEMO_MODE or TESTING
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_HTTP)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not LOCAL_HTTP)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The __Host- prefix (SECURITY C5) wherever cookies are Secure: a browser keeps such a cookie only
# with Secure, Path=/ and no Domain, so neither a sibling subdomain nor plain http can plant or
# overwrite it. The local http demo and the tests keep the plain names: without Secure a browser
# refuses a __Host- cookie, and nobody could log in (docs/operations.md).
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if (DEBUG or DEMO_MODE) else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The header that carries the client address when a trusted proxy is in front (access log).
TRUSTED_PROXY_IP_HEADER = os.environ.get("TRUSTED_PROXY_IP_HEADER", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- DigiD: how parents and youths log in (docs/operations.md "DigiD") --------------------------
# The demo and the tests use the library's mock identity provider, which takes any BSN from the
# URL. It is mounted, and its backend configured, only there; no environment variable turns it on.
DIGID_MOCK = DEMO_MODE or TESTING
DIGID_ENABLED = not DIGID_MOCK and env_bool("DIGID_ENABLED", False)
DIGID_AVAILABLE = DIGID_MOCK or DIGID_ENABLED
# The lowest DigiD level accepted: Substantieel for special-category data about children (SECURITY.md
# C2); a region's DPIA may ask for Hoog. Anything lower is refused, also when DigiD sends it.
DIGID_ASSURANCE_LEVEL = os.environ.get("DIGID_ASSURANCE_LEVEL", "substantieel").strip().lower()
if DIGID_ASSURANCE_LEVEL not in {"substantieel", "hoog"}:
    raise RuntimeError("DIGID_ASSURANCE_LEVEL must be 'substantieel' or 'hoog'")
DIGID_SAML = {
    "base_url": os.environ.get("DIGID_BASE_URL", os.environ.get("SITE_URL", "http://127.0.0.1:8000")).rstrip("/"),
    "entity_id": os.environ.get("DIGID_ENTITY_ID", ""),
    "metadata_file": os.environ.get("DIGID_METADATA_FILE", ""),
    "idp_entity_id": os.environ.get("DIGID_IDP_ENTITY_ID", ""),
    "cert_file": os.environ.get("DIGID_CERTIFICATE_FILE", ""),
    "key_file": os.environ.get("DIGID_PRIVATE_KEY_FILE", ""),
    "next_cert_file": os.environ.get("DIGID_NEXT_CERTIFICATE_FILE", ""),
    "service_name": os.environ.get("DIGID_SERVICE_NAME", "Jeugdketen"),
    "service_description": os.environ.get("DIGID_SERVICE_DESCRIPTION", "Het gezinsplan en het toekomstplan"),
    "attribute_consuming_service_index": os.environ.get("DIGID_ATTRIBUTE_CONSUMING_SERVICE_INDEX", "1"),
    "slo": env_bool("DIGID_SINGLE_LOGOUT", True),
    # The logout request travels in a URL (redirect binding): its name id (the BSN) goes encrypted
    # for DigiD, so that no BSN is ever readable in a URL.
    "slo_encrypt_name_id": env_bool("DIGID_SLO_ENCRYPT_NAME_ID", True),
    "want_assertions_signed": env_bool("DIGID_WANT_ASSERTIONS_SIGNED", True),
    "want_assertions_encrypted": env_bool("DIGID_WANT_ASSERTIONS_ENCRYPTED", False),
    "signature_algorithm": os.environ.get(
        "DIGID_SIGNATURE_ALGORITHM", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    ),
    "digest_algorithm": os.environ.get("DIGID_DIGEST_ALGORITHM", "http://www.w3.org/2001/04/xmlenc#sha256"),
    "artifact_resolve_content_type": os.environ.get("DIGID_ARTIFACT_RESOLVE_CONTENT_TYPE", "application/soap+xml"),
}
if DIGID_ENABLED:
    _missing = [
        name
        for name, key in [
            ("DIGID_ENTITY_ID", "entity_id"),
            ("DIGID_METADATA_FILE", "metadata_file"),
            ("DIGID_CERTIFICATE_FILE", "cert_file"),
            ("DIGID_PRIVATE_KEY_FILE", "key_file"),
        ]
        if not DIGID_SAML[key]
    ]
    if _missing:
        raise RuntimeError("DIGID_ENABLED is on, but these are not set: " + ", ".join(_missing))
# DigiD at Substantieel or higher is a second factor itself: no TOTP step after it.
LOGIN_BACKENDS_WITH_SECOND_FACTOR: list[str] = []
if DIGID_MOCK:
    LOGIN_BACKENDS_WITH_SECOND_FACTOR.append("jeugdketen.digid.backends.MockDigiDBackend")
elif DIGID_ENABLED:
    LOGIN_BACKENDS_WITH_SECOND_FACTOR.append("jeugdketen.digid.backends.DigiDBackend")
AUTHENTICATION_BACKENDS += LOGIN_BACKENDS_WITH_SECOND_FACTOR
if DIGID_ENABLED and not REDIS_URL:
    # The login request's id is kept in the cache until DigiD answers: every web process must see it.
    raise RuntimeError("DIGID_ENABLED needs REDIS_URL (a cache shared by all web processes)")
DIGID_MOCK_APP_TITLE = "Jeugdketen (demo)"
DIGID_MOCK_RETURN_URL = "gezinnen:mijn_gezin"  # where a citizen lands after logging in
# The certificate manager of django-digid-eherkenning stores its (unused) files here, never served.
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
PRIVATE_MEDIA_URL = "/private-media/"
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT

from csp.constants import NONE, SELF  # noqa: E402

# No 'unsafe-inline' and no 'unsafe-eval', literally (DigiD norm U/PW.03); no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
NODE_MODULES = Path(os.environ.get("JEUGDKETEN_NODE_MODULES", PROJECT_DIR / "node_modules"))
STATICFILES_DIRS = [
    ("nlds/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("nlds/voorbeeld", NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist"),
    ("nlds/digid-button", NODE_MODULES / "@utrecht" / "digid-button-css" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files get the pages' security headers too (WhiteNoise answers them before that middleware).
from jeugdketen.core.koppen import static_headers  # noqa: E402

WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
WHITENOISE_USE_FINDERS = DEBUG or DEMO_MODE or bool(os.environ.get("PYTEST_VERSION"))
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even when serving from finders
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if DEMO_MODE and "EMAIL_BACKEND" not in os.environ:
    # The demo's e-mails land as files in the data folder: readable, without flooding the console.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@jeugdketen.example")
# Links in e-mails point here; e-mails never carry personal data, only "there is news" + a link.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: a body offered in three content types broke generated clients (the last one won).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_PAGINATION_CLASS": "jeugdketen.core.paginering.Paginering",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "jeugdketen.core.api.exception_handler",
}
# How long an Idempotency-Key's first answer is kept for retries (core.idempotentie, SECURITY F3).
IDEMPOTENTIE_TERMIJN_UREN = float(os.environ.get("IDEMPOTENTIE_TERMIJN_UREN", "24"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Jeugdketen API",
    "DESCRIPTION": "API van Jeugdketen voor de systemen van aangesloten organisaties.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"PlekSoortEnum": "jeugdketen.plekvrij.models.Soort"},
    # Every operation documents the error answers the API gives (core/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jeugdketen.core.api_schema.foutantwoorden",
    ],
}

# --- BRP (Haal Centraal BRP API Personen, docs/brp.md) ------------------------------------
# Empty URL: no BRP (pages work on what is recorded). `jeugdketen demo` starts the stand-in and
# sets it; production points at the municipality's BRP API gateway.
BRP_API_URL = os.environ.get("BRP_API_URL", "")
BRP_API_KEY = os.environ.get("BRP_API_KEY", "")
BRP_API_KEY_HEADER = os.environ.get("BRP_API_KEY_HEADER", "X-API-KEY")
BRP_TIMEOUT = float(os.environ.get("BRP_TIMEOUT", "3"))

# --- Logging: technical logs carry no personal data (the access log is a table, not a file) --
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One INFO line per task run says nothing an operator needs; failures still show.
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        # The SAML library's debug lines hold whole DigiD answers, BSN included: never below WARNING.
        "onelogin": {"level": "WARNING"},
    },
}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
