"""Settings for Följsam: one file, every value typed and read from the environment.

``FOLJSAM_ENV`` is ``development`` (the default) or ``production``. Development needs
nothing set: SQLite in ``var/``, a generated secret key, mail to the console.
Production refuses to start without a secret key and allowed hosts. See
docs/operations.md for every variable.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from foljsam.core.env import (
    development_secret_key,
    envbool,
    envchoice,
    envint,
    envlist,
    envsecret,
    envstr,
)

# Lets generic Django classes be subscripted (ModelAdmin[Unit]) for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

FOLJSAM_ENV = envchoice(
    "FOLJSAM_ENV", "development", frozenset({"development", "production"})
)
PRODUCTION = FOLJSAM_ENV == "production"

VAR_DIR = Path(envstr("FOLJSAM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", default=not PRODUCTION)

_secret = envsecret("SECRET_KEY")
if _secret is None:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when FOLJSAM_ENV=production."
        )
    _secret = development_secret_key(VAR_DIR)
elif PRODUCTION and len(_secret) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
SECRET_KEY = _secret

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the host(s) that serve Följsam in production."
    )
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "foljsam.core",
    "foljsam.accounts",
    "foljsam.registry",
    "foljsam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "foljsam.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL selects it; the default is SQLite in var/.
_database_url = envstr("DATABASE_URL", "")
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be used: {exc}") from None
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "foljsam.sqlite3"),
    }
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer writes; IMMEDIATE takes the write lock
    # when a transaction starts, so two writers queue instead of failing midway.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
elif _db["ENGINE"] not in {
    "django.db.backends.postgresql",
    "django.db.backends.postgresql_psycopg2",
}:
    raise ImproperlyConfigured(
        f"DATABASE_URL must point at SQLite or PostgreSQL, not {_db['ENGINE']}."
    )
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Swedish first, English complete; Stockholm time.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
# Production serves collected files (collectstatic) through WhiteNoise; development
# serves them straight from the apps.
STATIC_ROOT = Path(
    envstr(
        "STATIC_ROOT",
        str(BASE_DIR / "staticfiles" if PRODUCTION else VAR_DIR / "static"),
    )
)
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files are never served as static files: they live under var/ and are
# sent only by views that check who is asking.
FOLJSAM_PRIVATE_DIR = Path(envstr("FOLJSAM_PRIVATE_DIR", str(VAR_DIR / "private")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FOLJSAM_IMPORT_MAX_BYTES = envint(
    "FOLJSAM_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024
)

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = envstr(
    "EMAIL_BACKEND",
    _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
_mail_options: dict[str, object] = {}
if _mail_backend == _SMTP:
    _mail_options = {
        "host": envstr("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25, minimum=1, maximum=65535),
        "username": envstr("EMAIL_HOST_USER", ""),
        "password": envsecret("EMAIL_HOST_PASSWORD") or "",
        "use_tls": envbool("EMAIL_USE_TLS", default=False),
        "timeout": envint("EMAIL_TIMEOUT", 30, minimum=1),
    }
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "foljsam@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
