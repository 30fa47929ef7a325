"""The reach dashboard, its export and the targets: access, filters, no names, audit, bad input."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from accounts.models import User
from accounts.roles import ADMINISTRATOR, EDITOR
from core.audit import FORMATTERS
from reach.models import ReachTarget
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD, EXPORT, TARGETS = reverse("reach_dashboard"), reverse("reach_export"), reverse("reach_targets")


def people_names(world):
    """Every name and e-mail of the people in the hand-made data except the viewer's own."""
    found = set()
    for user in User.objects.exclude(pk=world.owner.pk).exclude(organisation=None):
        found |= {user.first_name, user.last_name, user.email}
    return {text for text in found if text}


def test_urls():
    assert (DASHBOARD, EXPORT, TARGETS) == ("/rackvidd/", "/rackvidd/export/", "/rackvidd/mal/")


@pytest.mark.parametrize(
    ("who", "dashboard", "targets"),
    [
        ("owner", 200, 200),
        ("administrator", 200, 200),
        ("editor", 200, 404),
        ("reach_manager", 200, 404),
        ("learner", 404, 404),
        ("reach_facilitator", 404, 404),
        ("reach_teacher", 404, 404),
    ],
)
def test_access(client, world, request, who, dashboard, targets):
    if who == "administrator":
        user = UserFactory(organisation=None, roles=[ADMINISTRATOR])
    elif who == "editor":
        user = UserFactory(organisation=None, roles=[EDITOR])
    elif who == "learner":
        user = UserFactory(organisation=world.harnosand)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(DASHBOARD).status_code == dashboard
    assert client.get(EXPORT + "?format=csv").status_code == dashboard
    assert client.get(TARGETS).status_code == targets


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "login" in response["Location"]


def test_dashboard_shows_figures_and_no_names(client, world, owner):
    client.force_login(owner)
    response = client.get(DASHBOARD)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="share">71 %' in html
    assert "Kramfors kommun" in html and "Enköpings kommun" in html  # the list to call next
    assert "<svg" in html and "<title" in html and "<desc" in html and 'data-table="months"' in html
    for text in people_names(world):
        assert text not in html, text


def test_a_manager_sees_their_own_organisation_only(client, world, reach_manager):
    client.force_login(reach_manager)
    html = client.get(DASHBOARD).content.decode()
    assert "Härnösands kommun" in html
    assert "Sundsvalls kommun" not in html and "Kramfors kommun" not in html


def test_filters_work_and_bad_values_are_ignored_with_a_notice(client, world, owner):
    client.force_login(owner)
    response = client.get(DASHBOARD, {"county": "C", "kind": "kommun"})
    assert response.status_code == 200
    assert "Sundsvalls kommun" not in response.content.decode()
    response = client.get(DASHBOARD, {"county": "XX", "kind": "kommun", "activity": "nope", "since": "2026-13-45"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="filters-ignored"' in html
    assert 'value="kommun" selected' in html  # the valid filter stays
    response = client.get(DASHBOARD, {"since": "2027-05-01", "until": "2027-01-01"})
    assert response.status_code == 200 and 'data-state="filters-ignored"' in response.content.decode()


def test_query_count_of_the_page(client, world, owner, django_assert_max_num_queries):
    client.force_login(owner)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(12):
        assert client.get(DASHBOARD + "?county=Y").status_code == 200


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_has_figures_no_names_and_is_logged(client, world, owner, fmt):
    client.force_login(owner)
    response = client.get(EXPORT, {"format": fmt, "county": "Y"})
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[("" if cell is None else str(cell)) for cell in row] for row in sheet.iter_rows(values_only=True)]
    flat = "\n".join(";".join(row) for row in rows)
    assert "Kramfors kommun" in flat and "Uppsala kommun" not in flat
    for text in people_names(world):
        assert text not in flat, text
    sundsvall = next(row for row in rows if "Sundsvalls kommun" in row)
    assert sundsvall[7] == ""  # 3 participants: hidden
    entry = ModelLogEntry.objects.get(action="reach.exported")
    assert entry.user_id == owner.pk and entry.data["format"] == fmt
    assert FORMATTERS["reach.exported"]().describe(entry.data, "") == "Exporterade räckviddssiffrorna som " + (
        "Excel (XLSX)" if fmt == "xlsx" else "CSV"
    )


def test_export_bad_format_is_400(client, world, owner):
    client.force_login(owner)
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 400
    assert not ModelLogEntry.objects.filter(action="reach.exported").exists()


def test_targets_are_editable_and_logged(client, world, owner):
    client.force_login(owner)
    response = client.post(TARGETS, {"organisation_share": "60", "leading_persons": "2500"})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    target = ReachTarget.current()
    assert (target.organisation_share, target.leading_persons, target.updated_by) == (60, 2500, owner)
    entry = ModelLogEntry.objects.get(action="reach.targets_changed")
    assert entry.data["share_before"] == 50 and entry.data["persons"] == 2500
    # The same again changes nothing and logs nothing more.
    client.post(TARGETS, {"organisation_share": "60", "leading_persons": "2500"})
    assert ModelLogEntry.objects.filter(action="reach.targets_changed").count() == 1
    html = client.get(DASHBOARD).content.decode()
    assert "60 %" in html and "2500" in html


@pytest.mark.parametrize(
    ("share", "persons", "message"),
    [
        ("0", "3000", "minst 1 %"),
        ("101", "3000", "högst 100 %"),
        ("abc", "3000", "heltal"),
        ("", "3000", "heltal"),
        ("50", "0", "minst 1"),
        ("50", "-5", "minst 1"),
        ("50", "2.5", "heltal"),
    ],
)
def test_bad_targets_are_refused_in_swedish(client, world, owner, share, persons, message):
    client.force_login(owner)
    response = client.post(
        TARGETS, {"organisation_share": share, "leading_persons": persons}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReachTarget.objects.exists()
    assert not ModelLogEntry.objects.filter(action="reach.targets_changed").exists()


def test_editors_and_managers_cannot_change_targets(client, world, reach_manager):
    editor = UserFactory(organisation=None, roles=[EDITOR])
    for user in (editor, reach_manager):
        client.force_login(user)
        assert client.post(TARGETS, {"organisation_share": "60", "leading_persons": "10"}).status_code == 404
    assert not ReachTarget.objects.exists()
