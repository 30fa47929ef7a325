"""Two-step verification (allauth.mfa) for the people who use the admin, and the admin login through allauth.

TOTP codes are computed here per RFC 6238 with hmac, independently of allauth, so a test fails if allauth
(or our settings) stopped accepting the codes a real authenticator app shows.
"""

import base64
import hashlib
import hmac
import os
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.urls import include, path, reverse

from config import urls as config_urls
from core.middleware import PUBLIC_CSP
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "/admin/"


def totp_code(secret, at=None):
    """The six-digit code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30-second steps)."""
    if at is None:
        # allauth accepts only the current step (MFA_TOTP_TOLERANCE 0): don't compute a code that expires
        # before the request reaches it.
        if time.time() % 30 > 28:
            time.sleep(30 - time.time() % 30 + 0.05)
        at = time.time()
    counter = int(at // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def wrong_code(secret):
    """A code that neither this step nor its neighbours show, so a step change cannot make it right."""
    now = time.time()
    valid = {totp_code(secret, now + step * 30) for step in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in valid)


def activate_totp(user):
    """What finishing enrolment leaves behind: a TOTP authenticator and a set of recovery codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    return secret, codes


def password_login(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def confirm_password(client, next_url="/"):
    """allauth asks for the password again (within 5 minutes) before any change to the second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": next_url})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


# --- Enrolment is required before the admin -------------------------------------------------------------


@pytest.mark.parametrize("person", ["editor", "manager", "administrator"])
def test_privileged_user_without_mfa_is_sent_to_enrol(client, roles, request, person, mfa_required):
    user = request.getfixturevalue(person)
    client.force_login(user)
    for admin_path in (ADMIN, "/admin/pages/"):
        response = client.get(admin_path)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert any("kräver tvåstegsverifiering" in text for text in message_texts(response))


def test_staff_flag_alone_also_needs_mfa(client, learner, mfa_required):
    learner.is_staff = True
    learner.save()
    client.force_login(learner)
    response = client.get(ADMIN)
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_privileged_user_without_mfa_still_reaches_learner_pages(client, editor, home_page, mfa_required):
    client.force_login(editor)
    assert client.get("/").status_code == 200
    assert client.get(reverse("profile")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    # Logging out of the admin is never blocked.
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302 and "mfa" not in response.url
    assert logged_in_user_id(client) is None


def test_learner_is_not_affected(client, learner, mfa_required):
    response = password_login(client, learner)
    assert response.status_code == 302 and response.url != reverse("mfa_authenticate")
    assert logged_in_user_id(client) == str(learner.pk)
    # Wagtail's own refusal (back to the login page), not our enrolment page.
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/"
    assert not any("tvåstegsverifiering" in text for text in message_texts(response))
    assert client.get(reverse("profile")).status_code == 200


def test_setting_off_lets_privileged_user_in_without_mfa(client, editor, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(editor)
    assert client.get(ADMIN).status_code == 200


def test_unverified_email_is_told_to_verify_first(client, editor, mfa_required):
    EmailAddress.objects.create(user=editor, email="editor.privat@example.se", verified=False, primary=False)
    client.force_login(editor)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url == reverse("account_email")
    assert any("e-postadress" in text and "Verifiera" in text for text in message_texts(response))
    # allauth agrees: it would not let them activate the app yet.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response.url == reverse("mfa_index")


@pytest.mark.django_db(transaction=True)  # allauth announces a new authenticator only after commit
def test_enrolment_end_to_end_opens_the_admin(client, editor, mfa_required):
    password_login(client, editor)
    assert logged_in_user_id(client) == str(editor.pk)
    response = client.get(ADMIN, follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        reverse("mfa_activate_totp"),
        f"{reverse('account_reauthenticate')}?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F",
    ]
    assert "Bekräfta att det är du" in response.content.decode()
    response = confirm_password(client, reverse("mfa_activate_totp"))
    assert response.url == reverse("mfa_activate_totp")
    response = client.get(response.url)
    page = response.content.decode()
    assert "Aktivera autentiseringsapp" in page
    secret = response.context["form"].secret
    assert secret in page  # to type in by hand when the QR code cannot be scanned

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong_code(secret)})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=editor).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response.url == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    page = client.get(response.url).content.decode()
    assert reverse("wagtailadmin_home") in page  # the way back to the admin
    # Proving the new app's code in this session counts: no second prompt.
    assert client.get(ADMIN).status_code == 200


