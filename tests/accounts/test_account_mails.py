"""allauth's mails name Kompetenslyft, never the host they were asked from (issue 14), and speak Swedish.

Sent through the real flows (signup, password reset) into Django's locmem outbox, from a host that is not the
service's name. Links may of course contain the host: only the prose is checked.
"""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.builders import signup
from tests.factories import PASSWORD

HOST = "127.0.0.1:8100"
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
GREETING = "Hej från Kompetenslyft!"
CLOSING = "Tack för att du använder Kompetenslyft!"
URL = re.compile(r"https?://\S+")


def _prose(body):
    return URL.sub("", body)


def assert_names_the_service_not_the_host(message):
    assert message.subject.startswith("[Kompetenslyft] "), message.subject
    prose = _prose(message.body)
    assert GREETING in prose and CLOSING in prose, message.body
    for host in ("testserver", "127.0.0.1", "8100", "localhost"):
        assert host not in prose, f"{host!r} in the prose of:\n{message.body}"
    assert "epost" not in message.body.lower()
    for english in ("Hello from", "Thank you for using", "You're receiving", "You are receiving"):
        assert english not in message.body, f"{english!r} in:\n{message.body}"


def _signup(client, email):
    return signup(client, email, HTTP_HOST=HOST, **ENGLISH_BROWSER)


def test_the_confirmation_mail_after_signup(client, roles, mailoutbox):
    _signup(client, "ny@example.org")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert_names_the_service_not_the_host(message)
    assert "registrera ett konto på Kompetenslyft" in message.body
    assert f"http://{HOST}/konto/" in message.body  # the link itself may name the host
    assert message.subject == "[Kompetenslyft] Vänligen bekräfta din e-postadress"


def test_the_account_already_exists_mail(client, learner, mailoutbox):
    _signup(client, learner.email)
    assert len(mailoutbox) == 1
    assert_names_the_service_not_the_host(mailoutbox[0])
    assert learner.email in mailoutbox[0].body


def test_the_password_reset_mail(client, learner, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": learner.email}, HTTP_HOST=HOST, **ENGLISH_BROWSER)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert_names_the_service_not_the_host(message)
    assert f"http://{HOST}/konto/password/reset/key/" in message.body


def test_the_password_reset_mail_to_an_unknown_address(client, roles, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "okand@example.org"}, HTTP_HOST=HOST, **ENGLISH_BROWSER)
    assert len(mailoutbox) == 1
    assert_names_the_service_not_the_host(mailoutbox[0])


def test_the_confirmation_mail_sent_again_from_the_email_page(client, learner, mailoutbox):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=learner).update(verified=False)
    client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD}, HTTP_HOST=HOST)
    assert mailoutbox, "logging in with an unverified address sends the confirmation again"
    assert_names_the_service_not_the_host(mailoutbox[-1])


ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
MAIL_TEMPLATES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for path in ALLAUTH_TEMPLATES.glob("*/email/*_message.txt")
    if path.name not in ("base_message.txt",)
)


@pytest.mark.parametrize("template_prefix", MAIL_TEMPLATES)
def test_every_allauth_mail_names_kompetenslyft_and_not_the_host(template_prefix, learner, mailoutbox):
    """Each of allauth's mails (mfa and notifications too), as the adapter sends it, in Swedish."""
    request = RequestFactory().get("/", HTTP_HOST=HOST)
    request.user = learner
    with allauth_context.request_context(request), translation.override("sv"):
        get_adapter(request).send_mail(
            template_prefix,
            learner.email,
            {
                "user": learner,
                "email": learner.email,
                "code": "ABC123",
                "activate_url": f"http://{HOST}/konto/confirm-email/abc/",
                "password_reset_url": f"http://{HOST}/konto/password/reset/key/abc/",
                "signup_url": f"http://{HOST}/konto/signup/",
                "ip": "192.0.2.1",
                "user_agent": "Firefox",
                "timestamp": "2026-11-29",
                "provider": "Google",
                "from_email": "gammal@example.org",
                "to_email": "ny@example.org",
                "deleted_email": "gammal@example.org",
            },
        )
    assert len(mailoutbox) == 1
    assert_names_the_service_not_the_host(mailoutbox[0])
