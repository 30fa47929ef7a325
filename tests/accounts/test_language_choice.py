"""The language a person chooses holds (issue 14): the profile, logging in and the switcher agree.

The rule is core.middleware (choose_language, SwedishFirstLocaleMiddleware.remember_choice): the cookie holds
the choice on this device, and a signed-in person's preferred_language follows it.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _profile_data(user, language):
    return {
        "first_name": user.first_name or "Anna",
        "last_name": user.last_name or "Lindqvist",
        "department": "",
        "target_group": user.target_group,
        "preferred_language": language,
    }


def _lang(client, url="/"):
    html = client.get(url, **ENGLISH_BROWSER).content.decode()
    return "en" if '<html lang="en"' in html else "sv" if '<html lang="sv"' in html else None


# --- the profile form --------------------------------------------------------------------------------


def test_saving_english_on_the_profile_sets_the_cookie_and_holds_after_logout(client, learner, home_page):
    client.force_login(learner)
    response = client.post(reverse("profile"), _profile_data(learner, "en"), **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    learner.refresh_from_db()
    assert learner.preferred_language == "en"

    # The next page, and its "saved" message, are in English.
    html = client.get(response["Location"], **ENGLISH_BROWSER).content.decode()
    assert '<html lang="en"' in html and "Your details have been saved." in html

    client.post(reverse("account_logout"))
    assert _lang(client) == "en"  # this device keeps the choice


@pytest.mark.parametrize("language", ["sv", ""])
def test_choosing_swedish_or_nothing_on_the_profile_sets_the_cookie_to_swedish(client, learner, home_page, language):
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    client.force_login(learner)
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("profile"), _profile_data(learner, language))
    if language:  # a blank choice is refused by the form (the field is required): nothing changes
        assert response.status_code == 302
        assert response.cookies[COOKIE].value == "sv"
        learner.refresh_from_db()
        assert learner.preferred_language == "sv"
        assert _lang(client, reverse("my_learning")) == "sv"
        client.post(reverse("account_logout"))
        assert _lang(client) == "sv"
    else:
        assert response.status_code == 200
        assert COOKIE not in response.cookies
        learner.refresh_from_db()
        assert learner.preferred_language == "en"


def test_an_invalid_profile_form_changes_no_language(client, learner, home_page):
    client.force_login(learner)
    response = client.post(reverse("profile"), {**_profile_data(learner, "en"), "target_group": "okänd"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    learner.refresh_from_db()
    assert learner.preferred_language == "sv"


# --- logging in -------------------------------------------------------------------------------------


def test_logging_in_brings_back_the_saved_english(client, learner, home_page):
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    client.cookies[COOKIE] = "sv"  # this device was Swedish before
    assert _lang(client) == "sv"

    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    assert _lang(client, reverse("my_learning")) == "en"
    client.post(reverse("account_logout"))
    assert _lang(client) == "en"


def test_logging_in_with_a_swedish_profile_on_an_english_device_gives_swedish(client, learner, home_page):
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "sv"
    assert _lang(client, reverse("my_learning")) == "sv"


def test_a_failed_login_changes_no_language(client, learner, home_page):
    learner.preferred_language = "en"
    learner.save(update_fields=["preferred_language"])
    response = client.post(reverse("account_login"), {"login": learner.email, "password": "fel"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies


# --- the language switcher ----------------------------------------------------------------------------


def test_the_switcher_saves_a_signed_in_persons_choice_on_the_profile(client, learner, home_page):
    client.force_login(learner)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[COOKIE].value == "en"
    learner.refresh_from_db()
    assert learner.preferred_language == "en"

    # Another device, with no cookie, follows the profile.
    other = client.__class__()
    other.force_login(learner)
    assert _lang(other, reverse("my_learning")) == "en"

    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    learner.refresh_from_db()
    assert learner.preferred_language == "sv"


def test_the_switcher_of_an_anonymous_visitor_touches_no_profile(client, learner, home_page):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[COOKIE].value == "en"
    learner.refresh_from_db()
    assert learner.preferred_language == "sv"


def test_an_unknown_language_from_the_switcher_changes_nothing(client, learner, home_page):
    client.force_login(learner)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert COOKIE not in response.cookies
    learner.refresh_from_db()
    assert learner.preferred_language == "sv"


def test_pages_that_choose_nothing_write_no_cookie(client, learner, home_page):
    client.force_login(learner)
    response = client.get(reverse("my_learning"))
    assert COOKIE not in response.cookies
