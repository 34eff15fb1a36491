"""OneVoice settings, read from the environment (and a `.env` file beside manage.py).

Every variable is listed with its default and meaning in README.md ("Configuration").
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. OneVoice needs a secret key whenever DEBUG is off. "
            'Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))" '
            "and put SECRET_KEY=<that value> in the environment or in .env "
            "(or set DEBUG=1 for local development)."
        )
    # Development only: a fixed key is harmless on a laptop and keeps sessions across restarts.
    SECRET_KEY = "dev-only-insecure-key-never-used-when-debug-is-off"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "personas",
    "messaging",
    "collateral",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the CSRF and login checks: a NUL in a parameter is a 400 before any view runs.
    "config.middleware.RejectNulMiddleware",
    # Deny by default: signed in but no role means the "no role yet" page and nothing else.
    "config.no_role.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A persona page asked at an address its persona had before a rename: redirected.
    "personas.addresses.OldAddressMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "personas.roles.context_processor",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (downloads are writes) must queue, not fail with "database is locked":
    # WAL lets readers run beside one writer, IMMEDIATE takes the write lock at BEGIN so a
    # transaction never has to upgrade its lock halfway, and the timeout makes writers wait.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles any query its planner costs above 100,000, and the reports'
    # per-asset subqueries cost that much while running in tens of milliseconds: compiling
    # took 320 of the stale CSV's 370 ms on the bench data (bench/README.md). An intranet's
    # short queries never win it back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes refuses a locked-out username before Django checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with permission sets kept in a shared cache (personas.usercache).
    "personas.backends.CachedModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# A working day: a shared office computer does not stay signed in overnight.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes, checklist D19). A username is locked after
# LOGIN_FAILURE_LIMIT failed sign-ins, each within LOGIN_LOCKOUT_MINUTES of the previous one,
# and stays locked for LOGIN_LOCKOUT_MINUTES after the last failure (or until an administrator
# deletes its "access attempt" in the admin). Locking by username only: on an intranet many
# people share one office IP, and locking the IP would let one mistyped password (or one
# attacker) lock out everyone behind it.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Attempts while locked do not push the end of the lockout back, so the time the lockout page
# names stays true for the real user even while someone keeps guessing.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "config.throttle.locked_out"
# axes.W006 asks for the IP in the lockout parameters; see above for why it is not.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# --- Cache ----------------------------------------------------------------------------------
# CACHE_URL: redis://127.0.0.1:6379/0 in production (several gunicorn workers share it);
# local memory (per process) by default. Sessions and role facts (personas.usercache) are kept
# in the cache only when it is shared: in a per-process cache a sign-out or a role taken away
# in one worker would not reach the others.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
CACHES["default"].setdefault("KEY_PREFIX", "onevoice")
ONEVOICE_CACHE_ROLES = not CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache"))
if ONEVOICE_CACHE_ROLES:
    # Read from the cache, written through to the database: no session is lost on a restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded files are never served by URL: only permission-checked views read them, so
# MEDIA_URL is deliberately absent from urls.py and MEDIA_ROOT sits outside STATIC_ROOT.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=200)
# Persona photos and other images are refused above this many pixels (decompression bombs).
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)

# --- Collateral -----------------------------------------------------------------------------
# Serve downloads through nginx (X-Accel-Redirect to this internal location) instead of
# streaming them from Python. Empty means Django streams the file itself.
ONEVOICE_ACCEL_REDIRECT_PREFIX = env.str("ACCEL_REDIRECT_PREFIX", default="")
# A newly published asset is not reported as "unused" until it has been out this long.
ONEVOICE_UNUSED_GRACE_DAYS = env.int("UNUSED_GRACE_DAYS", default=30)
# A persona profile not reviewed for this long is marked as due for review.
ONEVOICE_PERSONA_REVIEW_DAYS = env.int("PERSONA_REVIEW_DAYS", default=180)

# --- E-mail ---------------------------------------------------------------------------------
# EMAIL_URL is one URL (smtp+tls://user:password@host:587, consolemail://), turned into
# Django 6.1's MAILERS setting.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    # A mail server that hangs must not hold a page or a task for long.
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v not in (None, "")}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OneVoice <onevoice@localhost>")
# Links in mails point here (mails are sent outside any request, so no host is known).
ONEVOICE_SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# --- Background tasks -----------------------------------------------------------------------
# Mails are sent through django.tasks after the change commits. The immediate backend runs
# the task right then, in the same process; point TASKS_BACKEND at a queue's backend (e.g.
# django-tasks' database backend with a worker) to take the sending off the request.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# --- Security -------------------------------------------------------------------------------
# Production defaults are strict; each can be relaxed by environment, e.g. behind a proxy
# that terminates TLS (set SECURE_PROXY_SSL_HEADER=1 only if the proxy strips that header).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The preload directive only matters once the domain is submitted to browsers' list.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every task start and finish is logged at INFO; failures still show.
        "django.tasks": {"level": "WARNING"},
    },
}
