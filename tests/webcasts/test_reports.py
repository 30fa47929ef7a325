"""Webcast reports: a manager's attendance by name (own organisation only), and reach (figures, anonymised)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.models import County, TargetGroup
from accounts.roles import EDITOR, PROGRAMME_OWNER
from tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from webcasts import reports
from webcasts.attendance import LIVE, RECORDING, record_beat
from webcasts.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


def register(webcast, user, status=RegistrationStatus.REGISTERED):
    waiting = timezone.now() if status == RegistrationStatus.WAITING else None
    return Registration.objects.create(webcast=webcast, user=user, status=status, waiting_since=waiting)


def attend(webcast, user, kind=LIVE):
    if kind == LIVE:
        start, minutes = webcast.starts_at, webcast.attendance_minutes
    else:
        start = timezone.now() - datetime.timedelta(hours=2)
        minutes = webcast.recording_minutes
    for n in range(minutes + 1):
        record_beat(webcast, user, kind, now=start + n * MINUTE)


def people(organisation, count, target_group=TargetGroup.MANAGER, **kwargs):
    department = DepartmentFactory(organisation=organisation)
    return [
        UserFactory(organisation=organisation, department=department, target_group=target_group, **kwargs)
        for _ in range(count)
    ]


@pytest.fixture
def programme_owner(roles):
    owner_org = OrganisationFactory(name="Länsstyrelsen i Uppsala län", county=County.C)
    return UserFactory(email="programagare@lansstyrelsen.se", organisation=owner_org, roles=[PROGRAMME_OWNER])


@pytest.fixture
def past(webcast_factory):
    return webcast_factory(
        starts_in=-datetime.timedelta(days=5),
        title="Våga vara digital! Avsnitt 1",
        recording_url="https://www.youtube-nocookie.com/embed/demo1",
        recording_minutes=20,
        recording_share=50,
    )


@pytest.fixture
def populated(past, organisation, other_organisation, roles):
    """Härnösand: 8 managers (6 attended live, 1 via the recording, 1 only registered) and 1 waiting;
    Sundsvall: 3 elected officials who attended (a small group)."""
    mine = people(organisation, 9)
    for person in mine[:8]:
        register(past, person)
    register(past, mine[8], RegistrationStatus.WAITING)
    for person in mine[:6]:
        attend(past, person)
    attend(past, mine[6], RECORDING)
    theirs = people(other_organisation, 3, TargetGroup.ELECTED)
    for person in theirs:
        register(past, person)
        attend(past, person)
    return {"mine": mine, "theirs": theirs}


# --- attendance by name -----------------------------------------------------------------------


def test_manager_sees_only_their_organisations_names(populated, past, manager, other_manager, administrator):
    mine, theirs = populated["mine"], populated["theirs"]
    seen = {row.user for row in reports.people(manager, past)}
    assert seen == set(mine)
    assert {row.user for row in reports.people(other_manager, past)} == set(theirs)
    assert {row.user for row in reports.people(administrator, past)} == set(mine) | set(theirs)
    rows = {row.user: row for row in reports.people(manager, past)}
    assert rows[mine[0]].attended and rows[mine[0]].how_label == "Direktsändning"
    assert rows[mine[6]].attended and rows[mine[6]].attendance.via_recording
    assert not rows[mine[7]].attended and rows[mine[8]].status == RegistrationStatus.WAITING


def test_people_without_the_right_see_no_names(populated, past, learner, roles):
    owner = UserFactory(roles=[PROGRAMME_OWNER])
    editor = UserFactory(organisation=None, roles=[EDITOR])
    for viewer in (learner, owner, editor):
        assert reports.people(viewer, past) == []
        assert list(reports.attendance_rows(viewer))[1:] == []


def test_organisation_overview_counts(populated, past, manager):
    (item,) = reports.organisation_overview(manager)
    assert (item.registered, item.waiting, item.attended_live, item.attended_recording) == (8, 1, 6, 1)


def test_attendance_page_and_webcast_report_for_a_manager(client, populated, past, manager):
    client.force_login(manager)
    html = client.get(reverse("webcasts_admin_attendance")).content.decode()
    assert past.title in html and 'data-figure="registered">8<' in html
    html = client.get(reverse("webcasts_admin_report", args=[past.pk])).content.decode()
    assert populated["mine"][0].last_name in html
    assert all(person.email not in html and person.last_name not in html for person in populated["theirs"])


def test_attendance_export_xlsx_and_csv_with_neutralised_cells(client, populated, past, manager):
    sneaky = populated["mine"][0]
    sneaky.first_name, sneaky.last_name = '=HYPERLINK("http://x")', "-2+3"
    sneaky.save()
    client.force_login(manager)
    response = client.get(reverse("webcasts_admin_report", args=[past.pk]) + "?export=names&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 9
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert not any(person.email in text for person in populated["theirs"])
    response = client.get(reverse("webcasts_admin_attendance") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + 9
    assert all(not str(cell).startswith("=") for row in values for cell in row if cell is not None)
    # Both exports are in the audit log.
    entries = list(PageLogEntry.objects.filter(action="report.exported")) + list(
        ModelLogEntry.objects.filter(action="report.exported")
    )
    assert len(entries) == 2 and all(entry.user_id == manager.pk for entry in entries)


def test_unknown_export_format_is_400_and_not_logged(client, populated, past, manager):
    client.force_login(manager)
    assert client.get(reverse("webcasts_admin_attendance") + "?format=pdf").status_code == 400
    assert client.get(reverse("webcasts_admin_report", args=[past.pk]) + "?export=all&format=csv").status_code == 400
    assert not PageLogEntry.objects.filter(action="report.exported").exists()


@pytest.mark.parametrize(
    "who,url,status",
    [
        ("learner", "attendance", 302),  # no access to the admin: sent to log in
        ("programme_owner", "attendance", 302),  # Wagtail turns the refusal into a redirect with a message
        ("programme_owner", "reach", 200),
        ("programme_owner", "report", 200),
        ("manager", "attendance", 200),
        ("manager", "reach", 200),
        ("manager", "report", 200),
        ("editor", "reach", 200),
        ("editor", "attendance", 302),
        ("administrator", "attendance", 200),
        ("administrator", "reach", 200),
        ("administrator", "missing", 404),
    ],
)
def test_permission_table(client, populated, past, who, url, status, request):
    client.force_login(request.getfixturevalue(who))
    urls = {
        "attendance": reverse("webcasts_admin_attendance"),
        "reach": reverse("webcasts_admin_reach"),
        "report": reverse("webcasts_admin_report", args=[past.pk]),
        "missing": reverse("webcasts_admin_report", args=[999999]),
    }
    response = client.get(urls[url])
    assert response.status_code == status
    if status == 302 and who != "learner":
        assert response["Location"] == reverse("wagtailadmin_home")


def test_programme_owner_report_has_no_names_and_no_name_export(client, populated, past, programme_owner):
    client.force_login(programme_owner)
    html = client.get(reverse("webcasts_admin_report", args=[past.pk])).content.decode()
    everyone = populated["mine"] + populated["theirs"]
    assert not any(person.email in html or person.last_name in html for person in everyone)
    response = client.get(reverse("webcasts_admin_report", args=[past.pk]) + "?export=names&format=csv")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not PageLogEntry.objects.filter(action="report.exported").exists()


# --- reach ------------------------------------------------------------------------------------


def _row(result, dimension, key):
    breakdown = next(b for b in result.breakdowns if b.key == dimension)
    return next(row for row in breakdown.rows if row.key == key)


def test_reach_figures_across_organisations_with_suppression(
    populated, past, series, programme_owner, organisation, other_organisation
):
    result = reports.reach(programme_owner, series=series)
    assert result.total.people == 12 and result.total.attended == 10 and result.total.waiting == 1
    assert result.total.live == 9 and result.total.recording == 1
    # Sundsvall (3 people) is under k; Härnösand (9) would then be its complement within Västernorrland.
    assert _row(result, "organisation", other_organisation.pk).hidden
    assert _row(result, "organisation", organisation.pk).hidden
    assert _row(result, "county", "Y").people == 12 and _row(result, "county", "Y").label == "Västernorrlands län"
    # Target groups: 3 elected officials hide, and the managers (9) with them.
    assert _row(result, "target_group", TargetGroup.ELECTED).hidden
    assert _row(result, "target_group", TargetGroup.MANAGER).hidden
    assert result.episodes[0].people == 12


def test_reach_shows_large_enough_organisations(past, series, programme_owner, organisation, other_organisation):
    for org, count in ((organisation, 6), (other_organisation, 7)):
        for person in people(org, count):
            register(past, person)
            attend(past, person)
    result = reports.reach(programme_owner, series=series)
    assert _row(result, "organisation", organisation.pk).people == 6
    assert _row(result, "organisation", other_organisation.pk).attended == 7
    assert not result.breakdowns[1].has_hidden


def test_reach_total_under_k_hides_everything(past, series, programme_owner, organisation):
    for person in people(organisation, 3):
        attend(past, person)
    result = reports.reach(programme_owner, series=series)
    assert result.total.hidden and result.total.people is None
    assert all(row.hidden for b in result.breakdowns for row in b.rows)
    assert result.targets[0].reached is None


def test_reach_target_progress_against_the_series_target(
    past, series, programme_owner, organisation, other_organisation
):
    assert series.reach_target == 3000
    for person in people(organisation, 20) + people(other_organisation, 10, TargetGroup.ELECTED):
        attend(past, person)
    for person in people(organisation, 6, TargetGroup.STAFF):  # not leading persons
        attend(past, person)
    (target,) = reports.reach(programme_owner, series=series).targets
    assert (target.reached, target.target, target.percent) == (30, 3000, 1)
    series.reach_target = 60
    series.save()
    (target,) = reports.reach(programme_owner, series=series).targets
    assert target.percent == 50


def test_reach_page_and_export_carry_the_same_blanks(client, populated, past, series, programme_owner):
    client.force_login(programme_owner)
    html = client.get(reverse("webcasts_admin_reach") + f"?series={series.pk}").content.decode()
    assert "data-hidden" in html and "Härnösands kommun" in html
    assert not any(p.email in html or p.last_name in html for p in populated["mine"] + populated["theirs"])
    response = client.get(reverse("webcasts_admin_reach") + f"?series={series.pk}&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_value = {row[1]: row for row in rows}
    assert by_value["Härnösands kommun"][2] == "" and by_value["Sundsvalls kommun"][2] == ""
    assert "anonymitet" in by_value["Sundsvalls kommun"][-1]
    assert by_value["Västernorrlands län"][2] == "12"
    assert (
        ModelLogEntry.objects.filter(action="report.exported").exists()
        or PageLogEntry.objects.filter(action="report.exported").exists()
    )


def test_reach_bad_filter_is_a_message_not_a_500(client, populated, programme_owner):
    client.force_login(programme_owner)
    response = client.get(reverse("webcasts_admin_reach") + "?series=abc&webcast=999999")
    assert response.status_code == 200 and "Kontrollera filtren" in response.content.decode()


def test_a_managers_reach_is_their_own_organisation(populated, past, series, manager, organisation):
    result = reports.reach(manager, series=series)
    assert result.total.people == 9
    assert [row.key for row in result.breakdowns[1].rows] == [organisation.pk]


def test_report_button_on_the_webcast_page_in_the_admin(client, past, series, programme_owner, learner):
    client.force_login(programme_owner)
    # The reach report links from the page listing of the series ("More" menu) and the page header.
    from webcasts.hooks_reports import webcast_report_header_button, webcast_report_listing_button

    (button,) = list(webcast_report_header_button(past, programme_owner))
    assert button.url == reverse("webcasts_admin_report", args=[past.pk])
    (button,) = list(webcast_report_listing_button(series, programme_owner))
    assert button.url == reverse("webcasts_admin_reach") + f"?series={series.pk}"
    assert list(webcast_report_header_button(past, learner)) == []


# --- query counts -----------------------------------------------------------------------------


@pytest.fixture
def crowd(past, series, organisation, other_organisation, webcast_factory):
    second = webcast_factory(starts_in=-datetime.timedelta(days=1), title="Avsnitt 2")
    orgs = [organisation, other_organisation] + [
        OrganisationFactory(name=f"Kommun {n}", county=County.C) for n in range(3)
    ]
    for index, org in enumerate(orgs):
        for n, person in enumerate(people(org, 8, [TargetGroup.MANAGER, TargetGroup.ELECTED][index % 2])):
            register(past, person, RegistrationStatus.WAITING if n == 7 else RegistrationStatus.REGISTERED)
            if n < 5:
                attend(past, person)
            if n % 2:
                register(second, person)
    return second


def test_reach_query_count(crowd, client, series, programme_owner, django_assert_max_num_queries):
    client.force_login(programme_owner)
    client.get(reverse("webcasts_admin_reach"))  # warm the admin's own caches
    with django_assert_max_num_queries(8):
        result = reports.reach(programme_owner, series=series)
    assert result.total.people == 40
    with django_assert_max_num_queries(30):
        assert client.get(reverse("webcasts_admin_reach") + f"?series={series.pk}").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("webcasts_admin_reach") + f"?series={series.pk}&format=xlsx").status_code == 200


def test_attendance_query_count(crowd, client, past, administrator, django_assert_max_num_queries):
    client.force_login(administrator)
    client.get(reverse("webcasts_admin_attendance"))
    with django_assert_max_num_queries(3):
        assert len(reports.people(administrator, past)) == 40
    with django_assert_max_num_queries(25):
        assert client.get(reverse("webcasts_admin_attendance")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("webcasts_admin_report", args=[past.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("webcasts_admin_attendance") + "?format=csv").status_code == 200
