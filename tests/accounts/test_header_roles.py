"""The header's workshop link follows a person's roles at once, though the answer is cached per person."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import MANAGER, group_for

pytestmark = pytest.mark.django_db

WORKSHOP_LINK = 'href="/workshoppar/"'


def test_the_link_appears_and_goes_with_the_manager_role(client, learner, home_page):
    client.force_login(learner)
    assert WORKSHOP_LINK not in client.get("/").content.decode()
    managers = group_for(MANAGER)
    learner.groups.add(managers)
    assert WORKSHOP_LINK in client.get("/").content.decode()
    managers.user_set.remove(learner)  # from the group's side too
    assert WORKSHOP_LINK not in client.get("/").content.decode()


def test_the_cached_answer_costs_no_query(client, manager, home_page, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load roles %}{{ user|follows_workshops }}")
    assert template.render(Context({"user": manager})) == "True"
    manager = type(manager).objects.get(pk=manager.pk)  # a fresh object, as on the next request
    with django_assert_num_queries(0):
        assert template.render(Context({"user": manager})) == "True"


def test_only_admin_users_get_the_wagtail_user_bar(client, learner, editor, home_page):
    client.force_login(learner)
    assert "wagtail-userbar" not in client.get("/").content.decode()
    client.force_login(editor)
    assert "wagtail-userbar" in client.get("/").content.decode()


def test_a_cleared_group_and_a_changed_group_permission_show_at_once(client, learner, home_page):
    from django.contrib.auth.models import Permission

    client.force_login(learner)
    board = Group.objects.create(name="Redaktionsrådet")
    learner.groups.add(board)
    assert "wagtail-userbar" not in client.get("/").content.decode()
    board.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    assert "wagtail-userbar" in client.get("/").content.decode()
    board.user_set.clear()  # from the group's side, members unknown to the receiver
    assert "wagtail-userbar" not in client.get("/").content.decode()


def test_losing_superuser_status_shows_at_once(client, learner, home_page):
    learner.is_superuser = True
    learner.save()
    client.force_login(learner)
    assert WORKSHOP_LINK in client.get("/").content.decode()
    learner.is_superuser = False
    learner.save()  # no signal bumps anything: the user's own columns are part of the kept key
    assert WORKSHOP_LINK not in client.get("/").content.decode()
