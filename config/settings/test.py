"""Tests: fast hashing, a local cache, plain static storage, mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-kompetenslyft-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
VERSION_POLL_SECONDS = 0  # every change is seen at once, as if by another process too
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
DEMO_PASSWORDS = True
MFA_REQUIRED_FOR_STAFF = False  # tests/accounts/test_mfa.py turns it on; other admin tests force_login
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Home assignments and certificates written by tests go to a throw-away folder, removed at exit.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kl-private-"))  # noqa: F405
# Uploads and renditions too: each test process (make test runs several) has a folder of its own.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kl-media-"))  # noqa: F405
for _folder in (PRIVATE_MEDIA_ROOT, MEDIA_ROOT):
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Test data need not survive a crash: commits (migrations, the flush after each browser test) do not
    # wait for the disk. A setting of this connection only; the server's own configuration is untouched.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
