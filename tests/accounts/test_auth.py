import re

import pytest
from allauth.account.models import EmailAddress
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import LEARNER
from tests.builders import signup
from tests.factories import PASSWORD, EmailDomainFactory, OrganisationFactory


def test_login_with_email(client, learner):
    response = client.post(reverse("account_login"), {"login": "learner@harnosand.se", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_login_is_case_insensitive_on_email(client, learner):
    response = client.post(reverse("account_login"), {"login": "Learner@Harnosand.SE", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_wrong_password_shows_form_error(client, learner):
    response = client.post(reverse("account_login"), {"login": "learner@harnosand.se", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_session_key_changes_on_login(client, learner):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert client.session.session_key != before


def _signup(client, email):
    return signup(client, email)


@pytest.mark.django_db
def test_organisation_domain_joins_only_once_the_address_is_verified(client, roles, mailoutbox):
    org = OrganisationFactory(name="Kramfors kommun")
    EmailDomainFactory(organisation=org, domain="kramfors.se")
    response = _signup(client, "ingrid.sjolund@Kramfors.se")
    assert response.status_code == 302
    user = User.objects.get(email="ingrid.sjolund@kramfors.se")
    assert user.first_name == "Ingrid" and user.target_group == "chef"
    assert user.groups.filter(role__code=LEARNER).exists()
    # Mandatory verification outside dev: a mail was sent, and the address is not yet verified. Until it
    # is, the person is in no organisation: no manager's list or group proposal shows them.
    assert not EmailAddress.objects.get(user=user).verified
    assert user.organisation is None
    link = re.search(r"https?://[^/\s]+(/konto/[^\s]+)", mailoutbox[0].body).group(1)
    client.get(link)
    confirm = client.post(link)
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert user.organisation == org


@pytest.mark.django_db
def test_signup_with_unknown_domain_has_no_organisation(client, roles):
    assert _signup(client, "ingrid@example.org").status_code == 302
    assert User.objects.get(email="ingrid@example.org").organisation is None


@pytest.mark.django_db
def test_signup_sends_verification_mail_in_swedish(client, roles, mailoutbox):
    _signup(client, "ny@example.org")
    assert len(mailoutbox) == 1
    assert "ny@example.org" in mailoutbox[0].to
    assert mailoutbox[0].subject.startswith("[Kompetenslyft] ")  # the site's name, not the host's
    assert "Tack för att du använder Kompetenslyft!" in mailoutbox[0].body


def test_duplicate_signup_does_not_reveal_or_duplicate_the_account(client, learner, mailoutbox):
    # allauth prevents account enumeration: same response as a new signup, and a mail to the owner.
    response = _signup(client, "learner@harnosand.se")
    assert response.status_code == 302
    assert User.objects.filter(email="learner@harnosand.se").count() == 1
    assert mailoutbox and mailoutbox[0].to == ["learner@harnosand.se"]


def test_logout_invalidates_session(client, learner):
    client.force_login(learner)
    old_key = client.session.session_key
    client.post(reverse("account_logout"))
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=old_key).exists()


def test_password_reset_sends_mail(client, learner, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": learner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_login_is_rate_limited(client, learner):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": learner.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_header_shows_name_and_logout_when_logged_in(client, learner, home_page):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert learner.get_full_name() in html
    assert reverse("account_logout") in html


def test_allauth_pages_use_site_layout(client, home_page):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="skip-link"' in html and "<main" in html and 'lang="sv"' in html


def test_a_whole_organisation_behind_one_address_can_log_in(client, roles, organisation):
    """One NAT address, a hundred managers in a minute: nobody is turned away (allauth's default is 30/m/ip)."""
    from django.test import Client

    from tests.factories import UserFactory

    people = [UserFactory(email=f"chef{n}@harnosand.se", organisation=organisation) for n in range(100)]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people], ignore_conflicts=True
    )
    for person in people:
        browser = Client(REMOTE_ADDR="10.0.0.1")
        response = browser.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
        assert response.status_code == 302, (person.email, response.status_code)


@override_settings(PASSWORD_HASHERS=["accounts.hashers.Argon2idHasher"])
def test_passwords_use_argon2id_with_owasp_parameters_and_older_hashes_are_remade(learner):
    from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher, make_password

    stored = make_password("Vinterkrage-2026")
    assert stored.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert identify_hasher(stored).must_update(stored) is False
    learner.password = Argon2PasswordHasher().encode("Vinterkrage-2026", Argon2PasswordHasher().salt())
    learner.save()
    assert "m=102400,t=2,p=8" in learner.password  # Django's own parameters
    assert learner.check_password("Vinterkrage-2026")  # verifies, and remakes the hash
    learner.refresh_from_db()
    assert "m=19456,t=2,p=1" in learner.password
    assert check_password("Vinterkrage-2026", learner.password) and not learner.check_password("fel")
