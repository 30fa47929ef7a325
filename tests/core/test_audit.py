"""The audit trail: Wagtail log entries with Swedish messages, the site history, roles, leaving, forgetting."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.actions.delete import DeleteAction
from wagtail.admin.menu import reports_menu
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, ModelLogEntry, Page, PageLogEntry

from accounts.models import User
from core import audit
from tests.factories import UserFactory
from workshops import services

SITE_HISTORY = "/admin/reports/site-history/"


def entry_for(action):
    return ModelLogEntry.objects.get(action=action)


def swedish(entry):
    with translation.override("sv"):
        return entry.message


def group_with(name, *perms):
    group = Group.objects.create(name=name)
    for perm in perms:
        app_label, codename = perm.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


@pytest.fixture
def person(organisation):
    return UserFactory(email="asa.oberg@harnosand.se", first_name="Åsa", last_name="Öberg", organisation=organisation)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@kompetenslyft.se", organisation=None, is_superuser=True, is_staff=True)


# --- each action: a ModelLogEntry with a readable Swedish message ---------------------------


def test_member_added_and_removed_through_the_service(group, person, superuser):
    services.add_member(group, person, actor=superuser)
    services.remove_member(group, person, actor=superuser)

    added, removed = entry_for("workshop.member_added"), entry_for("workshop.member_removed")
    assert added.object_id == str(group.pk) and added.user == superuser
    assert added.content_type == ContentType.objects.get_for_model(group)
    assert swedish(added) == f"Lade till asa.oberg@harnosand.se i gruppen {group}"
    assert swedish(removed) == f"Tog bort asa.oberg@harnosand.se från gruppen {group}"


def test_export_of_a_whole_report_is_logged_on_the_exporter(person):
    entry = audit.log("report.exported", "completion (xlsx)", actor=person, report="completion", workshop="7")

    assert entry.object_id == str(person.pk) and entry.content_type.model == "user"
    assert entry.user == person and entry.data["workshop"] == "7"
    assert swedish(entry) == "Exporterade slutföranderapporten som Excel (XLSX)"


def test_export_of_a_workshops_readiness_names_the_workshop_and_format(workshop, person):
    # workshops/views.py passes neither report nor format: both are read from its summary.
    entry = audit.log("report.exported", f"readiness {workshop.title} (csv)", actor=person, obj=workshop)

    assert entry.object_id == str(workshop.pk)
    assert swedish(entry) == f"Exporterade beredskapslistan för {workshop} som CSV"


def test_export_of_an_admin_listing_names_the_listing(person):
    entry = audit.log("report.exported", "workshops (xlsx)", actor=person, report="workshops.workshop")

    assert swedish(entry) == "Exporterade listan över workshoppar som Excel (XLSX)"


@pytest.mark.parametrize(
    ("action", "summary", "details", "expected"),
    [
        (
            "workshop.reminded",
            "3 reminded for Chefsdag",
            {"automatic": False},
            "Påminde 3 personer som inte är redo inför {workshop}",
        ),
        (
            "workshop.reminded",
            "1 reminded for Chefsdag",
            {"automatic": True},
            "Påminde automatiskt 1 person som inte är redo inför {workshop}",
        ),
        (
            "workshop.groups_created",
            "4 groups, 23 members for Chefsdag",
            {},
            "Skapade 4 grupper med 23 deltagare för {workshop}",
        ),
    ],
)
def test_workshop_actions_read_in_swedish(workshop, superuser, action, summary, details, expected):
    entry = audit.log(action, summary, actor=superuser, obj=workshop, **details)

    assert swedish(entry) == expected.format(workshop=workshop)


def test_csv_import_reads_in_swedish(group, superuser):
    entry = audit.log("workshop.csv_import", f"5 added to {group}", actor=superuser, obj=group, problems=2)

    assert swedish(entry) == f"Importerade en lista till gruppen {group}: 5 tillagda, 2 med problem"


def test_automatic_reminders_have_no_actor(workshop):
    entry = audit.log("workshop.reminded", "2 reminded for Chefsdag", obj=workshop, automatic=True)

    assert entry.user is None and entry.object_id == str(workshop.pk)


def test_personal_data_export_is_logged_on_the_person(person):
    entry = audit.log("personal_data.exported", "my data", actor=person, obj=person, format="json")

    assert entry.object_id == str(person.pk) and entry.user == person
    assert swedish(entry) == "Exporterade sina egna personuppgifter (Mina uppgifter) som JSON"


def test_an_unregistered_action_is_refused(person):
    with pytest.raises(ValidationError, match=r"workshop\.typo"):
        audit.log("workshop.typo", "x", actor=person)


def test_without_an_actor_the_admin_user_of_the_request_is_taken(superuser):
    with LogContext(user=superuser):  # Wagtail's admin sets it around every view
        entry = audit.log("report.exported", "completion (csv)", report="completion")

    assert entry.user == superuser and entry.object_id == str(superuser.pk)


def test_nothing_to_attach_to_is_not_logged(db):
    assert audit.log("report.exported", "completion (csv)") is None
    assert not ModelLogEntry.objects.exists()


# --- the site history -----------------------------------------------------------------------


def test_site_history_shows_entries_in_swedish_and_filters_by_action(client, superuser, person, home_page):
    audit.log("report.exported", "completion (csv)", actor=person, report="completion")
    person.groups.add(Group.objects.create(name="Chef i test"))
    client.force_login(superuser)

    page = client.get(SITE_HISTORY).content.decode()
    assert "Sajthistorik" in page
    assert "Exporterade slutföranderapporten som CSV" in page
    assert "Tillagd i rollen Chef i test" in page
    assert "Export av rapport" in page  # the action filter's label

    filtered = client.get(SITE_HISTORY, {"action": "report.exported"}).content.decode()
    assert "Exporterade slutföranderapporten som CSV" in filtered
    assert "Tillagd i rollen Chef i test" not in filtered


def test_site_history_is_for_administrators_only(client, person, organisation, home_page):
    audit.log("report.exported", "completion (csv)", actor=person, report="completion")
    manager_group = group_with(
        "Chef utan logg", "wagtailadmin.access_admin", "accounts.view_user", "accounts.view_organisation"
    )
    manager = UserFactory(organisation=organisation)
    manager.groups.add(manager_group)
    client.force_login(manager)
    response = client.get(SITE_HISTORY)
    assert response.status_code == 302  # Wagtail's "permission denied": back to the dashboard
    assert client.get(reverse("wagtailadmin_reports:site_history_results")).status_code == 302

    administrator = UserFactory(organisation=None)
    administrator.groups.add(
        group_with("Loggläsare", "wagtailadmin.access_admin", "wagtailcore.view_modellogentry", "accounts.view_user")
    )
    client.force_login(administrator)
    response = client.get(SITE_HISTORY)
    assert response.status_code == 200
    assert "Exporterade slutföranderapporten som CSV" in response.content.decode()


def test_site_history_menu_item_is_hidden_without_the_permission(home_page, organisation):
    """An editor can explore pages (so Wagtail would show the item) but may not read the log."""
    editors = group_with("Sidredaktörer", "wagtailadmin.access_admin")
    GroupPagePermission.objects.create(
        group=editors, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="change_page")
    )
    editor = UserFactory(organisation=organisation)
    editor.groups.add(editors)
    reader = UserFactory(organisation=None)
    reader.groups.add(group_with("Loggläsare", "wagtailcore.view_modellogentry"))
    reader.groups.add(editors)

    def names(user):
        request = RequestFactory().get("/admin/")
        request.user = User.objects.get(pk=user.pk)
        return {item.name for item in reports_menu.menu_items_for_request(request)}

    assert "site-history" not in names(editor)
    assert "site-history" in names(reader)


# --- roles ----------------------------------------------------------------------------------


def test_role_changes_are_logged_on_the_person_from_either_side(person, superuser):
    chefs, redaktorer = Group.objects.create(name="Chef (test)"), Group.objects.create(name="Redaktör (test)")
    ModelLogEntry.objects.all().delete()  # the factories' default role
    with LogContext(user=superuser):  # as in any admin view
        person.groups.add(chefs)
    redaktorer.user_set.add(person)
    person.groups.remove(chefs)
    person.groups.remove(chefs)  # not a member any more: nothing to log

    added = ModelLogEntry.objects.filter(action="account.role_added").order_by("pk")
    assert [(e.object_id, e.data["role"]) for e in added] == [
        (str(person.pk), "Chef (test)"),
        (str(person.pk), "Redaktör (test)"),
    ]
    assert added[0].user == superuser and added[1].user is None
    assert swedish(added[0]) == "Tillagd i rollen Chef (test)"
    removed = ModelLogEntry.objects.get(action="account.role_removed")
    assert swedish(removed) == "Borttagen från rollen Chef (test)"


def test_clearing_and_setting_roles_log_each_change(person):
    chefs, redaktorer, deltagare = (Group.objects.create(name=f"{name} (test)") for name in ("A", "B", "C"))
    person.groups.clear()  # the factories' default role
    ModelLogEntry.objects.all().delete()
    person.groups.set([chefs, redaktorer])
    person.groups.set([redaktorer, deltagare])
    person.groups.clear()

    def roles(action):
        return sorted(ModelLogEntry.objects.filter(action=action).values_list("data__role", flat=True))

    assert roles("account.role_added") == ["A (test)", "B (test)", "C (test)"]
    assert roles("account.role_removed") == ["A (test)", "B (test)", "C (test)"]


# --- leaving and coming back ----------------------------------------------------------------


def test_marking_as_left_and_reactivating_are_logged(person):
    person.is_active = False
    person.save()
    person.save()  # no change: nothing more
    person.is_active = True
    person.save(update_fields=["is_active"])

    left = entry_for("account.deactivated")
    assert left.object_id == str(person.pk)
    assert swedish(left) == "Markerad som slutat"
    assert swedish(entry_for("account.reactivated")) == "Återaktiverad"
    assert ModelLogEntry.objects.filter(action__startswith="account.").exclude(action__contains="role").count() == 2


def test_a_save_that_cannot_change_is_active_costs_no_query(person):
    with CaptureQueriesContext(connection) as queries:
        person.save(update_fields=["last_login"])
    assert len(queries) == 1


# --- forgetting a deleted person ------------------------------------------------------------


def _log_text(entry):
    return entry.label + json.dumps(entry.data, ensure_ascii=False)


@pytest.mark.parametrize("how", ["delete", "wagtail_admin"])
def test_deleting_a_person_keeps_the_entries_without_their_identity(
    how, person, group, workshop, superuser, other_learner, home_page, client
):
    pk = person.pk
    audit.log("report.exported", "completion (xlsx)", actor=person, report="completion")
    audit.log("report.exported", f"readiness {workshop.title} (csv)", actor=person, obj=workshop)
    audit.log("personal_data.exported", "my data", actor=person, obj=person, format="json")
    services.add_member(group, person, actor=superuser)
    audit.log("workshop.reminded", "1 reminded for Chefsdag", obj=workshop, automatic=True)
    person.groups.add(Group.objects.create(name="Chef (test)"))
    person.is_active = False
    person.save()
    services.add_member(group, other_learner, actor=superuser)  # someone else's entry stays as it is
    page = home_page.add_child(instance=Page(title="Åsa Öbergs sida", slug="asa"))
    PageLogEntry.objects.log_action(page, "wagtail.create", user=person)
    before = ModelLogEntry.objects.count() + PageLogEntry.objects.count()

    if how == "delete":
        User.objects.get(pk=pk).delete()
    else:
        DeleteAction(User.objects.get(pk=pk), user=superuser).execute(skip_permission_checks=True)

    entries = list(ModelLogEntry.objects.all()) + list(PageLogEntry.objects.all())
    assert len(entries) == before + (1 if how == "wagtail_admin" else 0)  # Wagtail logs its own delete
    for entry in entries:
        text = _log_text(entry).lower()
        assert "asa.oberg" not in text and "åsa öberg" not in text, entry.action
    assert any("borttagen person" in _log_text(e) for e in entries if e.action == "workshop.member_added")
    other = ModelLogEntry.objects.get(action="workshop.member_added", data__summary__startswith="other.learner")
    assert other.data["summary"].startswith(other_learner.email)
    about = ModelLogEntry.objects.filter(content_type__model="user", object_id=str(pk))
    assert about.count() >= 4 and {e.label for e in about} == {"borttagen person"}
    exported = ModelLogEntry.objects.get(action="report.exported", content_type__model="workshop")
    assert exported.user_id == pk  # the action stays with one deleted account, without a name
    assert set(PageLogEntry.objects.filter(page=page).values_list("label", flat=True)) == {"borttagen persons sida"}
    client.force_login(superuser)
    history = client.get(SITE_HISTORY).content.decode()
    assert f"användare {pk} (raderad)" in history
    assert "asa.oberg" not in history and "Öberg" not in history


def test_a_lone_first_name_is_not_scrubbed_from_other_entries(group, superuser, organisation):
    bo = UserFactory(email="bo@harnosand.se", first_name="Bo", last_name="", organisation=organisation)
    entry = audit.log("workshop.csv_import", "2 added to Bord 1", actor=superuser, obj=group, note="Bord och Bo")
    bo.delete()

    entry.refresh_from_db()
    assert entry.data["note"] == "Bord och Bo"


# --- the old core.AuditEvent rows -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_old_audit_events_are_copied_into_wagtails_log(organisation):
    person = UserFactory(email="kvar@harnosand.se", first_name="Kim", last_name="Kvar", organisation=organisation)
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0001_initial")])
    AuditEvent = executor.loader.project_state([("core", "0001_initial")]).apps.get_model("core", "AuditEvent")
    AuditEvent.objects.create(
        action="report.exported", summary="completion (csv)", actor_id=person.pk, details={"report": "completion"}
    )
    AuditEvent.objects.create(
        action="account.deactivated", summary="left", object_type="accounts.user", object_id=str(person.pk)
    )
    AuditEvent.objects.create(action="workshop.reminded", summary="0 reminded for nothing")  # nowhere to attach

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    export, left = ModelLogEntry.objects.exclude(action="account.role_added").order_by("pk")
    assert (export.action, export.object_id, export.user_id) == ("report.exported", str(person.pk), person.pk)
    assert export.data == {"summary": "completion (csv)", "report": "completion"}
    assert swedish(export) == "Exporterade slutföranderapporten som CSV"
    assert (left.action, left.label, left.user_id) == ("account.deactivated", "Kim Kvar", None)


def test_every_audit_action_is_registered_at_start_up():
    """Wagtail reads its log actions once: an action whose module is imported later is refused (a 500).

    A fresh process, after django.setup() only, must know every code that a module registers with
    `@audit.action(...)`: each app imports those modules in its AppConfig.ready().
    """
    import re
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    declared = set()
    for path in root.glob("*/**/*.py"):
        if {"tests", ".venv", "node_modules"} & set(path.relative_to(root).parts):
            continue
        declared |= set(re.findall(r'@audit\.action\("([^"]+)"', path.read_text(encoding="utf-8")))
    script = "import django; django.setup(); from core.audit import FORMATTERS; print(' '.join(sorted(FORMATTERS)))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True, timeout=120
    )
    registered = set(result.stdout.split())
    assert declared, "the scan found no @audit.action at all"
    assert declared <= registered, f"registered only when their module happens to be imported: {declared - registered}"
