from django.contrib.auth.models import Group

from accounts import scoping
from accounts.roles import ROLES


def test_role_groups_and_permissions_exist(roles):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLES) <= names
    manager = Group.objects.get(name="Manager")
    assert manager.permissions.filter(codename="view_reports").exists()
    assert manager.permissions.filter(codename="access_admin").exists()
    editor = Group.objects.get(name="Editor")
    assert editor.page_permissions.filter(permission__codename="publish_page").exists()
    assert not Group.objects.get(name="Learner").permissions.exists()


def test_migration_made_the_roles(db):
    # The data migration, not a fixture, made them.
    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)


def test_manager_sees_only_own_organisation(manager, other_manager, learner, other_learner):
    visible = set(scoping.users_visible_to(manager))
    assert {learner, other_learner, manager} <= visible
    assert other_manager not in visible
    assert list(scoping.organisations_visible_to(manager)) == [manager.organisation]
    assert scoping.can_see_user(manager, learner)
    assert not scoping.can_see_user(other_manager, learner)


def test_learner_sees_only_self(learner, other_learner):
    assert list(scoping.users_visible_to(learner)) == [learner]
    assert not scoping.can_see_user(learner, other_learner)
    assert not scoping.can_view_reports(learner)


def test_administrator_sees_everyone(administrator, learner, other_manager):
    assert {learner, other_manager} <= set(scoping.users_visible_to(administrator))
    assert scoping.can_view_reports(administrator)


def test_editor_has_no_personal_data(editor, learner):
    assert not scoping.can_view_reports(editor)
    assert list(scoping.users_visible_to(editor)) == [editor]
