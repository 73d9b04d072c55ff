"""Django settings, read from the environment only (one module, typed helpers — cf. healthchecks).

Every knob is an ``SIXIA_*`` environment variable with a safe default for the embedded (SQLite) mode.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sixia import keys as _keys

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("SIXIA_PROJECT_DIR", Path.cwd()))
VAR_DIR = Path(os.environ.get("SIXIA_VAR_DIR", PROJECT_DIR / "var"))


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def envfloat(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from None


def envstr(name: str, default: str = "") -> str:
    """Read a string, or the content of the file named by ``NAME_FILE`` (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = envbool("SIXIA_DEBUG")
VAR_DIR.mkdir(parents=True, exist_ok=True)
# No key is written in this file: each comes from the environment (or a *_FILE) or from var/, generated once
# by `make setup` (or on first use with DEBUG on). A missing, published or short key stops the start-up here.
SECRET_KEY, SECRET_KEY_SOURCE = _keys.read("secret_key", VAR_DIR, generate=DEBUG)
# Key for personal-data fields (ID numbers, phones): the cipher key and the blind-index key are derived from
# it. Changing it makes stored personal data unreadable: change it only with `sixia rotate-field-key`.
FIELD_KEY, FIELD_KEY_SOURCE = _keys.read("field_key", VAR_DIR, generate=DEBUG)
for _name, _value in (("secret_key", SECRET_KEY), ("field_key", FIELD_KEY)):
    if _problem := _keys.problem(_name, _value, debug=DEBUG):
        raise ImproperlyConfigured(_problem)
# The previous field key during a rotation: tokens not yet re-encrypted stay readable (blind indexes do not).
FIELD_KEY_OLD = envstr("SIXIA_FIELD_KEY_OLD")
FIELD_CIPHER = os.environ.get("SIXIA_FIELD_CIPHER", "aes-gcm")  # or "sm4" (商用密码: SM4-GCM)
if FIELD_CIPHER not in {"aes-gcm", "sm4"}:
    raise ImproperlyConfigured(f"SIXIA_FIELD_CIPHER must be aes-gcm or sm4, got {FIELD_CIPHER!r}")
# The blind index's MAC is fixed for a deployment (indexes must compare equal across years): switching it
# to HMAC-SM3 means recomputing every index with `sixia rotate-field-key`.
BLIND_INDEX = os.environ.get("SIXIA_BLIND_INDEX", "hmac-sha256")
if BLIND_INDEX not in {"hmac-sha256", "hmac-sm3"}:
    raise ImproperlyConfigured(f"SIXIA_BLIND_INDEX must be hmac-sha256 or hmac-sm3, got {BLIND_INDEX!r}")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SIXIA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SIXIA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "ninja",  # so that /api/v1/docs is served from its own static files (without it: a CDN, refused by the CSP)
    "captcha",
    "sixia.core",
    "sixia.geo",
    "sixia.org",
    "sixia.people",
    "sixia.cases",
    "sixia.activities",
    "sixia.quotas",
    "sixia.insight",
    "sixia.reports",
    "sixia.documents",
    "sixia.public",
    "sixia.topics",
    "sixia.web",
    "sixia.api",
    "sixia.open311",
]
EXTRA_APPS = [a for a in os.environ.get("SIXIA_EXTRA_APPS", "").split(",") if a]
INSTALLED_APPS += EXTRA_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sixia.core.middleware.InputGuardMiddleware",  # body size from Content-Length, NUL in queries, page refusals
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sixia.core.middleware.RequestContextMiddleware",
    "sixia.org.otp.OTPRequiredMiddleware",
    # Last: turns an address axes locked out into the lockout answer (sixia.web.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sixia.urls"
