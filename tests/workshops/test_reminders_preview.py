"""Reminders: a preview of who gets one, an optional message from the manager, then confirm (issue 14)."""

import pytest
from django.urls import reverse

from workshops.forms import REMINDER_MESSAGE_MAX
from workshops.models import Membership, Reminder

from .conftest import complete


@pytest.fixture
def populated(workshop, group, other_group, members_factory, modules, learner):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    for module in modules:
        complete(learner, module)
    members_factory(5, group=group)
    members_factory(3, group=other_group)
    return workshop


def _url(workshop):
    return reverse("workshop_remind", args=[workshop.pk])


def _not_ready(workshop, learner):
    return list(
        Membership.objects.filter(workshop=workshop).exclude(user=learner).select_related("user").order_by("pk")
    )


def test_readiness_page_leads_to_the_preview(client, populated, manager):
    client.force_login(manager)
    html = client.get(reverse("workshop_readiness", args=[populated.pk])).content.decode()
    assert f'href="{_url(populated)}">Påminn dem som inte är klara</a>' in html


def test_preview_lists_who_gets_a_reminder_and_sends_nothing(client, populated, manager, learner, mailoutbox):
    client.force_login(manager)
    response = client.get(_url(populated))
    assert response.status_code == 200
    html = response.content.decode()
    recipients = html[html.index("data-recipients") : html.index("</ul>", html.index("data-recipients"))]
    for membership in _not_ready(populated, learner):
        assert membership.user.get_full_name() in recipients
    assert learner.get_full_name() not in recipients  # ready: no reminder
    assert recipients.count("<li>") == 8
    assert '<label for="id_message">Ditt meddelande' in html
    assert f'maxlength="{REMINDER_MESSAGE_MAX}"' in html
    assert "Skicka påminnelser till 8 personer" in html
    assert not Reminder.objects.exists() and not mailoutbox


def test_confirm_with_a_message_puts_it_in_every_email(
    client, populated, manager, learner, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(manager)
    message = "Hej! Vi ses på torsdag – ta med frågor.\nMvh Chefen"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(populated), {"message": message}, follow=True)
    assert response.status_code == 200
    assert "Påminnelser är på väg till 8 personer." in response.content.decode()
    reminders = Reminder.objects.filter(workshop=populated)
    assert reminders.count() == 8
    assert set(reminders.values_list("message", flat=True)) == {message}
    assert set(reminders.values_list("requested_by", flat=True)) == {manager.pk}
    assert len(mailoutbox) == 8
    for email in mailoutbox:
        assert message in email.body
        assert f"Ett meddelande från {manager.get_full_name()}:" in email.body
    assert {email.to[0] for email in mailoutbox} == {m.user.email for m in _not_ready(populated, learner)}


def test_confirm_without_a_message_is_fine(client, populated, manager, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(populated), {"message": "   "})
    assert response.status_code == 302
    assert set(Reminder.objects.values_list("message", flat=True)) == {""}
    assert len(mailoutbox) == 8
    assert all("Ett meddelande från" not in email.body for email in mailoutbox)


def test_too_long_message_is_a_form_error_and_sends_nothing(client, populated, manager, mailoutbox):
    client.force_login(manager)
    response = client.post(_url(populated), {"message": "x" * (REMINDER_MESSAGE_MAX + 1)})
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_message"' in html
    assert "Håll meddelandet under 1 000 tecken (du skrev 1001)." in html  # the help text's number format
    assert not Reminder.objects.exists() and not mailoutbox
    # The longest allowed message goes through.
    response = client.post(_url(populated), {"message": "x" * REMINDER_MESSAGE_MAX})
    assert response.status_code == 302
    assert Reminder.objects.count() == 8


def test_repeated_confirm_sends_once_a_day(client, populated, manager, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(manager)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(_url(populated), {"message": "Första"}).status_code == 302
    assert Reminder.objects.count() == 8
    assert len(mailoutbox) == 8
    html = client.get(_url(populated)).content.decode()
    assert "data-recipients-none" in html and "Ingen att påminna" in html
    assert "8 personer som inte är klara har redan fått en påminnelse i dag" in html
    assert 'name="message"' not in html  # nothing to confirm


@pytest.mark.parametrize("who", ["learner", "facilitator", "other_manager", "editor"])
def test_preview_refused_for_others(client, populated, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(populated)).status_code == 404
    assert client.post(_url(populated), {"message": "Hej"}).status_code == 404
    assert not Reminder.objects.exists()


def test_preview_query_count(client, workshop, group, members_factory, manager, django_assert_max_num_queries):
    members_factory(60, group=group)
    client.force_login(manager)
    client.get("/")
    with django_assert_max_num_queries(20):
        response = client.get(_url(workshop))
    assert len(response.context["to_remind"]) == 60
