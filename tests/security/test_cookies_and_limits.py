import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_production_cookies_are_secure_and_httponly():
    script = """
import django
django.setup()
from django.conf import settings as s
print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY,
      s.SESSION_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "WAGTAILADMIN_BASE_URL": "https://kompetenslyft.se",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "Lax", "True", "31536000"], result.stderr


def test_session_cookie_flags_on_login(client, learner, settings):
    settings.SESSION_COOKIE_SECURE = True
    from tests.factories import PASSWORD

    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD}, secure=True)
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_signup_is_rate_limited(client, roles, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "3/m/ip"}
    statuses = []
    for n in range(5):
        response = client.post(
            reverse("account_signup"),
            {
                "email": f"ny{n}@example.org",
                "first_name": "A",
                "last_name": "B",
                "password1": "Tr0gen-Hemlig-Fras",
                "password2": "Tr0gen-Hemlig-Fras",
            },
        )
        statuses.append(response.status_code)
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3] == 429
