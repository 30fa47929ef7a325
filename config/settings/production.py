"""Production: refuses to start without a secret key, a shared cache or an https base URL; HTTPS everywhere;
hashed static files."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")

# Without a shared cache every server process would keep its own copies of pages and roles for up to
# KEPT_MAX_AGE_SECONDS after a change, and count login attempts on its own, silently. (Redis going down
# later is survived and reported by /healthz: core.cache.)
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured(
        "Set REDIS_URL (e.g. redis://cache:6379/0): production needs a cache shared by every server process."
    )

# Links in e-mails (reminders, admin notifications) are built from it: a default would send learners to
# 127.0.0.1. Plain http only on loopback, and only when asked for (the load benchmark).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").rstrip("/")
_base_url = urlsplit(WAGTAILADMIN_BASE_URL)
if _base_url.scheme not in {"http", "https"} or not _base_url.hostname:
    raise ImproperlyConfigured(
        "Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://kompetenslyft.se "
        "(links in e-mails are built from it)."
    )
if _base_url.scheme != "https" and not (
    env_bool("ALLOW_HTTP_BASE_URL", False) and _base_url.hostname in {"127.0.0.1", "localhost", "::1"}
):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must start with https:// in production (plain http only for a loopback "
        "address with ALLOW_HTTP_BASE_URL=1, as the benchmarks do)."
    )
# The default Wagtail Site (sitemap.xml, canonical links, og:url) has the same address: set by migrate on
# an empty database and by `manage.py sync_site` (home.setup.ensure_site).
SITE_HOSTNAME = _base_url.hostname
try:
    SITE_PORT = _base_url.port or (443 if _base_url.scheme == "https" else 80)
except ValueError as error:  # "https://kompetenslyft.se:abc"
    raise ImproperlyConfigured(f"WAGTAILADMIN_BASE_URL has no valid port: {error}.") from error

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers often probe each server over plain HTTP; /healthz holds nothing secret.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Always on behind TLS. Only the load benchmark turns it off: it speaks plain HTTP on loopback, where a
# client never sends a Secure cookie back.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("COOKIES_SECURE", True)
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Editors, managers and administrators need a second factor before they reach /admin/ (accounts.mfa).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
# Passkeys and security keys (WebAuthn) need a secure origin: offered when the site's address is https.
MFA_PASSKEYS = env_bool("MFA_PASSKEYS", WAGTAILADMIN_BASE_URL.startswith("https://"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", *(["webauthn"] if MFA_PASSKEYS else [])]
DEMO_PASSWORDS = False
