"""Production derives the default Wagtail Site's address (SITE_HOSTNAME, SITE_PORT) from WAGTAILADMIN_BASE_URL;
the other modes keep localhost:80. Each mode is loaded in a fresh interpreter (as tests/config/test_settings.py)."""

import pytest

from .test_settings import PROD_ENV, PROD_KEY, run_manage

PRINT = "from django.conf import settings as s; print(s.SITE_HOSTNAME, s.SITE_PORT)"


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://kompetenslyft.se", ["kompetenslyft.se", "443"]),
        ("https://Kompetenslyft.Example.se/", ["kompetenslyft.example.se", "443"]),
        ("https://kompetenslyft.se:8443", ["kompetenslyft.se", "8443"]),
    ],
)
def test_production_derives_the_site_address_from_the_base_url(base_url, expected):
    env = {"SECRET_KEY": PROD_KEY, **PROD_ENV, "WAGTAILADMIN_BASE_URL": base_url}
    result = run_manage("shell", "-c", PRINT, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == expected


def test_plain_http_on_loopback_is_port_80_unless_named():
    env = {"SECRET_KEY": PROD_KEY, **PROD_ENV, "ALLOW_HTTP_BASE_URL": "1"}
    for base_url, expected in [
        ("http://127.0.0.1", ["127.0.0.1", "80"]),
        ("http://localhost:8765", ["localhost", "8765"]),
    ]:
        result = run_manage("shell", "-c", PRINT, env_overrides={**env, "WAGTAILADMIN_BASE_URL": base_url})
        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-2:] == expected


def test_production_refuses_a_base_url_with_a_bad_port():
    env = {"SECRET_KEY": PROD_KEY, **PROD_ENV, "WAGTAILADMIN_BASE_URL": "https://kompetenslyft.se:abc"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "port" in result.stderr


def test_development_keeps_localhost():
    result = run_manage("shell", "-c", PRINT, settings="config.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["localhost", "80"]
