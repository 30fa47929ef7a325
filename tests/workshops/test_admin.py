"""The workshop admin: scoped listings and forms, group members, proposing groups, reports and exports."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.roles import FACILITATOR, MANAGER, group_for
from tests.factories import DepartmentFactory, UserFactory
from workshops.composition import group_count_for, mix_score
from workshops.models import Membership, Reminder, ReminderStatus, Workshop, WorkshopGroup

from .conftest import complete

# What the Manager role needs in the admin (accounts/roles.py grants it through workshops/apps.py).
MANAGER_WORKSHOP_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("workshop", "workshopgroup", "membership")
    for action in ("add", "change", "delete", "view")
] + ["view_reminder"]


@pytest.fixture(autouse=True)
def manager_permissions(roles):
    group_for(MANAGER).permissions.add(
        *Permission.objects.filter(content_type__app_label="workshops", codename__in=MANAGER_WORKSHOP_PERMISSIONS)
    )


@pytest.fixture
def world(workshop, group, other_group, members_factory, modules, organisation):
    members = members_factory(6, group=group)
    for person in members[:3]:
        complete(person, modules[0])
    others = members_factory(2, group=other_group)
    reminder = Reminder.objects.create(
        workshop=workshop, user=members[3], sent_on=timezone.localdate(), status=ReminderStatus.FAILED, tries=2
    )
    return {"workshop": workshop, "group": group, "members": members, "others": others, "reminder": reminder}


def login(client, user):
    client.force_login(user)
    return client


def _urls(world):
    workshop, group, members = world["workshop"], world["group"], world["members"]
    return {
        "workshops": ("get", reverse("workshops_workshop_modeladmin_index"), None),
        "workshops_export": ("get", reverse("workshops_workshop_modeladmin_index") + "?export=csv", None),
        "workshop_create": ("get", reverse("workshops_workshop_modeladmin_create"), None),
        "workshop_edit": ("get", reverse("workshops_workshop_modeladmin_edit", args=[workshop.pk]), None),
        "workshop_delete": ("get", reverse("workshops_workshop_modeladmin_delete", args=[workshop.pk]), None),
        "groups": ("get", reverse("workshops_workshopgroup_modeladmin_index"), None),
        "group_edit": ("get", reverse("workshops_workshopgroup_modeladmin_edit", args=[group.pk]), None),
        "group_delete": ("get", reverse("workshops_workshopgroup_modeladmin_delete", args=[group.pk]), None),
        "reminders": ("get", reverse("workshops_reminder_modeladmin_index"), None),
        "members": ("get", reverse("workshops_admin_group_members", args=[group.pk]), None),
        "member_add": ("post", reverse("workshops_admin_member_add", args=[group.pk]), {}),
        "members_bulk": ("post", reverse("workshops_admin_members_bulk", args=[group.pk]), {}),
        "members_import": ("post", reverse("workshops_admin_members_import", args=[group.pk]), {}),
        "member_remove": (
            "post",
            reverse("workshops_admin_member_remove", args=[group.pk, members[0].pk]),
            {},
        ),
        "propose": ("get", reverse("workshops_admin_propose_groups", args=[workshop.pk]), None),
        "propose_save": ("post", reverse("workshops_admin_propose_groups", args=[workshop.pk]), {}),
        "readiness_export": (
            "get",
            reverse("workshops_admin_readiness_export", args=[workshop.pk]) + "?format=csv",
            None,
        ),
        "completion": ("get", reverse("workshops_admin_completion"), None),
        "completion_export": ("get", reverse("workshops_admin_completion") + "?format=csv", None),
    }


# Status for the manager of the workshop's organisation and for the administrator.
OWN = {
    "member_add": 200,  # an empty form is shown again with its errors
    "member_remove": 302,  # back to the members page
    "propose_save": 302,  # an incomplete proposal: back to start
}
# Listings and reports are not objects of the other organisation: their manager gets their own (empty) view.
NOT_AN_OBJECT = {
    "workshops",
    "workshops_export",
    "workshop_create",
    "groups",
    "reminders",
    "completion",
    "completion_export",
}
ROLES = ["anonymous", "learner", "facilitator", "editor", "manager", "other_manager", "administrator"]


def _expected(name, role):
    if role == "anonymous":
        return 302, "/konto/login/"
    if role in ("learner", "facilitator"):
        return 302, "/konto/login/"  # no access to the admin at all
    if role == "editor":
        return 302, "/admin/"  # in the admin, but not allowed here: sent to the dashboard
    if role == "other_manager":
        return (200, None) if name in NOT_AN_OBJECT else (404, None)
    return OWN.get(name, 200), None


URL_NAMES = [
    "workshops",
    "workshops_export",
    "workshop_create",
    "workshop_edit",
    "workshop_delete",
    "groups",
    "group_edit",
    "group_delete",
    "reminders",
    "members",
    "member_add",
    "members_bulk",
    "members_import",
    "member_remove",
    "propose",
    "propose_save",
    "readiness_export",
    "completion",
    "completion_export",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URL_NAMES)
def test_permission_table(name, role, world, request):
    method, url, data = _urls(world)[name]
    client = Client()
    if role != "anonymous":
        login(client, request.getfixturevalue(role))
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    status, location = _expected(name, role)
    assert response.status_code == status, (name, role, response.status_code)
    if location == "/admin/":
        assert response["Location"] == "/admin/"
    elif location:
        assert response["Location"].startswith(location)
    # Nothing changed for anyone who was refused.
    if status != 200 and name == "member_remove" and role != "manager" and role != "administrator":
        assert Membership.objects.filter(user=world["members"][0], group=world["group"]).exists()


def test_other_manager_sees_none_of_our_rows(world, other_manager, client):
    login(client, other_manager)
    for name in ("workshops", "groups", "reminders"):
        response = client.get(_urls(world)[name][1])
        assert response.status_code == 200
        assert world["workshop"].title not in response.content.decode()
    body = client.get(_urls(world)["workshops_export"][1]).content.decode("utf-8")
    assert world["workshop"].title not in body


def test_manager_listings_show_their_rows(world, manager, client):
    login(client, manager)
    page = client.get(reverse("workshops_workshop_modeladmin_index")).content.decode()
    assert world["workshop"].title in page
    assert reverse("workshops_admin_propose_groups", args=[world["workshop"].pk]) in page
    groups = client.get(reverse("workshops_workshopgroup_modeladmin_index") + f"?workshop={world['workshop'].pk}")
    body = groups.content.decode()
    assert "Bord 1" in body and "Bord 2" in body
    assert reverse("workshops_admin_group_members", args=[world["group"].pk]) in body
    # The member count comes from one annotated query: Bord 1 has 6.
    assert ">6<" in body.replace(" ", "").replace("\n", "")
    reminders = client.get(reverse("workshops_reminder_modeladmin_index")).content.decode()
    assert world["members"][3].email in reminders or str(world["members"][3]) in reminders
    assert reverse("workshops_reminder_modeladmin_create") not in reminders


def test_reminder_log_is_read_only(world, manager, administrator, client):
    for user in (manager, administrator):
        login(client, user)
        edit = client.get(reverse("workshops_reminder_modeladmin_edit", args=[world["reminder"].pk]))
        assert edit.status_code == 302 and edit["Location"] == "/admin/"
        assert client.get(reverse("workshops_reminder_modeladmin_create")).status_code == 302
        delete = client.post(reverse("workshops_reminder_modeladmin_delete", args=[world["reminder"].pk]))
        assert delete.status_code == 302
    assert Reminder.objects.filter(pk=world["reminder"].pk).exists()


def test_other_manager_cannot_change_or_delete_our_objects(world, other_manager, client):
    login(client, other_manager)
    workshop, group = world["workshop"], world["group"]
    response = client.post(
        reverse("workshops_workshop_modeladmin_delete", args=[workshop.pk]),
    )
    assert response.status_code == 404
    response = client.post(
        reverse("workshops_workshopgroup_modeladmin_edit", args=[group.pk]),
        {"workshop": workshop.pk, "name": "Kapad", "room": ""},
    )
    assert response.status_code == 404
    assert Workshop.objects.filter(pk=workshop.pk).exists()
    assert WorkshopGroup.objects.get(pk=group.pk).name == "Bord 1"


# --- forms ---------------------------------------------------------------------------------


def test_workshop_form_offers_a_manager_only_their_organisation(
    world, manager, other_organisation, organisation, modules, facilitator, client
):
    outsider = UserFactory(organisation=other_organisation, roles=[FACILITATOR])
    login(client, manager)
    page = client.get(reverse("workshops_workshop_modeladmin_create")).content.decode()
    assert organisation.name in page and other_organisation.name not in page
    assert facilitator.email in page and outsider.email not in page
    data = {
        "title": "Chefsdag 2",
        "organisation": other_organisation.pk,
        "starts_at": "2030-05-01 08:30",
        "place": "Aulan",
        "description": "",
        "required_modules": [modules[0].pk],
        "facilitators": [facilitator.pk],
        "reminder_days_before": 3,
    }
    response = client.post(reverse("workshops_workshop_modeladmin_create"), data)
    assert response.status_code == 200
    assert not Workshop.objects.filter(title="Chefsdag 2").exists()
    response = client.post(reverse("workshops_workshop_modeladmin_create"), {**data, "organisation": organisation.pk})
    assert response.status_code == 302
    created = Workshop.objects.get(title="Chefsdag 2")
    assert created.organisation == organisation
    assert list(created.required_modules.all()) == [modules[0]]


def test_workshop_form_refuses_a_facilitator_of_another_organisation(
    world, administrator, other_organisation, organisation, client
):
    outsider = UserFactory(organisation=other_organisation, roles=[FACILITATOR])
    login(client, administrator)
    response = client.post(
        reverse("workshops_workshop_modeladmin_create"),
        {
            "title": "Blandad",
            "organisation": organisation.pk,
            "starts_at": "2030-05-01 08:30",
            "facilitators": [outsider.pk],
            "reminder_days_before": 3,
        },
    )
    assert response.status_code == 200
    assert not Workshop.objects.filter(title="Blandad").exists()


def test_group_form_offers_only_scoped_workshops(world, manager, other_manager, other_organisation, client):
    foreign = Workshop.objects.create(title="Sundsvalls dag", organisation=other_organisation, starts_at=timezone.now())
    login(client, manager)
    page = client.get(reverse("workshops_workshopgroup_modeladmin_create")).content.decode()
    assert world["workshop"].title in page and foreign.title not in page
    response = client.post(
        reverse("workshops_workshopgroup_modeladmin_create"), {"workshop": foreign.pk, "name": "Bord 9", "room": ""}
    )
    assert response.status_code == 200
    assert not WorkshopGroup.objects.filter(name="Bord 9").exists()


# --- group members ---------------------------------------------------------------------------


def test_add_one_member_and_refuse_a_second_group(world, manager, members_factory, client):
    login(client, manager)
    group, (other,) = world["group"], world["others"][:1]
    (newcomer,) = members_factory(1)
    url = reverse("workshops_admin_member_add", args=[group.pk])
    page = client.get(reverse("workshops_admin_group_members", args=[group.pk])).content.decode()
    assert newcomer.email in page

    response = client.post(url, {"user": newcomer.pk}, follow=True)
    assert response.status_code == 200
    assert Membership.objects.filter(group=group, user=newcomer).exists()

    response = client.post(url, {"user": other.pk}, follow=True)
    assert other.email in response.content.decode()  # the service's message names the person
    assert "Bord 2" in response.content.decode()
    assert Membership.objects.get(user=other, workshop=group.workshop).group.name == "Bord 2"
    assert not Membership.objects.filter(group=group, user=other).exists()


def test_add_member_refuses_a_person_of_another_organisation(world, manager, other_manager, client):
    login(client, manager)
    response = client.post(reverse("workshops_admin_member_add", args=[world["group"].pk]), {"user": other_manager.pk})
    assert response.status_code == 200  # not a choice: the form is shown again
    assert not Membership.objects.filter(user=other_manager).exists()


def test_bulk_add_by_department_and_target_group(world, manager, organisation, client):
    login(client, manager)
    department = DepartmentFactory(organisation=organisation, name="Socialförvaltningen")
    chefs = [UserFactory(organisation=organisation, department=department, target_group="chef") for _ in range(3)]
    staff = UserFactory(organisation=organisation, department=department, target_group="medarbetare")
    # One of the department is already in Bord 2: reported, not moved.
    Membership.objects.create(
        workshop=world["workshop"], group=world["others"][0].workshop_memberships.get().group, user=chefs[0]
    )
    url = reverse("workshops_admin_members_bulk", args=[world["group"].pk])
    response = client.post(url, {"department": department.pk, "target_group": "chef"})
    assert response.status_code == 200
    outcomes = {row.email: row.outcome for row in response.context["report"].rows}
    assert outcomes == {chefs[0].email: "error", chefs[1].email: "added", chefs[2].email: "added"}
    assert Membership.objects.get(user=chefs[0]).group.name == "Bord 2"
    assert not Membership.objects.filter(user=staff).exists()
    assert 'data-outcome="error"' in response.content.decode()

    response = client.post(url, {"target_group": "medarbetare"})
    assert Membership.objects.filter(user=staff, group=world["group"]).exists()

    response = client.post(url, {})
    assert response.status_code == 200 and response.context["bulk_form"].errors


def _csv(text, name="adresser.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_csv_import_reports_every_row(world, manager, other_manager, members_factory, client):
    login(client, manager)
    group = world["group"]
    fresh = members_factory(2)
    in_other_group = world["others"][0]
    already_here = world["members"][1]
    text = "e-post;namn\n" + "\n".join(
        [
            f"{fresh[0].email};A",
            f"{fresh[1].email.upper()};B",
            "okand@harnosand.se;C",
            f"{fresh[0].email};dubblett",
            f"{other_manager.email};D",
            f"{in_other_group.email};E",
            f"{already_here.email};F",
            "inte-en-adress;G",
        ]
    )
    response = client.post(reverse("workshops_admin_members_import", args=[group.pk]), {"file": _csv(text)})
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.error
    outcomes = [(row.line, row.outcome) for row in report.rows]
    assert outcomes == [
        (2, "added"),
        (3, "added"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
        (7, "error"),
        (8, "already"),
        (9, "error"),
    ]
    assert set(Membership.objects.filter(group=group).values_list("user_id", flat=True)) == {
        m.pk for m in world["members"]
    } | {fresh[0].pk, fresh[1].pk}
    assert Membership.objects.get(user=in_other_group).group.name == "Bord 2"
    assert not Membership.objects.filter(user=other_manager).exists()
    page = response.content.decode()
    assert "okand@harnosand.se" in page and in_other_group.email in page
    assert ModelLogEntry.objects.filter(action="workshop.csv_import").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02PK\x03\x04binary\x00",  # a renamed binary file
        b"",
        b"\xff\xfe\x00\x00" + bytes(range(256)),
    ],
)
def test_malformed_csv_file_adds_nobody(world, manager, content, client):
    login(client, manager)
    before = Membership.objects.count()
    response = client.post(
        reverse("workshops_admin_members_import", args=[world["group"].pk]),
        {"file": SimpleUploadedFile("adresser.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 200
    if content:
        assert response.context["report"].error
        assert response.context["report"].error in response.content.decode()
    else:
        assert response.context["import_form"].errors  # Django refuses an empty upload
    assert Membership.objects.count() == before


def test_remove_member(world, manager, client):
    login(client, manager)
    person = world["members"][0]
    url = reverse("workshops_admin_member_remove", args=[world["group"].pk, person.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(user=person).exists()
    assert ModelLogEntry.objects.filter(action="workshop.member_removed").exists()
    # Someone who is not in this group: 404.
    assert client.post(url).status_code == 404


def test_member_forms_need_csrf(world, manager):
    client = Client(enforce_csrf_checks=True)
    login(client, manager)
    newcomer = UserFactory(organisation=world["workshop"].organisation)
    for url, data in [
        (reverse("workshops_admin_member_add", args=[world["group"].pk]), {"user": newcomer.pk}),
        (reverse("workshops_admin_member_remove", args=[world["group"].pk, world["members"][0].pk]), {}),
        (reverse("workshops_admin_propose_groups", args=[world["workshop"].pk]), {"group_count": 1}),
    ]:
        assert client.post(url, data).status_code == 403
    assert not Membership.objects.filter(user=newcomer).exists()
    assert Membership.objects.filter(user=world["members"][0]).exists()


# --- proposing groups ------------------------------------------------------------------------


@pytest.fixture
def managers_to_place(workshop, organisation):
    departments = [DepartmentFactory(organisation=organisation, name=f"Förvaltning {n}") for n in "ABC"]
    people = []
    for index in range(12):
        people.append(UserFactory(organisation=organisation, department=departments[index % 3], target_group="chef"))
    staff = UserFactory(organisation=organisation, department=departments[0], target_group="medarbetare")
    return {"people": people, "staff": staff, "departments": departments}


def _proposal(client, workshop, **params):
    url = reverse("workshops_admin_propose_groups", args=[workshop.pk])
    return client.get(url, params)


def test_propose_and_save_groups(workshop, manager, managers_to_place, facilitator, client):
    login(client, manager)
    response = _proposal(client, workshop, mode="count", number=3, target_group="chef")
    assert response.status_code == 200
    form = response.context["save_form"]
    placed, unplaced = form.groups()
    # 12 managers of the three departments and the manager herself; not the staff member nor the facilitator.
    sizes = [len(rows) for _n, _name, rows in placed]
    assert sum(sizes) == 13 and max(sizes) - min(sizes) <= 1
    assert managers_to_place["staff"] not in form.people
    assert facilitator not in form.people
    assert not unplaced
    # Every proposed group mixes departments: no department is more than half of a group.
    proposal = [[person for person, _field in rows] for _n, _name, rows in placed]
    assert mix_score(proposal, key=lambda person: person.department_id) <= 0.5
    page = response.content.decode()
    assert "Förvaltning A" in page and 'data-proposed-group="3"' in page

    # The manager moves one person from group 1 to group 2 and renames group 3.
    data = {"group_count": 3, "people": [p.pk for p in form.people]}
    for person in form.people:
        data[f"person_{person.pk}"] = form.initial.get(f"person_{person.pk}") or form[f"person_{person.pk}"].initial
    moved = placed[0][2][0][0]
    data[f"person_{moved.pk}"] = 2
    data.update({"name_1": "Grupp 1", "name_2": "Grupp 2", "name_3": "Salongen"})
    response = client.post(reverse("workshops_admin_propose_groups", args=[workshop.pk]), data)
    assert response.status_code == 302
    groups = {g.name: g for g in WorkshopGroup.objects.filter(workshop=workshop)}
    assert set(groups) == {"Grupp 1", "Grupp 2", "Salongen"}
    assert Membership.objects.get(user=moved).group == groups["Grupp 2"]
    assert groups["Grupp 1"].memberships.count() == sizes[0] - 1
    assert groups["Grupp 2"].memberships.count() == sizes[1] + 1
    assert ModelLogEntry.objects.filter(action="workshop.groups_created").exists()

    # The next proposal leaves out everyone already placed: only the staff member is left.
    again = _proposal(client, workshop, mode="count", number=2, target_group="chef")
    assert "save_form" not in again.context
    again = _proposal(client, workshop, mode="count", number=2)
    assert again.context["save_form"].people == [managers_to_place["staff"]]


def test_propose_by_size_and_department(workshop, manager, managers_to_place, client):
    login(client, manager)
    department = managers_to_place["departments"][0]
    response = _proposal(client, workshop, mode="size", number=2, departments=[department.pk])
    form = response.context["save_form"]
    assert {p.department_id for p in form.people} == {department.pk}
    assert form.group_count == group_count_for(2, 5)  # 4 managers + 1 staff member of department A


def test_save_refuses_people_already_in_a_group(workshop, group, manager, managers_to_place, client):
    login(client, manager)
    form = _proposal(client, workshop, mode="count", number=2).context["save_form"]
    taken = form.people[0]
    Membership.objects.create(workshop=workshop, group=group, user=taken)  # placed meanwhile by someone else
    data = {"group_count": 2, "people": [p.pk for p in form.people], "name_1": "Grupp 1", "name_2": "Grupp 2"}
    for index, person in enumerate(form.people):
        data[f"person_{person.pk}"] = 1 + index % 2
    response = client.post(reverse("workshops_admin_propose_groups", args=[workshop.pk]), data, follow=True)
    assert response.status_code == 200
    assert taken.email in response.content.decode()
    assert set(WorkshopGroup.objects.filter(workshop=workshop).values_list("name", flat=True)) == {"Bord 1"}
    assert Membership.objects.filter(workshop=workshop).count() == 1


def test_save_refuses_a_taken_group_name_and_people_of_another_organisation(
    workshop, group, manager, managers_to_place, other_manager, client
):
    login(client, manager)
    person = managers_to_place["people"][0]
    data = {
        "group_count": 1,
        "people": [person.pk, other_manager.pk],
        "name_1": "Bord 1",
        f"person_{person.pk}": 1,
        f"person_{other_manager.pk}": 1,
    }
    response = client.post(reverse("workshops_admin_propose_groups", args=[workshop.pk]), data)
    assert response.status_code == 200
    assert response.context["save_form"].errors["name_1"]
    data["name_1"] = "Nytt bord"
    response = client.post(reverse("workshops_admin_propose_groups", args=[workshop.pk]), data)
    assert response.status_code == 302
    assert list(Membership.objects.filter(workshop=workshop).values_list("user_id", flat=True)) == [person.pk]


# --- reports and exports ---------------------------------------------------------------------


def test_readiness_export_xlsx_is_audited(world, manager, client):
    login(client, manager)
    url = reverse("workshops_admin_readiness_export", args=[world["workshop"].pk])
    response = client.get(url + "?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 8
    assert {row[1] for row in rows[1:]} == {p.email for p in world["members"] + world["others"]}
    event = ModelLogEntry.objects.get(action="report.exported")
    assert event.user == manager and event.object_id == str(world["workshop"].pk)
    assert client.get(url + "?format=pdf").status_code == 400


def test_completion_page_filters_and_exports(world, manager, modules, client):
    login(client, manager)
    url = reverse("workshops_admin_completion")
    page = client.get(url, {"workshop": world["workshop"].pk})
    assert page.status_code == 200
    summary = page.context["summary"]
    assert summary.people == 8
    assert modules[0].title in page.content.decode()
    assert "data-hidden" in page.content.decode()  # Bord 2 has 2 people
    assert "format=xlsx" in page.content.decode()

    response = client.get(url, {"workshop": world["workshop"].pk, "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    total = next(row for row in rows[1:] if row[0] == modules[0].title)
    assert total[3:6] == ["8", "3", "3"]
    event = ModelLogEntry.objects.get(action="report.exported")
    assert event.data["report"] == "completion" and event.data["workshop"]

    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    assert ModelLogEntry.objects.filter(action="report.exported").count() == 2
    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_completion_filter_with_another_organisations_workshop_is_refused(world, other_manager, client):
    login(client, other_manager)
    url = reverse("workshops_admin_completion")
    response = client.get(url, {"workshop": world["workshop"].pk})
    assert response.status_code == 200
    assert response.context["summary"] is None and response.context["form"].errors
    assert client.get(url, {"workshop": world["workshop"].pk, "format": "csv"}).status_code == 400
    assert not ModelLogEntry.objects.filter(action="report.exported").exists()


def test_completion_offers_organisation_only_to_administrators(world, manager, administrator, client):
    login(client, manager)
    assert "organisation" not in client.get(reverse("workshops_admin_completion")).context["form"].fields
    login(client, administrator)
    assert "organisation" in client.get(reverse("workshops_admin_completion")).context["form"].fields


def test_listing_export_goes_through_the_neutralising_helper(world, manager, client):
    Workshop.objects.filter(pk=world["workshop"].pk).update(title='=HYPERLINK("http://evil")')
    login(client, manager)
    response = client.get(reverse("workshops_workshop_modeladmin_index") + "?export=csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and ";" in body
    assert "'=HYPERLINK" in body
    assert ModelLogEntry.objects.filter(action="report.exported").exists()


@pytest.fixture
def crowd(workshop, group, other_group, members_factory, modules):
    people = members_factory(30, group=group) + members_factory(30, group=other_group, target_group="medarbetare")
    for person in people[::5]:
        complete(person, modules[0])
    return people


def test_readiness_export_query_count(crowd, workshop, manager, client, django_assert_max_num_queries):
    login(client, manager)
    url = reverse("workshops_admin_readiness_export", args=[workshop.pk]) + "?format=xlsx"
    client.get(url)  # warm caches (content types, site)
    # session, user, roles, permissions, workshop, readiness (3), audit (Wagtail checks the content type and
    # the user exist, then inserts)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


def test_completion_report_query_count(crowd, workshop, manager, client, django_assert_max_num_queries):
    login(client, manager)
    url = reverse("workshops_admin_completion")
    client.get(url)
    with django_assert_max_num_queries(24):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["summary"].people == 62
    with django_assert_max_num_queries(18):
        assert client.get(url, {"format": "xlsx", "workshop": workshop.pk}).status_code == 200


def test_member_pages_query_count(crowd, group, manager, client, django_assert_max_num_queries):
    login(client, manager)
    url = reverse("workshops_admin_group_members", args=[group.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    url = reverse("workshops_workshopgroup_modeladmin_index")
    client.get(url)
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200


def test_proposal_page_query_count(workshop, manager, members_factory, client, django_assert_max_num_queries):
    members_factory(30)
    members_factory(30, target_group="medarbetare")
    login(client, manager)
    url = reverse("workshops_admin_propose_groups", args=[workshop.pk])
    client.get(url, {"mode": "size", "number": 6})
    with django_assert_max_num_queries(18):
        response = client.get(url, {"mode": "size", "number": 6})
    assert len(response.context["save_form"].people) == 61  # the 60, and the manager; not the facilitator


# --- dashboard -------------------------------------------------------------------------------


def test_dashboard_panel_shows_upcoming_workshops_in_scope(
    world, manager, other_manager, administrator, modules, client
):
    complete(world["members"][0], modules[1])  # the first member has done both modules
    login(client, manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "upcoming-workshops" in page
    assert world["workshop"].title in page
    assert reverse("workshop_readiness", args=[world["workshop"].pk]) in page
    assert "1 of 8" in page or "1 av 8" in page  # one of eight members is ready

    login(client, other_manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "upcoming-workshops" in page and world["workshop"].title not in page

    login(client, administrator)
    assert world["workshop"].title in client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_panel_is_not_for_editors(world, editor, client):
    login(client, editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "upcoming-workshops" not in page


def test_custom_pages_have_a_page_heading(world, manager, client):
    login(client, manager)
    for url, title in [
        (reverse("workshops_admin_group_members", args=[world["group"].pk]), "Bord 1"),
        (reverse("workshops_admin_propose_groups", args=[world["workshop"].pk]), world["workshop"].title),
        (reverse("workshops_admin_completion"), ""),
    ]:
        page = client.get(url).content.decode()
        assert '<h1 class="w-header__title"' in page
        assert title in page


def test_group_and_reminder_listings_export_through_the_helper(world, manager, client):
    WorkshopGroup.objects.filter(pk=world["group"].pk).update(room="@Salongen")
    login(client, manager)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("workshops_workshopgroup_modeladmin_index") + "?export=csv")
                .content.decode("utf-8")
                .lstrip("\ufeff")
            ),
            delimiter=";",
        )
    )
    bord1 = next(row for row in rows if row[1] == "Bord 1")
    assert bord1[3] == "'@Salongen" and bord1[4] == "6"
    response = client.get(reverse("workshops_reminder_modeladmin_index") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert ModelLogEntry.objects.filter(action="report.exported").count() == 2
