"""People's lifecycle and Wagtail's own user screens, narrowed by accounts.scoping."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse

from accounts import services
from accounts.exceptions import NotAllowed
from accounts.models import Organisation, User
from accounts.roles import MANAGER
from tests.factories import UserFactory
from workshops import services as workshop_services
from workshops.admin_forms import candidate_people
from workshops.models import Membership, Reminder, Workshop


@pytest.fixture
def sundsvall_person(roles, other_organisation):
    return UserFactory(
        email="unik.sundsvallsbo@sundsvall.se",
        first_name="Unik",
        last_name="Sundsvallsbo",
        organisation=other_organisation,
    )


def test_manager_users_listing_shows_only_own_organisation(client, manager, learner, sundsvall_person):
    client.force_login(manager)
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert learner.email in body
    assert sundsvall_person.email not in body and "Sundsvallsbo" not in body


def test_manager_search_and_results_fragment_find_no_other_organisation(client, manager, sundsvall_person):
    client.force_login(manager)
    for name in ("wagtailusers_users:index", "wagtailusers_users:index_results"):
        body = client.get(reverse(name), {"q": "sundsvall"}).content.decode()
        assert sundsvall_person.email not in body, name
        assert "Sundsvallsbo" not in body, name


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "copy"])
def test_other_organisations_person_is_not_reachable_through_user_views(client, manager, sundsvall_person, view):
    client.force_login(manager)
    response = client.get(reverse(f"wagtailusers_users:{view}", args=[sundsvall_person.pk]))
    # 404 outside the scope; 403 (Wagtail: a redirect to the dashboard) where the role lacks the permission.
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response.url == "/admin/"
    assert "Sundsvallsbo" not in response.content.decode()


def test_administrator_sees_everyone_and_can_filter_by_organisation(
    client, administrator, learner, sundsvall_person, other_organisation
):
    client.force_login(administrator)
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert learner.email in body and sundsvall_person.email in body
    filtered = client.get(reverse("wagtailusers_users:index"), {"organisation": other_organisation.pk}).content
    assert sundsvall_person.email in filtered.decode() and learner.email not in filtered.decode()


def test_manager_marks_a_person_as_left_and_back(client, manager, learner, workshop, group):
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    client.force_login(manager)
    url = reverse("accounts_admin_mark_left", args=[learner.pk])
    assert "Markera som slutat" in client.get(reverse("wagtailusers_users:index")).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200 and str(learner) in confirm.content.decode()
    assert client.post(url).status_code == 302
    learner.refresh_from_db()
    assert not learner.is_active and learner.left_on is not None
    # History stays; the person drops out of proposals and gets no reminder.
    assert Membership.objects.filter(user=learner).exists()
    assert learner not in candidate_people(workshop)
    workshop_services.remind_not_ready(workshop, actor=manager)
    assert not Reminder.objects.filter(user=learner).exists()
    # A second submit changes nothing and says so.
    assert client.post(url, follow=True).status_code == 200
    assert client.post(reverse("accounts_admin_reactivate", args=[learner.pk])).status_code == 302
    learner.refresh_from_db()
    assert learner.is_active and learner.left_on is None


def test_left_person_cannot_log_in(client, learner):
    learner.is_active = False
    learner.save()
    response = client.post(reverse("account_login"), {"login": learner.email, "password": "test-password-123"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_manager_cannot_mark_another_organisations_person(client, manager, sundsvall_person):
    client.force_login(manager)
    assert client.post(reverse("accounts_admin_mark_left", args=[sundsvall_person.pk])).status_code == 404
    sundsvall_person.refresh_from_db()
    assert sundsvall_person.is_active
    with pytest.raises(NotAllowed):
        services.mark_left(sundsvall_person, actor=manager)


def test_learner_cannot_mark_anyone(client, learner, other_learner):
    client.force_login(learner)
    response = client.post(reverse("accounts_admin_mark_left", args=[other_learner.pk]))
    assert response.status_code in (302, 403)  # Wagtail sends people without admin access to its login
    other_learner.refresh_from_db()
    assert other_learner.is_active


def test_manager_cannot_mark_themselves(client, manager):
    client.force_login(manager)
    response = client.post(reverse("accounts_admin_mark_left", args=[manager.pk]))
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's answer to PermissionDenied
    manager.refresh_from_db()
    assert manager.is_active


def test_organisation_with_people_or_workshops_cannot_be_deleted(organisation, learner, workshop):
    with pytest.raises(ProtectedError):
        organisation.delete()
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_organisation_delete_in_admin_explains_instead_of_cascading(client, administrator, organisation, learner):
    client.force_login(administrator)
    url = reverse("accounts_organisation_modeladmin_delete", args=[organisation.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    User.objects.get(pk=learner.pk)


def test_empty_organisation_can_be_deleted(roles):
    empty = Organisation.objects.create(name="Ånge kommun", kind="kommun", county="Y")
    empty.delete()
    assert not Organisation.objects.filter(name="Ånge kommun").exists()


def test_renamed_manager_group_keeps_the_listing_scoped(client, manager, learner, sundsvall_person):
    from accounts.roles import group_for

    group = group_for(MANAGER)
    group.name = "Chefer i kommunen"
    group.save()
    client.force_login(manager)
    body = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert learner.email in body and sundsvall_person.email not in body


def test_csv_import_with_a_huge_field_is_a_clear_error_and_leaves_the_dialect_alone(client, manager, group):
    client.force_login(manager)
    delimiter_before = csv.excel.delimiter
    huge = "e-post\n" + "a" * (csv.field_size_limit() + 10) + "@harnosand.se\n"
    response = client.post(
        reverse("workshops_admin_members_import", args=[group.pk]),
        {"file": SimpleUploadedFile("stor.csv", huge.encode(), content_type="text/csv")},
    )
    assert response.status_code in (200, 400)
    assert "kunde inte läsas" in response.content.decode()
    semicolons = "x;y\n" * 3
    client.post(
        reverse("workshops_admin_members_import", args=[group.pk]),
        {"file": SimpleUploadedFile("semi.csv", b"\x00" * 0 + semicolons.encode(), content_type="text/csv")},
    )
    assert csv.excel.delimiter == delimiter_before == ","
    assert next(csv.reader(io.StringIO("a,b"))) == ["a", "b"]
