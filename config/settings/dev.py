"""Local development: debug on, mails to the console, e-mail verification optional."""

import os

os.environ.setdefault("ACCOUNT_EMAIL_VERIFICATION", "optional")

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a laptop; production refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-kompetenslyft-not-for-production"
ACCOUNT_EMAIL_VERIFICATION = "optional"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEMO_PASSWORDS = True
# The demo reaches /admin/ with a password only; production requires a second factor (README).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
