"""The page feedback report in the admin (home/admin_feedback.py): who may see it, what it shows, its exports."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.roles import REVIEWER
from core.pagetree import ensure_child_page
from home.models import ContentPage, PageFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def reviewer(roles):
    return UserFactory(email="granskare@kompetenslyft.se", organisation=None, roles=[REVIEWER])


def answers(page, yes=0, no=0, comments=(), days_ago=0):
    """`yes` and `no` plain answers, then one "no" per comment, the first comment the newest."""
    day = TODAY - datetime.timedelta(days=days_ago)
    rows = [PageFeedback(page=page, helpful=True, created_on=day) for _ in range(yes)]
    rows += [PageFeedback(page=page, helpful=False, created_on=day) for _ in range(no)]
    rows += [
        PageFeedback(page=page, helpful=False, comment=text, created_on=day - datetime.timedelta(days=n))
        for n, text in enumerate(comments)
    ]
    PageFeedback.objects.bulk_create(rows)


@pytest.fixture
def pages(home_page):
    """Three pages: "Kontakt" helps a quarter of its readers, "Om oss" three quarters, "Tyst" has no feedback."""
    contact, _ = ensure_child_page(home_page, ContentPage, "kontakt", title="Kontakt")
    about, _ = ensure_child_page(home_page, ContentPage, "om-oss", title="Om oss")
    quiet, _ = ensure_child_page(home_page, ContentPage, "tyst", title="Tyst")
    answers(contact, yes=1, no=1, comments=["Telefonnumret saknas.", '=HYPERLINK("http://x")', "<script>x</script>"])
    answers(about, yes=3, no=1)
    return {"contact": contact, "about": about, "quiet": quiet}


# --- who may see it --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("learner", 302), ("manager", 302), ("editor", 200), ("reviewer", 200)]
)
def test_who_may_see_the_report(client, request, pages, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    contact = pages["contact"]
    for target in (
        reverse("feedback_report"),
        reverse("feedback_page_report", args=[contact.pk]),
        reverse("feedback_export") + "?format=csv",
        reverse("feedback_export") + f"?format=xlsx&page={contact.pk}",
    ):
        response = client.get(target)
        assert response.status_code == status, (who, target)
        if status != 200:
            assert b"Telefonnumret" not in response.content


def test_the_menu_shows_it_to_editors_and_reviewers_only(client, editor, reviewer, manager):
    for person, shown in ((editor, True), (reviewer, True), (manager, False)):
        client.force_login(person)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200  # a manager uses the admin too, for other reports
        assert (reverse("feedback_report") in response.content.decode()) is shown, person.email


# --- what it shows ---------------------------------------------------------------------------------------


def test_pages_with_feedback_worst_share_first(client, editor, pages):
    client.force_login(editor)
    response = client.get(reverse("feedback_report"))
    html = response.content.decode()
    rows = response.context["rows"]
    assert [row["title"] for row in rows] == ["Kontakt", "Om oss"]  # "Tyst" has no feedback
    contact, about = rows
    assert (contact["total"], contact["yes"], contact["no"], contact["comments"], contact["percent"]) == (
        5,
        1,
        4,
        3,
        20,
    )
    assert (about["total"], about["yes"], about["no"], about["comments"], about["percent"]) == (4, 3, 1, 0, 75)
    assert '<td data-figure="share">20 %</td>' in html
    assert reverse("feedback_page_report", args=[pages["contact"].pk]) in html
    assert "Tyst" not in html


def test_minimum_number_of_answers(client, editor, pages):
    client.force_login(editor)
    response = client.get(reverse("feedback_report"), {"min_answers": 5})
    assert [row["title"] for row in response.context["rows"]] == ["Kontakt"]
    response = client.get(reverse("feedback_report"), {"min_answers": 20})
    assert response.context["rows"] == []
    assert "Ingen sida har 20 svar eller fler än." in response.content.decode()
    # A value that is not a choice falls back to every page with feedback.
    assert len(client.get(reverse("feedback_report"), {"min_answers": "x"}).context["rows"]) == 2


def test_one_pages_comments_newest_first_and_escaped(client, editor, pages):
    client.force_login(editor)
    response = client.get(reverse("feedback_page_report", args=[pages["contact"].pk]))
    html = response.content.decode()
    comments = [answer.comment for answer in response.context["comments"]]
    assert comments == ["Telefonnumret saknas.", '=HYPERLINK("http://x")', "<script>x</script>"]
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x</script>" not in html
    assert response.context["figures"]["percent"] == 20


def test_comments_are_paginated(client, editor, home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "lang", title="Lång sida")
    answers(page, comments=[f"Kommentar {n}" for n in range(30)])
    client.force_login(editor)
    first = client.get(reverse("feedback_page_report", args=[page.pk]))
    assert len(first.context["comments"].object_list) == 25
    assert first.context["comments"][0].comment == "Kommentar 0"
    second = client.get(reverse("feedback_page_report", args=[page.pk]), {"p": 2})
    assert [answer.comment for answer in second.context["comments"]] == [f"Kommentar {n}" for n in range(25, 30)]


def test_a_page_without_feedback_and_an_unknown_page(client, editor, pages):
    client.force_login(editor)
    response = client.get(reverse("feedback_page_report", args=[pages["quiet"].pk]))
    assert response.status_code == 200
    assert "Sidan har inte fått någon feedback än." in response.content.decode()
    assert client.get(reverse("feedback_page_report", args=[999_999])).status_code == 404


# --- exports ---------------------------------------------------------------------------------------------


def test_export_every_page_as_csv_and_xlsx(client, editor, pages):
    client.force_login(editor)
    response = client.get(reverse("feedback_export"), {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Sida", "Adress", "Svar", "Ja", "Nej", "Andel ja (%)", "Kommentarer", "Senaste svar"]
    assert [row[0] for row in rows[1:]] == ["Kontakt", "Om oss"]
    assert rows[1][1] == "http://localhost/kontakt/"
    assert rows[1][2:7] == ["5", "1", "4", "20", "3"]

    response = client.get(reverse("feedback_export"), {"format": "xlsx", "min_answers": 5})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in values] == ["Sida", "Kontakt"]
    assert values[1][2:7] == [5, 1, 4, 20, 3]


def test_export_one_page_newest_first_with_formulas_neutralised(client, editor, pages):
    client.force_login(editor)
    contact = pages["contact"]
    response = client.get(reverse("feedback_export"), {"format": "csv", "page": contact.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum", "Hjälpte", "Kommentar"]
    assert len(rows) == 1 + 5
    assert rows[1][0] == TODAY.isoformat()
    assert rows[-1] == [(TODAY - datetime.timedelta(days=2)).isoformat(), "Nej", "<script>x</script>"]
    assert '\'=HYPERLINK("http://x")' in [row[2] for row in rows]
    assert {row[1] for row in rows[1:]} == {"Ja", "Nej"}

    response = client.get(reverse("feedback_export"), {"format": "xlsx", "page": contact.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not any(str(value).startswith("=") for value in cells)
    entries = PageLogEntry.objects.filter(action="report.exported").count()
    entries += ModelLogEntry.objects.filter(action="report.exported").count()
    assert entries == 2


def test_bad_export_requests(client, editor, pages):
    client.force_login(editor)
    assert client.get(reverse("feedback_export"), {"format": "pdf"}).status_code == 400
    assert client.get(reverse("feedback_export")).status_code == 400
    assert client.get(reverse("feedback_export"), {"format": "csv", "page": "abc"}).status_code == 400
    assert client.get(reverse("feedback_export"), {"format": "csv", "page": 999_999}).status_code == 404
    assert not PageLogEntry.objects.filter(action="report.exported").exists()
    assert not ModelLogEntry.objects.filter(action="report.exported").exists()


# --- queries ---------------------------------------------------------------------------------------------


def test_the_report_reads_in_a_bounded_number_of_queries(client, editor, home_page, django_assert_max_num_queries):
    """50 pages with feedback cost no more queries than 2: no query per row, on screen or in the export."""
    client.force_login(editor)
    made = []
    for n in range(50):
        page, _ = ensure_child_page(home_page, ContentPage, f"sida-{n}", title=f"Sida {n}")
        answers(page, yes=n % 4, no=1, comments=[f"Kommentar {n}"])
        made.append(page)

    def count(target, **params):
        client.get(target, params)  # warm the per-process caches (menu, site root paths)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(target, params).status_code == 200
        return len(captured.captured_queries)

    PageFeedback.objects.filter(page__in=made[2:]).delete()
    few = count(reverse("feedback_report")), count(reverse("feedback_export"), format="xlsx")
    for n, page in enumerate(made[2:], start=2):
        answers(page, yes=n % 4, no=1, comments=[f"Kommentar {n}"])
    with django_assert_max_num_queries(few[0]):
        response = client.get(reverse("feedback_report"))
    assert len(response.context["rows"]) == 50
    with django_assert_max_num_queries(few[1]):
        client.get(reverse("feedback_export"), {"format": "xlsx"})
    with django_assert_max_num_queries(few[0] + 2):
        client.get(reverse("feedback_page_report", args=[made[10].pk]))