WSGI_APPLICATION = "sixia.wsgi.application"
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = ["sixia.org.auth.LockoutModelBackend"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

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
                "sixia.web.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SIXIA_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sixia.sqlite3'}"),
        conn_max_age=envint("SIXIA_DB_CONN_MAX_AGE", 0),
    )
}
# A read replica (PostgreSQL hot standby): statistics, dashboards and exports read there (sixia.core.db_router);
# writes and every other read stay on the primary.
if os.environ.get("SIXIA_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["SIXIA_REPLICA_URL"],
                                                 conn_max_age=envint("SIXIA_DB_CONN_MAX_AGE", 0))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["sixia.core.db_router.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout: readers never block the writer, concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# 等保2.0 login-failure handling: lock an account for LOCKOUT_MINUTES after LOCKOUT_THRESHOLD failures.
LOCKOUT_THRESHOLD = envint("SIXIA_LOCKOUT_THRESHOLD", 5)
LOCKOUT_MINUTES = envint("SIXIA_LOCKOUT_MINUTES", 15)
# Audit trail (docs/audit.md): hash of the chain (sha256, or sm3 for 商用密码) and how long entries are kept —
# 网络安全法 art. 21 asks for at least six months of network logs, so less than 183 days is refused.
AUDIT_HASH = os.environ.get("SIXIA_AUDIT_HASH", "sha256").strip().lower()
if AUDIT_HASH not in {"sha256", "sm3"}:
    raise ImproperlyConfigured(f"SIXIA_AUDIT_HASH must be sha256 or sm3, got {AUDIT_HASH!r}")
AUDIT_RETENTION_DAYS = envint("SIXIA_AUDIT_RETENTION_DAYS", 365)
if AUDIT_RETENTION_DAYS < 183:
    raise ImproperlyConfigured(
        f"SIXIA_AUDIT_RETENTION_DAYS must be at least 183 (six months, 网络安全法 art. 21), got {AUDIT_RETENTION_DAYS}")
SESSION_COOKIE_AGE = envint("SIXIA_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
# Per client address (django-axes): SIXIA_LOGIN_ADDRESS_LIMIT failed logins or API token failures from one
# address within SIXIA_LOCKOUT_MINUTES lock that address out (shared office NATs: keep it well above the
# per-account threshold). One visible message for every lock: sixia.org.auth.
AXES_ENABLED = envbool("SIXIA_AXES", "true")
AXES_FAILURE_LIMIT = envint("SIXIA_LOGIN_ADDRESS_LIMIT", 20)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES)
AXES_CLIENT_IP_CALLABLE = "sixia.core.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "sixia.web.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successes and failures are in the audit trail already
AXES_RESET_ON_SUCCESS = False  # one good password must not wipe an address's record of guesses
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # its tables are counters, not evidence: the audit trail is where failures are read
# TOTP second factor (django-otp): required for these roles (comma-separated; empty: nobody), optional for
# every other official when SIXIA_OTP_OPTIONAL is true (they may enrol on /accounts/otp/). See docs/audit.md.
OTP_REQUIRED_ROLES = frozenset(
    r.strip() for r in os.environ.get("SIXIA_OTP_REQUIRED_ROLES", "admin,organization_dept,auditor").split(",")
    if r.strip())
OTP_OPTIONAL = envbool("SIXIA_OTP_OPTIONAL", "true")
OTP_TOTP_ISSUER = os.environ.get("SIXIA_OTP_ISSUER", "Sixia 四下基层")
# HTTPS (behind a TLS-terminating proxy, also set SIXIA_TRUST_X_FORWARDED_PROTO=true so that Django knows the
# request was secure): Secure cookies, HSTS for a year, redirect plain HTTP (except the health check).
HTTPS = envbool("SIXIA_HTTPS")
SESSION_COOKIE_SECURE = HTTPS or envbool("SIXIA_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("SIXIA_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SIXIA_HSTS_INCLUDE_SUBDOMAINS")
if envbool("SIXIA_TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy (django-csp): scripts only from our own static files — no inline script, no
# handler attributes, no CDN. Inline style attributes remain in some templates, hence 'unsafe-inline' for
# styles only (a style cannot run code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
MODELS_DIR = VAR_DIR / "models"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("SIXIA_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

# Suggestion classifier (sixia.insight.classify): at or above INSIGHT_AUTO_THRESHOLD the top category may
# pre-fill an empty category at intake (units are never assigned automatically); INSIGHT_TOP_K suggestions
# per head. A threshold outside [0, 1] would silently switch pre-filling always on or off: refuse it.
INSIGHT_AUTO_THRESHOLD = envfloat("SIXIA_INSIGHT_AUTO_THRESHOLD", 0.9)
if not 0.0 <= INSIGHT_AUTO_THRESHOLD <= 1.0:
    raise ImproperlyConfigured(
        f"SIXIA_INSIGHT_AUTO_THRESHOLD must be between 0 and 1, got {INSIGHT_AUTO_THRESHOLD}")
INSIGHT_TOP_K = envint("SIXIA_INSIGHT_TOP_K", 3)
if INSIGHT_TOP_K < 1:
    raise ImproperlyConfigured(f"SIXIA_INSIGHT_TOP_K must be at least 1, got {INSIGHT_TOP_K}")

# Open311 GeoReport v2 (docs/open311.md): the region a request lands in when the client names none (the demo
# county 霞浦县 by default), and the dotted path of a rate-limit hook ``f(request, kind) -> bool`` (none: no limit).
OPEN311_REGION = os.environ.get("SIXIA_OPEN311_REGION", "350921")
OPEN311_RATE_LIMIT = os.environ.get("SIXIA_OPEN311_RATE_LIMIT", "")
# A ledger export of more rows than this runs as a background job with a progress bar (core.jobs); fewer: direct.
EXPORT_JOB_ROWS = envint("SIXIA_EXPORT_JOB_ROWS", 20000)
REDIS_URL = os.environ.get("SIXIA_REDIS_URL", "")
# The task queue on Redis (several consumers on several machines share it): SIXIA_HUEY_REDIS_URL, else the
# general SIXIA_REDIS_URL; without either, huey keeps its SQLite file beside the database (one machine).
HUEY_REDIS_URL = os.environ.get("SIXIA_HUEY_REDIS_URL", "") or REDIS_URL
if HUEY_REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "sixia", "url": HUEY_REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "sixia",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": envbool("SIXIA_HUEY_IMMEDIATE"),
    }

# The repeat index of a newly registered case is written by a Huey task after the commit (insight.signals);
# false: in the registering transaction (the suite, so that a test sees the index at once).
REPEAT_INDEX_LATER = envbool("SIXIA_REPEAT_INDEX_LATER", "True")

# Rate limits of anonymous endpoints (sixia.core.throttle): "N/s|m|h|d" per client address or per phone; each
# scope is overridable by SIXIA_THROTTLE_<SCOPE> ("off" disables it). Scopes marked `# throttle: <scope>` in code.
SIXIA_THROTTLE = {
    "default": "30/m",  # a scope not listed here
    "booking": "10/m",  # public booking (page and API), per address
    "booking_phone": "5/h",  # public booking, per phone (its blind index)
    "booking_cancel": "10/m",  # cancelling with code + phone, per address
    "public_read": "120/m",  # public lists (reception days), per address
    "login": "20/m",
    "captcha": "30/m",  # captcha images, per address  # login form posts, per address (the per-account lockout stays)
    "public_submit": "5/m",  # the public portal's submissions
    "public_query": "30/m",  # the public portal's look-ups by code
    "open311": "60/m",  # Open311 GeoReport v2
    "topic_nominate": "5/m",  # 点题整治: the public's nominations, per address
    "topic_vote": "20/m",  # 点题整治: votes and ratings, per address
    "sms_receipts": "600/m",  # the SMS gateway's delivery receipts, per address
}
for _scope in list(SIXIA_THROTTLE):
    SIXIA_THROTTLE[_scope] = os.environ.get(f"SIXIA_THROTTLE_{_scope.upper()}", SIXIA_THROTTLE[_scope]).strip()
# Reverse proxies whose X-Forwarded-For is believed (comma list of addresses or networks); none by default.
SIXIA_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("SIXIA_TRUSTED_PROXIES", "").split(",") if p.strip()]
# The public booking form asks for a captcha (django-simple-captcha, images drawn locally with its bundled
# font) once an address made this many booking attempts within the hour.
SIXIA_CAPTCHA_AFTER = envint("SIXIA_CAPTCHA_AFTER", 2)
CAPTCHA_TEST_MODE = False  # only the suite's settings switch it on ("PASSED" is then the answer)
CAPTCHA_TIMEOUT = 10  # minutes

# SMS to petitioners and bookers (docs/operations.md "SMS gateway"): "" logs only; "http" = cases.sms_http
SIXIA_SMS_GATEWAY = envstr("SIXIA_SMS_GATEWAY", "")
SIXIA_SMS_HTTP_URL = envstr("SIXIA_SMS_HTTP_URL", "")
SIXIA_SMS_HTTP_TOKEN = envstr("SIXIA_SMS_HTTP_TOKEN", "")
SIXIA_SMS_HTTP_SECRET = envstr("SIXIA_SMS_HTTP_SECRET", "")  # signs requests and authenticates delivery receipts
SIXIA_SMS_HTTP_SENDER = envstr("SIXIA_SMS_HTTP_SENDER", "")  # the sign name / sender id the gateway shows
SIXIA_SMS_HTTP_TIMEOUT = envfloat("SIXIA_SMS_HTTP_TIMEOUT", 10.0)

# Caches: the rate-limit counters must be shared by all workers and incremented atomically (django-ratelimit):
# Redis when SIXIA_REDIS_URL is set, else a SQLite counter file (sixia.core.counters) beside the database.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "sixia"}
else:
    CACHES["throttle"] = {"BACKEND": "sixia.core.counters.SQLiteCounterCache",
                          "LOCATION": str(VAR_DIR / "throttle.sqlite3")}
RATELIMIT_USE_CACHE = "throttle"
RATELIMIT_FAIL_OPEN = False  # a counter store that does not answer refuses (429) rather than lets a flood in
# Both backends are shared and atomic; django-ratelimit only warns (W001) that it does not know them by name.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SIXIA_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# the work report's chart (reports.statistics.work_report): a font file with Chinese glyphs; empty = look for one
SIXIA_REPORT_FONT = envstr("SIXIA_REPORT_FONT", "")
