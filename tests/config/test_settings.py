"""Settings load in every mode; production is strict. Each mode runs in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_KEY = "k" * 20 + "-production-secret-key-0123456789-abcdefghij"
# What production requires besides the key (each test removes or changes one of them).
PROD_ENV = {"REDIS_URL": "redis://127.0.0.1:6379/9", "WAGTAILADMIN_BASE_URL": "https://kompetenslyft.se"}
REQUIRED = {"SECRET_KEY", "REDIS_URL", "WAGTAILADMIN_BASE_URL", "ALLOW_HTTP_BASE_URL"}


def run_manage(*args, env_overrides=None, settings="config.settings.production"):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", *REQUIRED}}
    env["DJANGO_SETTINGS_MODULE"] = settings
    env.update(env_overrides or {})
    env = {k: v for k, v in env.items() if v is not None}  # None: leave the variable out
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("mode", ["dev", "test", "production"])
def test_settings_load_in_every_mode(mode):
    overrides = {"SECRET_KEY": PROD_KEY, **(PROD_ENV if mode == "production" else {})}
    result = run_manage("check", settings=f"config.settings.{mode}", env_overrides=overrides)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_overrides=PROD_ENV)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"REDIS_URL": None}, "Set REDIS_URL"),
        ({"REDIS_URL": ""}, "Set REDIS_URL"),
        ({"WAGTAILADMIN_BASE_URL": None}, "Set WAGTAILADMIN_BASE_URL"),
        ({"WAGTAILADMIN_BASE_URL": "kompetenslyft.se"}, "Set WAGTAILADMIN_BASE_URL"),
        ({"WAGTAILADMIN_BASE_URL": "http://kompetenslyft.se"}, "must start with https://"),
        # The opt-out is for loopback only: a real host over http is refused even with it.
        ({"WAGTAILADMIN_BASE_URL": "http://kompetenslyft.se", "ALLOW_HTTP_BASE_URL": "1"}, "must start with https://"),
        ({"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8765"}, "must start with https://"),
    ],
)
def test_production_refuses_to_start_without_a_shared_cache_or_an_https_base_url(overrides, message):
    result = run_manage("check", env_overrides={"SECRET_KEY": PROD_KEY, **PROD_ENV, **overrides})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_benchmark_environment_starts_with_production_settings():
    """benchmarks/common.py runs gunicorn with the production settings over plain http on loopback."""
    from benchmarks.common import bench_env

    env = bench_env()
    result = run_manage("check", env_overrides={key: env[key] for key in REQUIRED | {"DATABASE_URL", "COOKIES_SECURE"}})
    assert result.returncode == 0, result.stderr
    assert env["WAGTAILADMIN_BASE_URL"].startswith("http://127.0.0.1:")


def test_production_uses_the_resilient_redis_cache_and_no_avatar_service():
    script = """
import django
django.setup()
from django.conf import settings as s
print(s.CACHES["default"]["BACKEND"], s.WAGTAILADMIN_BASE_URL, s.WAGTAIL_GRAVATAR_PROVIDER_URL)
"""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": PROD_KEY, **PROD_ENV}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["core.cache.ResilientRedisCache", "https://kompetenslyft.se", "None"], (
        result.stderr
    )


def test_development_keeps_its_local_base_url_and_needs_no_redis():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.WAGTAILADMIN_BASE_URL)",
        settings="config.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "http://127.0.0.1:8000"


def test_the_admin_sends_no_e_mail_hash_to_an_avatar_service(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()


def test_production_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={"SECRET_KEY": PROD_KEY, "ALLOWED_HOSTS": "kompetenslyft.se", **PROD_ENV},
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
        **PROD_ENV,
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


def test_healthz_answers_a_balancer_over_plain_http_in_production(tmp_path):
    """Every other path redirects to https; the balancer's probe gets its answer (and the real Redis is
    reached through core.cache)."""
    script = """
import django
django.setup()
from django.test import Client
client = Client()
health = client.get("/healthz")
print(health.status_code, health.json()["status"], health.json()["checks"]["cache"]["state"], client.get("/").status_code)
"""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=PROD_KEY,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **PROD_ENV,
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "ok", "ok", "301"]
