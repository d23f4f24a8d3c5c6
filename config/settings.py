"""Settings for Följsam: one file, every value typed and read from the environment.

``FOLJSAM_ENV`` is ``development`` (the default) or ``production``. Development needs
nothing set: SQLite in ``var/``, a generated secret key, mail to the console.
Production refuses to start without a secret key and allowed hosts. See
docs/operations.md for every variable.
"""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

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
    "foljsam.accounts.admin_apps.FoljsamAdminConfig",  # django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "mozilla_django_oidc",
    "django_tasks_db",
    "foljsam.core",
    "foljsam.accounts",
    "foljsam.registry",
    "foljsam.requirements",
    "foljsam.complaints",
    "foljsam.followups",
    "foljsam.financial",
    "foljsam.findings",
    "foljsam.portal",
    "foljsam.planning",
    "foljsam.screening",
    "foljsam.reporting",
    "foljsam.publishing",
    "foljsam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "foljsam.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware: a timed-out session says why with a message.
    "foljsam.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Names the request's user in every history row a save writes.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Counts failed logins and locks the account (django-axes); last, as it asks.
    "axes.middleware.AxesMiddleware",
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
                "foljsam.accounts.navigation.access",
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

# Passwords per OWASP ASVS 5.0 level 2: at least 12 characters, not a common or
# look-alike password, no rules about kinds of characters, no forced rotation.
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
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# An invitation link works for days; a password-reset link for an hour.
FOLJSAM_INVITATION_DAYS = envint("FOLJSAM_INVITATION_DAYS", 7, minimum=1, maximum=30)
PASSWORD_RESET_TIMEOUT = 60 * envint(
    "FOLJSAM_PASSWORD_RESET_MINUTES", 60, minimum=5, maximum=24 * 60
)
# A provider's answer link (the portal) works for this many days unless used.
FOLJSAM_ANSWER_LINK_DAYS = envint("FOLJSAM_ANSWER_LINK_DAYS", 30, minimum=1, maximum=90)
# A screening campaign's links keep working this many days after its deadline,
# so that a late answer is still possible (and counted as overdue).
FOLJSAM_SCREENING_GRACE_DAYS = envint(
    "FOLJSAM_SCREENING_GRACE_DAYS", 14, minimum=0, maximum=90
)
# `foljsam screening remind` reminds the providers who have not answered this
# many days before a campaign's deadline, and once more when it has passed.
FOLJSAM_SCREENING_REMIND_DAYS_BEFORE = envint(
    "FOLJSAM_SCREENING_REMIND_DAYS_BEFORE", 5, minimum=1, maximum=60
)

# City identity provider (OpenID Connect): on when a client id is configured.
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID", "")
FOLJSAM_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = envsecret("OIDC_RP_CLIENT_SECRET") or ""
OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = envstr("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = envstr("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_USE_NONCE = True
OIDC_USE_PKCE = envbool("OIDC_USE_PKCE", default=True)
# OpenID Connect Core 3.1.3.7: the ID token's issuer must be the identity
# provider's. Checked when set (mozilla-django-oidc does not check it itself).
FOLJSAM_OIDC_ISSUER = envstr("OIDC_OP_ISSUER", "")
OIDC_STORE_ID_TOKEN = bool(OIDC_OP_LOGOUT_ENDPOINT)
OIDC_CREATE_USER = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10, minimum=1, maximum=120)
OIDC_VERIFY_SSL = envbool("OIDC_VERIFY_SSL", default=True)
LOGIN_REDIRECT_URL_FAILURE = "login"
# Which claims say who the person is in the city, and how the identity provider's
# group names map to Följsam's roles ("group=role,group=role").
FOLJSAM_OIDC_ORGANISATION_CLAIM = envstr(
    "FOLJSAM_OIDC_ORGANISATION_CLAIM", "organisation"
)
FOLJSAM_OIDC_ROLES_CLAIM = envstr("FOLJSAM_OIDC_ROLES_CLAIM", "roles")
FOLJSAM_OIDC_ROLE_MAP = envstr("FOLJSAM_OIDC_ROLE_MAP", "")
if FOLJSAM_OIDC_ENABLED and not all(
    [OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT]
):
    raise ImproperlyConfigured(
        "OIDC_RP_CLIENT_ID is set: OIDC_OP_AUTHORIZATION_ENDPOINT, "
        "OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_JWKS_ENDPOINT must be set too."
    )

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked account before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if FOLJSAM_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("foljsam.accounts.oidc.CityOIDCBackend")

# Five failed logins lock the account for FOLJSAM_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = envint("FOLJSAM_LOCKOUT_ATTEMPTS", 5, minimum=3, maximum=20)
# The account is locked, not the address: the city's staff share a few NAT
# addresses, and five typos among colleagues must not lock out a whole office.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_COOLOFF_TIME = envint("FOLJSAM_LOCKOUT_MINUTES", 30, minimum=1) / 60
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # the security log says it, without the noise

