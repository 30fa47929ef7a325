"""The address rate limits count (core.ratelimit.client_address) behind TRUSTED_PROXY_COUNT proxies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory

from core.pagetree import ensure_child_page
from core.ratelimit import client_address
from home import feedback
from home.models import ContentPage

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"  # REMOTE_ADDR as gunicorn sees it behind our reverse proxy


def request(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_address_is_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("198.51.100.7")) == PROXY
    assert client_address(request()) == PROXY


def test_behind_one_proxy_the_right_most_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("198.51.100.7")) == "198.51.100.7"
    assert client_address(request(" 2001:DB8::1 ")) == "2001:db8::1"  # stripped and in one spelling


def test_a_forged_left_entry_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 203.0.113.9"; our proxy appended the address it really came from.
    assert client_address(request("203.0.113.9, 198.51.100.7")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2  # a load balancer in front of the proxy: the second from the right
    assert client_address(request("203.0.113.9,198.51.100.7, 10.0.0.1")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "   ", "unknown", "198.51.100.7, not-an-address", "198.51.100.7,"])
def test_a_missing_or_garbage_entry_falls_back_to_remote_addr(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(forwarded)) == PROXY


def test_a_header_shorter_than_the_proxy_count_falls_back_to_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request("198.51.100.7")) == PROXY
    assert client_address(request()) == PROXY


def test_allauths_login_limits_see_the_same_client(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    forged = request("203.0.113.9, 198.51.100.7")
    assert get_adapter().get_client_ip(forged) == client_address(forged) == "198.51.100.7"


def test_the_environment_sets_both_counts():
    script = "from config.settings import base; print(base.TRUSTED_PROXY_COUNT, base.ALLAUTH_TRUSTED_PROXY_COUNT)"
    env = {**os.environ, "TRUSTED_PROXY_COUNT": "2"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["2", "2"], result.stderr
    env["TRUSTED_PROXY_COUNT"] = "-1"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr


# --- end to end: page feedback (home.feedback.LIMIT) behind the proxy -------------------------------------


@pytest.fixture
def about(home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "om", title="Om Kompetenslyft")
    return page


def answer(page, client_ip):
    """One "yes" as it reaches gunicorn through our proxy: the proxy's address, the client's in the header."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip).post(
        f"/sidfeedback/{page.pk}/", {"helpful": "yes"}
    )


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_their_own_allowance(settings, about):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(feedback.LIMIT.allowed):
        assert answer(about, "198.51.100.7").status_code == 303
    assert answer(about, "198.51.100.7").status_code == 429
    assert answer(about, "198.51.100.8").status_code == 303  # another visitor is not limited
    # A forged left entry does not buy the first visitor a new allowance.
    assert answer(about, "203.0.113.9, 198.51.100.7").status_code == 429


@pytest.mark.django_db
def test_without_trusted_proxies_everyone_behind_the_proxy_shares_one_count(settings, about):
    settings.TRUSTED_PROXY_COUNT = 0
    for _ in range(feedback.LIMIT.allowed):
        assert answer(about, "198.51.100.7").status_code == 303
    assert answer(about, "198.51.100.8").status_code == 429


def test_allauth_falls_back_to_the_proxy_address_when_the_header_is_short(rf, settings):
    """allauth alone answers a too-short X-Forwarded-For with an error; ours takes REMOTE_ADDR, as the limits do."""
    settings.TRUSTED_PROXY_COUNT = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert get_adapter().get_client_ip(request) == client_address(request) == "10.0.0.1"
