from django.contrib.auth.models import Group

from accounts import scoping
from accounts.models import Role
from accounts.roles import DEFAULT_GROUP_NAMES, EDITOR, MANAGER, PROGRAMME_OWNER, ROLES, group_for
from tests.factories import UserFactory


def test_role_groups_and_permissions_exist(roles):
    assert set(Role.objects.values_list("code", flat=True)) == set(ROLES)
    manager = group_for(MANAGER)
    assert manager.permissions.filter(codename="view_reports").exists()
    assert manager.permissions.filter(codename="access_admin").exists()
    editor = group_for(EDITOR)
    assert editor.page_permissions.filter(permission__codename="publish_page").exists()
    assert not group_for("learner").permissions.exists()


def test_migration_made_the_roles_with_swedish_names(db):
    # The data migration, not a fixture, made them.
    assert set(Role.objects.values_list("code", flat=True)) == set(ROLES)
    assert set(Group.objects.filter(role__isnull=False).values_list("name", flat=True)) == set(
        DEFAULT_GROUP_NAMES.values()
    )


def test_renaming_a_group_keeps_the_role(roles, manager, learner):
    group = group_for(MANAGER)
    group.name = "Förvaltningschefer"
    group.save()
    person = type(manager).objects.get(pk=manager.pk)
    assert scoping.is_manager(person)
    assert scoping.can_see_user(person, learner)


def test_a_group_merely_named_like_a_role_gives_nothing(roles, learner, other_learner):
    impostor = Group.objects.create(name="Manager")
    learner.groups.add(impostor)
    person = type(learner).objects.get(pk=learner.pk)
    assert not scoping.is_manager(person)
    assert list(scoping.users_visible_to(person)) == [person]


def test_manager_sees_only_own_organisation(manager, other_manager, learner, other_learner):
    visible = set(scoping.users_visible_to(manager))
    assert {learner, other_learner, manager} <= visible
    assert other_manager not in visible
    assert list(scoping.organisations_visible_to(manager)) == [manager.organisation]
    assert scoping.can_see_user(manager, learner)
    assert not scoping.can_see_user(other_manager, learner)


def test_manager_without_organisation_sees_nobody(roles, learner):
    orphan = UserFactory(email="chef.utan@example.se", organisation=None, roles=[MANAGER])
    assert not scoping.is_manager(orphan)
    assert list(scoping.users_visible_to(orphan)) == [orphan]
    assert not scoping.can_view_reports(orphan)


def test_learner_sees_only_self(learner, other_learner):
    assert list(scoping.users_visible_to(learner)) == [learner]
    assert not scoping.can_see_user(learner, other_learner)
    assert not scoping.can_view_reports(learner)
    assert not scoping.can_view_figures(learner)


def test_administrator_sees_everyone(administrator, learner, other_manager):
    assert {learner, other_manager} <= set(scoping.users_visible_to(administrator))
    assert scoping.can_view_reports(administrator)


def test_editor_sees_figures_but_no_person(editor, learner):
    assert not scoping.can_view_reports(editor)
    assert scoping.can_view_figures(editor)
    assert list(scoping.users_visible_to(editor)) == [editor]


def test_programme_owner_sees_figures_everywhere_and_names_nowhere(roles, organisation, other_organisation, learner):
    owner = UserFactory(email="agare@lansstyrelsen.se", organisation=other_organisation, roles=[PROGRAMME_OWNER])
    scope = scoping.scope_of(owner)
    assert scope.figures == scoping.ALL
    assert list(scoping.users_visible_to(owner)) == [owner]
    assert set(scoping.organisations_with_figures_for(owner)) == {organisation, other_organisation}
    assert not scoping.can_view_reports(owner)


def test_inactive_person_has_no_role(manager, learner):
    manager.is_active = False
    manager.save()
    person = type(manager).objects.get(pk=manager.pk)
    assert not scoping.is_manager(person)
    assert list(scoping.users_visible_to(person)) == [person]