# Sessions end after FOLJSAM_SESSION_IDLE_MINUTES without a request, and in any case
# FOLJSAM_SESSION_MAX_HOURS after the login.
FOLJSAM_SESSION_IDLE_MINUTES = envint(
    "FOLJSAM_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60
)
FOLJSAM_SESSION_MAX_HOURS = envint(
    "FOLJSAM_SESSION_MAX_HOURS", 10, minimum=1, maximum=72
)
SESSION_COOKIE_AGE = FOLJSAM_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

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
# Evidence files (core/files.py): the largest file, and for DOCX/XLSX (zip
# packages) the most parts and the most bytes they may unpack to.
FOLJSAM_UPLOAD_MAX_BYTES = envint(
    "FOLJSAM_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024
)
FOLJSAM_UPLOAD_MAX_ENTRIES = envint("FOLJSAM_UPLOAD_MAX_ENTRIES", 2000, minimum=10)
FOLJSAM_UPLOAD_MAX_UNPACKED_BYTES = envint(
    "FOLJSAM_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024, minimum=1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A protocol posts three fields per question: room for protocols of ~1,600.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FOLJSAM_IMPORT_MAX_BYTES = envint(
    "FOLJSAM_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024
)

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = envstr(
    "EMAIL_BACKEND",
    _SMTP if PRODUCTION else "foljsam.core.mail.ConsoleEmailBackend",
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
# Where Följsam is reached, for links in e-mail sent from the command line and the
# worker (a web request knows its own address).
FOLJSAM_BASE_URL = envstr("FOLJSAM_BASE_URL", "http://127.0.0.1:8000")
# The open data (issue 8). Its absolute addresses (the files, the DCAT-AP-SE
# identifiers, each result's page) come from FOLJSAM_PUBLIC_BASE_URL when set
# (scheme and host, no path), so that the national data portal's harvester always
# sees the same URIs; otherwise from the request's own address.
FOLJSAM_PUBLIC_BASE_URL = envstr("FOLJSAM_PUBLIC_BASE_URL", "").rstrip("/")
if FOLJSAM_PUBLIC_BASE_URL and not re.fullmatch(
    r"https?://[^/?#\s]+", FOLJSAM_PUBLIC_BASE_URL
):
    raise ImproperlyConfigured(
        "FOLJSAM_PUBLIC_BASE_URL must be a scheme and a host, such as "
        "https://foljsam.stad.se, without a path."
    )
# Who publishes the open data and answers for it (DCAT-AP-SE publisher and
# contact point); the organisation number names the publisher on dataportal.se.
FOLJSAM_PUBLISHER_NAME = envstr(
    "FOLJSAM_PUBLISHER_NAME", "Stockholms stad, socialförvaltningen"
)
FOLJSAM_PUBLISHER_ORG_NUMBER = envstr("FOLJSAM_PUBLISHER_ORG_NUMBER", "2120000142")
FOLJSAM_PUBLISHER_HOMEPAGE = envstr("FOLJSAM_PUBLISHER_HOMEPAGE", "")
FOLJSAM_OPEN_DATA_CONTACT_EMAIL = envstr(
    "FOLJSAM_OPEN_DATA_CONTACT_EMAIL", "oppna-data@stad.example"
)
# The area the data covers, as a GeoNames URI (DCAT-AP-SE's recommendation).
FOLJSAM_OPEN_DATA_SPATIAL = envstr(
    "FOLJSAM_OPEN_DATA_SPATIAL", "http://sws.geonames.org/2673730"
)
# The accessibility statement's ways to reach the city (DOS-lagen).
FOLJSAM_ACCESSIBILITY_CONTACT_EMAIL = envstr(
    "FOLJSAM_ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@stad.example"
)
FOLJSAM_ACCESSIBILITY_CONTACT_PHONE = envstr("FOLJSAM_ACCESSIBILITY_CONTACT_PHONE", "")
# `foljsam remind` tells a provider this many days before a complement deadline.
FOLJSAM_REMINDER_DAYS_BEFORE = envint(
    "FOLJSAM_REMINDER_DAYS_BEFORE", 7, minimum=1, maximum=60
)
# The adapter that fills a financial check's items (foljsam/financial/lookup.py).
FOLJSAM_FINANCIAL_LOOKUP = envstr(
    "FOLJSAM_FINANCIAL_LOOKUP", "foljsam.financial.lookup.ManualLookup"
)

# Background work (e-mail when a year's follow-ups are published, reminders):
# Django's tasks, kept in the database and run by `foljsam worker`. A task is
# written in the same transaction as the change that asks for it, so it exists
# exactly when the change does.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}

# Cookies, transport and framing. In production the cookies carry the __Host-
# prefix: sent only over HTTPS, only to this host, for the whole site.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Only the server reads the language choice; no script ever needs to.
LANGUAGE_COOKIE_HTTPONLY = True
# Messages ride in the session: no extra cookie without the __Host- prefix.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000, minimum=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=True)
    # Behind the city's TLS-terminating proxy, which sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_FAILURE_VIEW = "foljsam.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy: only this site's own files, no inline script
# or style, no plugins, no <base>, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
if FOLJSAM_OIDC_ENABLED:
    # The login form posts to this site, which redirects to the identity provider.
    SECURE_CSP["form-action"] = [CSP.SELF, OIDC_OP_AUTHORIZATION_ENDPOINT]

_SECURITY_LOG = envstr("FOLJSAM_SECURITY_LOG", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "foljsam.core.logging.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # Logins, logouts, lockouts and refused accesses: a file of their own if
        # FOLJSAM_SECURITY_LOG names one, else standard error with the rest.
        "security": (
            {
                "class": "logging.handlers.WatchedFileHandler",
                "filename": _SECURITY_LOG,
                "formatter": "plain",
            }
            if _SECURITY_LOG
            else {"class": "logging.StreamHandler", "formatter": "plain"}
        ),
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "foljsam.security": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
        "axes": {"level": "WARNING"},
    },
}
