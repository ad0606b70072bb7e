"""The one settings module. Everything that differs between machines comes from the environment.

With nothing set, the app runs for development on SQLite in the project folder. Production sets
`DEBUG=0`, `SECRET_KEY`, `ALLOWED_HOSTS` and `DATABASE_URL` (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from interviewkit.sso import config as sso_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG off (production) set SECRET_KEY to a long random value, "
        'for example: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "interviewkit",
    "scorecards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "interviewkit.middleware.csp.ContentSecurityPolicyMiddleware",
    # PUT, PATCH, DELETE and the like: 405 before any view runs.
    "interviewkit.middleware.methods.AllowedMethodsMiddleware",
    "interviewkit.middleware.request_limits.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "interviewkit.middleware.session_idle.IdleSessionMiddleware",
    # A POST or htmx request of a logged-out person: 401 with a message, never the login page.
    "interviewkit.middleware.logged_out.LoggedOutWritesMiddleware",
    # The viewer's time zone (profile, else browser) for every form and template in the request.
    "interviewkit.middleware.timezone.UserTimeZoneMiddleware",
    # Cache-Control: no-store on every response to a logged-in person.
    "interviewkit.middleware.private_cache.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records every PermissionDenied a view raises (who, which path) in the audit log.
    "interviewkit.middleware.audit.AuditPermissionDeniedMiddleware",
    # Last: turns a login attempt during a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves its own static files (compressed, cache-busted); runserver does in DEBUG.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "interviewkit.urls"
WSGI_APPLICATION = "interviewkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interviewkit.context_processors.navigation",
            ],
            # `zoned` everywhere without a {% load %}: every time shown must name its zone.
            "builtins": ["interviewkit.templatetags.zoned"],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise
# (postgres://user:pass@host:5432/name or sqlite:////absolute/path.sqlite3).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A busy web server and a task worker share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("DB_LOCK_TIMEOUT_SECONDS", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the candidate list's status filter makes the planner overestimate its
    # cost, and compiling took 400 of its 560 ms at 20,000 candidates (docs/performance.md).
    # A hung database must not hold a request (or an autosave) for minutes: give up connecting
    # after DB_CONNECT_TIMEOUT_SECONDS and cancel a statement after DB_STATEMENT_TIMEOUT_MS.
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    pg_options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT_SECONDS", 5))
    pg_options.setdefault(
        "options",
        f"-c jit=off -c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', 15000)}"
        f" -c lock_timeout={env_int('DB_LOCK_TIMEOUT_MS', 10000)}",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes first: it refuses a locked-out login before the model backend checks the password. It
# needs the request, so tests log in with `client.force_login(user)` (or pass `request=`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "interviewkit.auth_backend.ModelBackendWithProfile",
]

# Single sign-on with OpenID Connect (interviewkit/sso/, README.md "Single sign-on"): on when
# OIDC_CLIENT_ID is set, with its secret, the provider (OIDC_DISCOVERY_URL or OIDC_ISSUER) and
# OIDC_GROUP_MAP ("idp-group=persona,…"). LOCAL_LOGIN=0 then leaves password login to
# superusers only (the break-glass account for when the provider is down).
SSO = sso_config.from_environment(os.environ)
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)
if not LOCAL_LOGIN:
    if SSO is None:
        raise ImproperlyConfigured(
            "LOCAL_LOGIN=0 needs single sign-on (OIDC_CLIENT_ID and the rest)"
        )
    AUTHENTICATION_BACKENDS[1] = "interviewkit.auth_backend.SuperuserOnlyModelBackend"
if SSO is not None:
    AUTHENTICATION_BACKENDS.append("interviewkit.sso.backend.OidcBackend")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Limit what one request may make the server hold in memory (forms, uploads: kit documents and
# scorecard CSVs are far smaller).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_500_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_500_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
# Any request body, uploaded files included (interviewkit.middleware.request_limits): 413 above it.
MAX_REQUEST_BODY_SIZE = env_int("MAX_REQUEST_BODY_SIZE", 10_000_000)
# A candidate's CV (PDF or .docx), stored privately under MEDIA_ROOT/cvs/.
CV_MAX_BYTES = env_int("CV_MAX_BYTES", 5_000_000)

# Sessions and cookies. An idle session ends after SESSION_IDLE_HOURS: every request of a
# logged-in person moves the expiry on (interviewkit.middleware.session_idle refreshes it at
# most every few minutes rather than writing the session on every request). Login rotates the
# session key.
SESSION_COOKIE_AGE = int(timedelta(hours=env_int("SESSION_IDLE_HOURS", 8)).total_seconds())
SESSION_IDLE_REFRESH_SECONDS = 300
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS and security headers: on by default in production, each can be turned off by its
# environment variable (for example HSTS while trying a new domain).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# The preload flag only allows submitting the domain to browsers' preload lists; it submits nothing.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# TLS ends at the load balancer (README, production deployment), which sets X-Forwarded-Proto.
# Only trust the header where a proxy that overwrites it stands in front of the app.
if env_bool("TRUST_X_FORWARDED_PROTO", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy header (interviewkit.middleware.csp): the app's pages load only
# their own scripts and styles, never inline ones.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# Login throttling (django-axes): AXES_FAILURE_LIMIT failed logins for one username (from any
# address), or from one address (for any usernames: password spraying), lock that username or
# that address out for a cool-off, which ends by itself.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# How many proxies (load balancers) in front of the app append to X-Forwarded-For; 0 trusts
# no header. Axes and the audit log read the client's address the same way.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "interviewkit.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
# The cool-off counts from the lockout: more attempts during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Successful logins and logouts are in the audit log already.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Candidate data retention: `manage.py erase_old_candidates` erases the personal data of
# candidates added more than this many days ago (their scores stay as anonymous statistics).
CANDIDATE_RETENTION_DAYS = env_int("CANDIDATE_RETENTION_DAYS", 365)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The address people reach the app at: links in mail sent by the periodic jobs (no request).
SITE_URL = env_str("SITE_URL", "http://localhost:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "interviewkit <noreply@localhost>")

# A task worker silent this long counts as dead: its running task is queued again
# (scorecards/task_worker.py).
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 30)
# Candidates per export task (scorecards.services.exports.chunk_size).
EXPORT_CHUNK_SIZE = env_int("EXPORT_CHUNK_SIZE", 5)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Errors (django.request's 500s above all) go to stderr, where gunicorn, systemd or the
# container runtime collect them; DEBUG or not. LOG_LEVEL raises or lowers the rest.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

# The REST API (scorecards/api/): personal API tokens or the session, per-token rate limits,
# one error shape (scorecards.api.errors), an OpenAPI 3 schema at /api/v1/schema/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "scorecards.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["scorecards.api.auth.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["scorecards.api.auth.PerTokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON nested deeper than the importers allow is a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "scorecards.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "scorecards.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "interviewkit API",
    "DESCRIPTION": "Roles and kits, candidates, interviews, scorecards, packets, decisions and "
    "the audit log. Authenticate with a personal API token: `Authorization: Bearer ikt_…`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Requests per API token (or per person, for the session): "<n>/second|minute|hour|day". Counted
# in Django's cache: CACHE_BACKEND=local (the default) counts per process, so with several
# gunicorn workers or app servers a token gets the limit once per process; CACHE_BACKEND=database
# shares the counts through the database (run `python manage.py createcachetable` once).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/minute")
_CACHE_BACKENDS = {
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "interviewkit_cache",
    },
}
_cache_backend = env_str("CACHE_BACKEND", "local")
if _cache_backend not in _CACHE_BACKENDS:
    raise ImproperlyConfigured(
        f"CACHE_BACKEND={_cache_backend!r}: use one of {', '.join(_CACHE_BACKENDS)}"
    )
CACHES = {"default": _CACHE_BACKENDS[_cache_backend]}
# Longest lifetime of a personal API token, in days.
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 366)

# Webhooks (scorecards/webhooks/): plain http targets only in development; each attempt waits
# at most WEBHOOK_TIMEOUT_SECONDS; a failed delivery is retried after 30 s, 2 min, 8 min, …
# (WEBHOOK_RETRY_BASE_SECONDS × 4ⁿ) up to WEBHOOK_MAX_ATTEMPTS attempts in all.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", DEBUG)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
