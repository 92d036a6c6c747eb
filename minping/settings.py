"""Settings for minping, read from the environment.

Every value has a default that runs the demo on SQLite with no configuration; production
sets MINPING_ENV=production and the system checks in ``minping.checks`` refuse demo secrets.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO_SECRET_KEY = "demo-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
DEMO_PII_KEY = "ZGVtby1waWkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE="  # noqa: S105


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if not value else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


MINPING_ENV = env_str("MINPING_ENV", "demo")  # "demo", "test" or "production"
SECRET_KEY = env_str("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", MINPING_ENV != "production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Key for the personal-data vault (ID numbers, phones). A urlsafe base64 32-byte key;
# several keys separated by commas allow rotation (the first encrypts, all decrypt).
MINPING_PII_KEY = env_str("MINPING_PII_KEY", DEMO_PII_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "minping",
    "minping.accounts",
    "minping.campaigns",
    "minping.departments",
    "minping.selection",
    "minping.ballots",
    "minping.surveys",
    "minping.suggestions",
    "minping.consultations",
    "minping.meetings",
    "minping.hotline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "minping.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "minping.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "minping.urls"
WSGI_APPLICATION = "minping.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "minping" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minping.context_processors.site",
            ],
        },
    },
]

# SQLite by default: one file, WAL, IMMEDIATE transactions (see DESIGN.md: DEFERRED
# read-then-write transactions fail under load) and synchronous=FULL so that an
# acknowledged ballot or suggestion survives a power loss.
SQLITE_PATH = env_str("SQLITE_PATH", str(BASE_DIR / "var" / "minping.sqlite3"))
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Closing the last connection checkpoints and syncs the WAL on every request;
            # keeping it open is as durable and ~2.4x faster on the ballot path
            # (docs/benchmarks/ballots.md).
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "minping.accounts.backends.PhoneOrUsernameBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "minping" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "minping" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if MINPING_ENV == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = MINPING_ENV != "production"
# The local data directory (SQLite file, uploads, collected static) exists from the start,
# so a fresh clone migrates and serves without a manual mkdir.
for _directory in (Path(SQLITE_PATH).parent, MEDIA_ROOT, STATIC_ROOT):
    _directory.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
MINPING_MAX_IMPORT_BYTES = env_int("MINPING_MAX_IMPORT_BYTES", 60 * 1024 * 1024)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Where outgoing SMS go ("console" prints them; production plugs in a gateway class).
# The demo's console shows message bodies (synthetic people's codes); elsewhere the console
# backend logs only the masked phone and the length.
MINPING_SMS_BACKEND = env_str(
    "MINPING_SMS_BACKEND",
    "minping.lib.sms.DemoConsoleBackend"
    if MINPING_ENV == "demo"
    else "minping.lib.sms.ConsoleBackend",
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", MINPING_ENV == "production")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # With DEBUG=False Django would otherwise say nothing of a 500 on stderr.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "jieba": {"level": "WARNING"},
    },
}

# Rate limits of public lookups (minping.lib.ratelimit) count failures per client address.
# Behind a reverse proxy REMOTE_ADDR is the proxy: name the request.META key of the header
# the proxy sets (e.g. HTTP_X_REAL_IP, or HTTP_X_FORWARDED_FOR whose last entry is used).
MINPING_CLIENT_IP_HEADER = env_str("MINPING_CLIENT_IP_HEADER", "")
# The counters live in the cache: per process by default; several app servers share them
# through the database cache (MINPING_CACHE=database, then `manage.py createcachetable`).
if env_str("MINPING_CACHE", "locmem") == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "minping_cache",
        }
    }
