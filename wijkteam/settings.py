"""Settings, all from environment variables (12-factor). Safe defaults when DEBUG is off."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY ontbreekt (verplicht als DEBUG uit staat).")
    SECRET_KEY = "onveilig-alleen-voor-ontwikkeling-" + "x" * 40

# The demo switch lets demo accounts see their current second-factor code on the login page.
# It is refused outside DEBUG.
DEMO_MODE = env_bool("DEMO_MODE")
if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured("DEMO_MODE is alleen toegestaan met DEBUG=1, nooit in productie.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "guardian",
    "simple_history",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "django_ratelimit",
    "toegang",
    "casussen",
    "plannen",
    "partners",
    "wijkteam",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "wijkteam.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "toegang.middleware.HuidigVerzoekMiddleware",
    "toegang.middleware.SessieduurMiddleware",
    "toegang.middleware.TweedeFactorMiddleware",
    "wijkteam.ratelimiet.RatelimietMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkteam.urls"
WSGI_APPLICATION = "wijkteam.wsgi.application"

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
                "wijkteam.navigatie.navigatie",
            ],
        },
    },
]

# Form widgets render through Jinja2, some with faster templates of our own (issue 10).
FORM_RENDERER = "wijkteam.formulieren.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgresql://wijkteam@localhost/wijkteam"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A Unix-socket URL (postgresql://user@/db?host=/path) names its socket directory as an option;
# HOST is where Django, pg_dump and the worker environment look for it.
if "host" in DATABASES["default"].get("OPTIONS", {}):
    DATABASES["default"]["HOST"] = DATABASES["default"]["OPTIONS"].pop("host")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
# Kombu names a Unix socket "redis+socket://"; redis-py (the cache) names it "unix://".
_CELERY_REDIS = (
    "redis+socket://" + REDIS_URL.removeprefix("unix://")
    if REDIS_URL.startswith("unix://")
    else REDIS_URL
)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "wijkteam",
    }
}

AUTH_USER_MODEL = "toegang.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "toegang.backends.GebruikerMetTeamBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "toegang:inloggen"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "toegang:inloggen"

# Sessions: server-side in the database; 30 minutes idle and 12 hours at most
# (toegang.middleware.SessieduurMiddleware enforces both).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_SECONDS = 30 * 60
SESSION_MAX_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "wijkteam_sessie"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "wijkteam.views.csrf_failure"

# Five failed logins lock the account, whatever the IP address or browser.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "toegang/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# axes.W006 asks to lock by IP address too; that would lock a whole office behind one NAT address.
# The account lock is what the law asks for; per-IP rate limits come from a separate limiter.
# django_ratelimit.W001: Django's own RedisCache (atomic INCR) is not on its list of tested caches.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "django_ratelimit.W001"]

# Rate limits (issue 11), counted per user (per IP address before login) in the Redis cache:
# URL name -> (limit, the only method counted, or None for every method). The login steps count
# attempts; searches and exports every request. Over the limit: 429 (wijkteam.ratelimiet).
_EXPORT = ("30/m", None)
RATELIMIETEN = {
    "toegang:inloggen": ("30/m", "POST"),  # per IP address: a whole office may share one
    "toegang:tweede_factor": ("10/m", "POST"),
    "casussen:zoeken": ("60/m", None),
    "casussen:melding_huishouden": ("60/m", None),  # finds households by postcode
    "casussen:stuurinformatie_csv": _EXPORT,
    "casussen:stuurinformatie_xlsx": _EXPORT,
    "toegang:logboek": _EXPORT,  # its CSV export is the same URL with ?formaat=csv
    "toegang:inzage": _EXPORT,
    "toegang:toestemming_pdf": _EXPORT,
    "plannen:pdf_downloaden": _EXPORT,
    "plannen:aanvraag_plan_pdf": _EXPORT,
    "plannen:beschikking_pdf_downloaden": _EXPORT,
    "plannen:ondertekening_bestand": ("120/m", None),  # also the signatures shown on a plan
}
# Behind a proxy REMOTE_ADDR is the proxy's: name the header that carries the client's address
# (say HTTP_X_REAL_IP, set by the proxy alone).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# Off only for load tests of one user on one page (bench/): RATELIMIT_ENABLE=0.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)

OTP_TOTP_ISSUER = "Wijkteam"

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / ".data" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Optional virus scan of uploads (wijkteam.virusscan): clamd's Unix socket, or its host and port.
# When set, an upload is refused if clamd finds a virus or does not answer.
CLAMAV_SOCKET = os.environ.get("CLAMAV_SOCKET", "")
CLAMAV_HOST = os.environ.get("CLAMAV_HOST", "")
CLAMAV_PORT = int(os.environ.get("CLAMAV_PORT", "3310"))
CLAMAV_TIMEOUT = float(os.environ.get("CLAMAV_TIMEOUT", "30"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wijkteam@gemeente.example")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", _CELERY_REDIS)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", _CELERY_REDIS)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands a task that was taken but never acknowledged (its worker was killed) to another
# worker after this many seconds: longer than the longest task. Tests of a killed worker set it
# short.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Written into django-celery-beat's tables at start; the beheerder can change them there.
# Sending fails fast when Redis is away; the call is kept (wijkteam.celery.BestendigeTaak).
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE = {
    "uitgestelde taken versturen": {"task": "wijkteam.uitgestelde_versturen", "schedule": 60},
    "herinneringen scannen": {"task": "casussen.tasks.herinneringen_scannen", "schedule": 3600},
    "dagoverzicht mailen": {
        "task": "casussen.tasks.dagoverzichten_versturen",
        "schedule": crontab(hour=7, minute=0),
    },
    "bewaartermijn toepassen": {
        "task": "toegang.tasks.bewaartermijn_toepassen",
        "schedule": crontab(day_of_month=1, hour=2, minute=30),
    },
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
