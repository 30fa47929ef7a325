"""Settings shared by every mode. Everything that differs per machine comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies of our own stand in front of gunicorn. 0: REMOTE_ADDR is the visitor (as in
# development). N > 0: each proxy appends to X-Forwarded-For, so the visitor is its N-th entry from the right
# (core.ratelimit.client_address, and allauth's login limits below); entries further left can be forged.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of our own proxies: 0 or more.")

INSTALLED_APPS = [
    # Our apps, lowest first (see ../shared/architecture.md).
    "core",
    "accounts",
    "accounts.apps.UsersAppConfig",  # replaces wagtail.users to edit our own user fields
    "home",
    "search",
    "elearning",
    "challenges",
    "webcasts",
    "maturity",
    "workshops",
    "programmes",
    "rollout",
    "reach",
    "dashboard",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background tasks (Wagtail queues its own through django-tasks)
    "django_tasks",
    "django_tasks_db",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SwedishFirstLocaleMiddleware",  # cookie, then profile, then Swedish; never Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.mfa.RequireMFAForAdminMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default; PostgreSQL (production, CI) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id first (OWASP's first choice), with OWASP's parameters (accounts.hashers): stronger against GPUs
# than PBKDF2 and about 20 ms of CPU per login here, against 190 ms with Django's Argon2 parameters and
# 516 ms for PBKDF2, which matters when a whole organisation logs in at once. Older hashes still verify
# and are remade at the next login.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idHasher",  # OWASP parameters; see the module
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth 65: e-mail is the only login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
# A whole municipality often reaches us from one public address (its NAT), and on the morning of a
# chefsdag hundreds of managers log in within minutes. So the per-address limits are generous, and the
# defence against password guessing is per account: five failures in five minutes lock that account.
# 1,200 a minute is twice the arrival of benchmarks/bench_load.py (1,000 managers, 10 a second, one address).
ACCOUNT_RATE_LIMITS = {
    "login": "1200/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# allauth finds the address behind our proxies by the same count (allauth.core.internal.httpkit).
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kompetenslyft] "  # not the request's host name
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_learning"  # "Mitt lärande"; a ?next= still wins

# Two-factor authentication (allauth.mfa). The Wagtail admin logs in through allauth, so its rate limits
# and the second factor apply there too; accounts.mfa sends editors, managers and administrators without
# a second factor to enrol before they reach /admin/ when MFA_REQUIRED_FOR_STAFF is on (production).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset (rate-limited, in Swedish) is the only one
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)
# Passkeys and security keys (WebAuthn) need a secure origin: offered only where the site is served over
# HTTPS (on by default in production).
MFA_PASSKEYS = env_bool("MFA_PASSKEYS", False)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", *(["webauthn"] if MFA_PASSKEYS else [])]
MFA_ADAPTER = "accounts.mfa.MFAAdapter"  # the QR code as accessible inline SVG
MFA_FORMS = {"add_webauthn": "accounts.mfa.AddWebAuthnForm", "edit_webauthn": "accounts.mfa.EditWebAuthnForm"}
MFA_TOTP_ISSUER = "Kompetenslyft"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # one Swedish date format: "29 november 2026 kl. 08.30"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# The language a person chose outlives the browser session (a year), as the cookie notice says.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Home assignments and certificates: never under MEDIA_ROOT, handed out only by views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
PROGRAMME_ASSIGNMENT_MAX_BYTES = int(os.environ.get("PROGRAMME_ASSIGNMENT_MAX_BYTES", 10 * 1024 * 1024))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads: a 10 MB ceiling for requests; Wagtail checks images and documents by type.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "mp4", "webm", "vtt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.SafeDocumentForm"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kompetenslyft <noreply@kompetenslyft.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: local memory by default, Redis when REDIS_URL is set (shared between app servers; production
# requires it). The cache is an optimisation: with Redis down pages still answer, rate limits count per
# process, and /healthz says "degraded" (core.cache).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": os.environ["REDIS_URL"]}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# In-process caches (core.versions) poll the shared version counters at most this often: a change made
# in one server process reaches the others within this many seconds.
VERSION_POLL_SECONDS = float(os.environ.get("VERSION_POLL_SECONDS", "1"))
# ... and keep nothing longer than this, whatever the counters say (a bound on any change no signal sees).
KEPT_MAX_AGE_SECONDS = float(os.environ.get("KEPT_MAX_AGE_SECONDS", "300"))

# Tasks run inline unless a database-backed queue and its worker are configured.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
if TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
    TASKS["default"]["QUEUES"] = ["default"]

WAGTAIL_SITE_NAME = "Kompetenslyft"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The default Wagtail Site's address (home.setup.ensure_site): sitemap.xml, canonical links and og:url are
# built from it. Production derives it from WAGTAILADMIN_BASE_URL; `manage.py sync_site` applies it.
SITE_HOSTNAME = "localhost"
SITE_PORT = 80
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("sv", "Svenska")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Without it "digitalisering" does not find "Digitaliseringen".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "swedish"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to third-party hosts
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no e-mail hashes to an avatar service (the CSP would block it anyway)

SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the shared cache and written through to the database: one query less on every
# page, and a cache that is down or emptied only costs that query (the database copy is the truth).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# A bare logged-in view for benchmark baselines (benchmarks/); never on in real deployments.
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", False)

# Reports about people hide groups smaller than this (../shared/public-sector.md).
ANONYMITY_MIN_GROUP = int(os.environ.get("ANONYMITY_MIN_GROUP", "5"))
# Days before a page-feedback comment is blanked by purge_form_submissions (the yes/no answer stays).
PAGE_FEEDBACK_COMMENT_RETENTION_DAYS = int(os.environ.get("PAGE_FEEDBACK_COMMENT_RETENTION_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Streaming services whose players a webcast page may embed (https only). The player loads only when
# the viewer presses play. Comma-separated in the environment.
WEBCAST_EMBED_HOSTS = [
    host.strip().lower()
    for host in os.environ.get(
        "WEBCAST_EMBED_HOSTS",
        "www.youtube-nocookie.com,player.vimeo.com,video.screen9.com,play.qbrick.com,play.video.uu.se",
    ).split(",")
    if host.strip()
]

# Approving the last review task publishes the page without also requiring publish permission on it
# (accounts/review.py): reviewers (Granskare) approve, but may not unpublish or restrict pages.
WAGTAIL_FINISH_WORKFLOW_ACTION = "accounts.workflow_actions.publish_approved"