# --- Login asks for the code ----------------------------------------------------------------------------


@pytest.fixture
def editor_with_totp(editor):
    secret, codes = activate_totp(editor)
    return editor, secret, codes


@pytest.mark.parametrize("required", [True, False])
def test_login_with_totp_requires_the_code_then_admin_works(client, settings, editor_with_totp, required):
    settings.MFA_REQUIRED_FOR_STAFF = required
    editor, secret, _codes = editor_with_totp
    response = password_login(client, editor)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None  # the password alone does not log in
    assert client.get(ADMIN).url.startswith(reverse("account_login"))

    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Tvåstegsverifiering" in page

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(editor.pk)
    assert client.get(ADMIN).status_code == 200


def test_wrong_code_is_refused(client, editor_with_totp, mfa_required):
    editor, secret, _codes = editor_with_totp
    password_login(client, editor)
    wrong = wrong_code(secret)
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert logged_in_user_id(client) is None
    assert client.get(ADMIN).url.startswith(reverse("account_login"))


def test_an_old_code_is_refused(client, editor_with_totp):
    editor, secret, _codes = editor_with_totp
    password_login(client, editor)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, at=time.time() - 300)})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_guessing_codes_is_throttled(client, editor_with_totp):
    editor, secret, _codes = editor_with_totp
    password_login(client, editor)
    wrong = wrong_code(secret)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong})
    # Even the right code is refused once the account's limit is used up.
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_recovery_code_works_once(client, editor_with_totp, mfa_required):
    editor, _secret, codes = editor_with_totp
    password_login(client, editor)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(editor.pk)
    assert client.get(ADMIN).status_code == 200

    client.logout()
    password_login(client, editor)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_session_opened_without_the_second_factor_must_confirm(client, editor_with_totp, mfa_required):
    """A session that never passed the factor (opened before enrolment, say) is asked for a code."""
    editor, secret, _codes = editor_with_totp
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fpages%2F"
    page = client.get(response.url).content.decode()
    assert '<input type="hidden" name="next" value="/admin/pages/">' in page
    # Confirming with the password instead (allauth offers it as an alternative) does not open the admin.
    confirm_password(client, "/admin/pages/")
    assert client.get("/admin/pages/").url.startswith(reverse("mfa_reauthenticate"))
    response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret), "next": "/admin/pages/"})
    assert response.status_code == 302 and response.url == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


# --- The admin login goes through allauth ---------------------------------------------------------------


def test_admin_redirects_anonymous_people_to_allauths_login(client, db):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/pages/"


def test_wagtails_login_page_redirects_to_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/pages/"


