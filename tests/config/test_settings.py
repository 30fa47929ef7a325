"""Settings load in every mode; production is strict. Each mode runs in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_KEY = "k" * 20 + "-production-secret-key-0123456789-abcdefghij"


def run_manage(*args, env_overrides=None, settings="config.settings.production"):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = settings
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("mode", ["dev", "test", "production"])
def test_settings_load_in_every_mode(mode):
    result = run_manage("check", settings=f"config.settings.{mode}", env_overrides={"SECRET_KEY": PROD_KEY})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={"SECRET_KEY": PROD_KEY, "ALLOWED_HOSTS": "kompetenslyft.se"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_time_zone_and_language(settings):
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]


def test_whitenoise_serves_collected_static_file_with_production_settings(tmp_path):
    script = """
import django, os
django.setup()
from django.core.management import call_command
call_command("collectstatic", "--noinput", verbosity=0)
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
assert url != "/static/css/site.css", url  # hashed name from the manifest
response = Client().get(url, secure=True)
body = b"".join(response.streaming_content)
print(response.status_code, response.headers.get("Cache-Control"), b":root" in body)
"""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=PROD_KEY,
        ALLOWED_HOSTS="testserver",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    status, has_css = words[0], words[-1]
    assert status == "200"
    assert "immutable" in result.stdout
    assert has_css == "True"


def test_production_hashes_passwords_with_argon2():
    """Checked against the base settings: the test settings use a fast hasher on purpose."""
    from accounts.hashers import Argon2idHasher
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "accounts.hashers.Argon2idHasher"
    hasher = Argon2idHasher()  # fails without argon2-cffi installed
    assert hasher.verify("kompetens", hasher.encode("kompetens", hasher.salt()))
