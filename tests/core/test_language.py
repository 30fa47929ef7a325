"""Swedish first (issue 14): Swedish unless the person chose English; Swedish UI strings end to end."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import PASSWORD

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def _visible_text(response):
    body = re.sub(r"<(script|svg|template|select)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return strip_tags(body)


# --- 1. Which language: the cookie, then the profile, then Swedish; never Accept-Language ----------


def test_an_english_browser_gets_swedish(client, home_page):
    response = client.get("/", **ENGLISH_BROWSER)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert "Utbildningar" in html and ">Courses<" not in html
    assert response["Content-Language"] == "sv"
    assert "Cookie" in response["Vary"] and "Accept-Language" not in response.get("Vary", "")


def test_english_only_when_chosen_and_remembered_by_the_cookie(client, home_page):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="en"' in html
    assert ">Courses<" in html and "Utbildningar" not in html

    # Back to Swedish with the switcher.
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert '<html lang="sv"' in client.get("/", **ENGLISH_BROWSER).content.decode()


def test_a_new_browser_without_the_cookie_is_swedish_again(client, home_page):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en"' in client.get("/").content.decode()

    client.cookies.clear()
    html = client.get("/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="sv"' in html and "Utbildningar" in html


def test_an_unknown_cookie_value_falls_back_to_swedish(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="sv"' in client.get("/", **ENGLISH_BROWSER).content.decode()


def test_a_signed_in_persons_preferred_language_counts_when_there_is_no_cookie(client, learner, home_page):
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert '<html lang="en"' in html and ">My learning<" in html

    # The switcher's cookie is the later, explicit choice: it wins over the profile.
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    html = client.get(reverse("my_learning"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="sv"' in html and "Mitt lärande" in html


def test_a_signed_in_person_with_swedish_profile_and_english_browser_gets_swedish(client, learner, home_page):
    client.force_login(learner)
    html = client.get(reverse("my_learning"), **ENGLISH_BROWSER).content.decode()
    assert '<html lang="sv"' in html and "Mitt lärande" in html


# --- 4. After login: "Mitt lärande", or where the person came from ----------------------------------


def test_login_lands_on_my_learning(client, learner, home_page):
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("my_learning")


def test_login_returns_to_the_page_the_person_came_from(client, learner, course):
    response = client.post(
        reverse("account_login") + f"?next={course.url}", {"login": learner.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == course.url


# --- 3. English strings left: allauth, account e-mail, reminder log, Wagtail admin, role names ------


def test_login_and_signup_forms_say_e_postadress(client, home_page):
    login = client.get(reverse("account_login"), **ENGLISH_BROWSER).content.decode()
    signup = client.get(reverse("account_signup"), **ENGLISH_BROWSER).content.decode()
    for html in (login, signup):
        assert "E-post" in html
        assert "Epost" not in html and "epost" not in html


def test_verification_mail_thanks_for_using_kompetenslyft_not_the_host(client, roles, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.org",
            "first_name": "Ingrid",
            "last_name": "Sjölund",
            "target_group": "chef",
            "password1": "Tr0gen-Hemlig-Fras",
            "password2": "Tr0gen-Hemlig-Fras",
        },
        HTTP_HOST="127.0.0.1",
        **ENGLISH_BROWSER,
    )
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "Hej från Kompetenslyft!" in body
    assert "Tack för att du använder Kompetenslyft!" in body
    assert "använder 127.0.0.1" not in body and "från 127.0.0.1" not in body
    assert "epost" not in body.lower()


def test_reminder_log_headers_are_swedish(client, administrator, workshop, learner):
    from workshops.models import Reminder

    Reminder.objects.create(workshop=workshop, user=learner, sent_on=datetime.date(2026, 11, 29), last_error="SMTP")
    client.force_login(administrator)
    response = client.get("/admin/workshops/reminder/", **ENGLISH_BROWSER)
    assert response.status_code == 200
    text = _visible_text(response)
    for swedish in ("Workshop", "Person", "Dag", "Försök", "Senaste fel"):
        assert swedish in text
    for english in ("User", "Tries", "Last error", "Sent on"):
        assert english not in text
    assert "29 november 2026" in text


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/pages/{home}/", "/admin/pages/{home}/edit/"])
def test_wagtail_admin_strings_missing_from_wagtails_swedish_are_swedish(client, administrator, home_page, url):
    client.force_login(administrator)
    response = client.get(url.format(home=home_page.pk), **ENGLISH_BROWSER)
    assert response.status_code == 200
    text = _visible_text(response)
    for english in ("Exploring", "Date updated", "Side panel width", "manage your", "hantera ditt account", " of 1 "):
        assert english not in text, english
    assert re.search(r"\bAny\b", text) is None


def test_role_names_are_swedish_in_the_admin(client, administrator, learner, manager):
    client.force_login(administrator)
    text = _visible_text(client.get("/admin/users/", **ENGLISH_BROWSER))
    assert "Administratör" in text and "Deltagare" in text and "Chef" in text
    for english in ("Administrator", "Learner", "Manager"):
        assert re.search(rf"\b{english}\b", text) is None, english