@pytest.mark.parametrize("required", [True, False])
def test_posting_to_wagtails_login_does_not_log_in(client, settings, editor_with_totp, required):
    settings.MFA_REQUIRED_FOR_STAFF = required
    editor, _secret, _codes = editor_with_totp
    response = client.post("/admin/login/", {"username": editor.email, "email": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None
    assert client.get(ADMIN).url.startswith(reverse("account_login"))


def test_wagtails_password_reset_is_off(client, db):
    assert client.get("/admin/password_reset/").status_code == 404


# --- Pages: in the site layout, in Swedish, labelled, nothing from other hosts ---------------------------

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EXTERNAL = re.compile(r"""(?:src|href|action)=["']?(?:https?:)?//""", re.IGNORECASE)


def assert_in_site_layout_and_strict(response):
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    page = response.content.decode()
    assert 'class="skip-link"' in page and '<main id="main"' in page
    assert '<html lang="sv">' in page
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    for attrs in SCRIPT_TAG.findall(page):
        # Only files from our host, or JSON data blocks (never executed): no inline script.
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    return page


def test_enrolment_page_shows_an_accessible_inline_qr_code(client, editor):
    client.force_login(editor)
    confirm_password(client)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_activate_totp")))
    assert "<?xml" not in page and "data:image" not in page
    svg = re.search(r"<svg\b[^>]*>\s*<title id=\"([^\"]+)\">([^<]+)</title>", page)
    assert svg and 'role="img"' in svg.group(0) and f'aria-labelledby="{svg.group(1)}"' in svg.group(0)
    assert "QR-kod" in svg.group(2)
    assert '<label for="id_code">' in page and '<label for="authenticator_secret">' in page
    assert "otpauth://totp/" in page  # opens the app on a phone that cannot scan its own screen
    assert "Installera en autentiseringsapp" in page


def test_code_page_is_labelled_and_swedish(client, editor_with_totp):
    editor, _secret, _codes = editor_with_totp
    password_login(client, editor)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_authenticate")))
    assert '<label for="id_code">Kod' in page
    assert "återställningskoder" in page
    assert "Ditt konto är skyddat med tvåstegsverifiering" in page


def test_overview_and_recovery_codes_pages(client, editor_with_totp):
    editor, _secret, codes = editor_with_totp
    client.force_login(editor)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_index")))
    assert "<h1>Tvåstegsverifiering</h1>" in page
    assert "Autentisering med en autentiseringsapp är aktiv." in page
    assert 'aria-current="page">Tvåstegsverifiering</a>' in page
    confirm_password(client)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_view_recovery_codes")))
    assert '<label for="recovery_codes">' in page
    assert codes[0] in page


# allauth adds the passkey pages to its URLconf only when "webauthn" is configured at start-up (production);
# this module stands in for that URLconf.
urlpatterns = [path("konto/2fa/webauthn/", include("allauth.mfa.webauthn.urls")), *config_urls.urlpatterns]


@pytest.fixture
def passkeys(settings):
    settings.MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
    settings.ROOT_URLCONF = __name__


def test_passkey_pages_work_under_the_strict_csp_in_swedish(client, editor_with_totp, passkeys):
    editor, _secret, _codes = editor_with_totp
    password_login(client, editor)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_authenticate")))
    assert "Använd en säkerhetsnyckel" in page and 'src="/static/mfa/js/webauthn.js"' in page

    client.force_login(editor)
    confirm_password(client)
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_add_webauthn")))
    assert '<label for="id_name">Namn' in page

    Authenticator.objects.create(user=editor, type=Authenticator.Type.WEBAUTHN, data={"name": "Min YubiKey"})
    page = assert_in_site_layout_and_strict(client.get(reverse("mfa_list_webauthn")))
    assert "Min YubiKey" in page and "Aldrig använd." in page and "Never used" not in page


def test_profile_links_to_two_step_verification_for_privileged_people_only(client, editor, learner):
    client.force_login(editor)
    page = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in page and "Tvåstegsverifiering" in page
    client.force_login(learner)
    page = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("mfa_index")}"' not in page


# --- Settings per mode ----------------------------------------------------------------------------------


def _settings_in(mode, **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MFA_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": f"config.settings.{mode}",
            "SECRET_KEY": "s" * 60,
            "REDIS_URL": "redis://cache:6379/0",
            "WAGTAILADMIN_BASE_URL": "https://kompetenslyft.se",
            **overrides,
        }
    )
    script = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_STAFF, settings.MFA_SUPPORTED_TYPES)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_requires_mfa_and_offers_passkeys():
    assert _settings_in("production") == "True ['totp', 'recovery_codes', 'webauthn']"


def test_production_over_plain_http_offers_no_passkeys_but_still_requires_mfa():
    # The load benchmark serves production settings over http on loopback, where WebAuthn cannot work.
    result = _settings_in("production", WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000", ALLOW_HTTP_BASE_URL="1")
    assert result == "True ['totp', 'recovery_codes']"


def test_demo_leaves_mfa_optional_without_passkeys():
    assert _settings_in("dev") == "False ['totp', 'recovery_codes']"
