"""Exports of a webcast's questions and poll results (XLSX/CSV through core.exports), after the broadcast."""

# ruff: noqa: F811  (the fixtures come from test_live)

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from webcasts import live
from webcasts.models import PollStatus

from .test_live import POLLS, _no_throttle, moderator, on_air  # noqa: F401


def csv_rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


@pytest.fixture
def broadcast(on_air, learner, other_learner, moderator, roles, organisation, settings):
    """A broadcast with questions (one anonymous, one hidden) and a poll with answers, now ended."""
    from tests.factories import UserFactory

    settings.ANONYMITY_MIN_GROUP = 5
    learner.first_name, learner.last_name = "Anna", "Andersson"
    learner.save()
    other_learner.first_name, other_learner.last_name = "Hemlig", "Person"
    other_learner.save()
    named, _ = live.ask(on_air, learner, "=Hur mycket kostar det?")
    anonymous, _ = live.ask(on_air, other_learner, "Vågar vi fråga?", anonymous=True)
    hidden, _ = live.ask(on_air, learner, "Reklam")
    live.vote_question(on_air, other_learner, named.pk)
    live.moderate(on_air, moderator, anonymous.pk, live.Action.ANSWER)
    live.moderate(on_air, moderator, hidden.pk, live.Action.HIDE)
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    for n, voter in enumerate(UserFactory(organisation=organisation) for _ in range(6)):
        live.vote_poll(on_air, voter, "poll-digital", "opt-mycket" if n < 4 else "opt-lite")
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.CLOSED)
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.vote_poll(on_air, learner, "poll-ai", "opt-ja")  # one vote: too few to show
    on_air.starts_at = timezone.now() - datetime.timedelta(hours=2)
    on_air.ends_at = timezone.now() - datetime.timedelta(hours=1)
    on_air.save()
    return on_air


def test_questions_as_csv_with_names_only_where_not_anonymous(client, broadcast, moderator):
    client.force_login(moderator)
    response = client.get(reverse("webcast_export_questions", args=[broadcast.pk]), {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert len(header) == 6 and len(rows) == 3
    by_text = {row[0]: row for row in rows}
    named = by_text["'=Hur mycket kostar det?"]  # a formula-like cell is neutralised
    assert named[1] == "1" and named[5] == "Anna Andersson"
    anonymous = by_text["Vågar vi fråga?"]
    assert anonymous[5] == "" and "Hemlig" not in response.content.decode()
    assert anonymous[3] in ("Ja", "Yes")
    assert "Reklam" in by_text  # hidden questions are in the moderator's file, with their status
    assert PageLogEntry.objects.filter(page=broadcast, action="report.exported").exists()


def test_polls_as_xlsx_with_too_small_polls_blank(client, broadcast, moderator):
    client.force_login(moderator)
    response = client.get(reverse("webcast_export_polls", args=[broadcast.pk]), {"format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, body = rows[0], rows[1:]
    assert len(header) == 6 and len(body) == 5  # three options and two
    digital = {row[1]: row for row in body if row[0].startswith("Hur digital")}
    assert digital["Mycket"][2:5] == [4, 67, 6] and digital["Lite"][2] == 2 and digital["Delvis"][2] == 0
    ai = [row for row in body if row[0].startswith("Använder")]
    assert all(row[2] is None and row[3] is None and row[4] == 1 for row in ai)


def test_exports_wait_for_the_end_of_the_broadcast(client, on_air, moderator):
    client.force_login(moderator)
    for name in ("webcast_export_questions", "webcast_export_polls"):
        response = client.get(reverse(name, args=[on_air.pk]), {"format": "csv"})
        assert response.status_code == 409 and "när sändningen är slut" in response.content.decode()


def test_an_unknown_format_is_a_400(client, broadcast, moderator):
    client.force_login(moderator)
    response = client.get(reverse("webcast_export_questions", args=[broadcast.pk]), {"format": "pdf"})
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["learner", "manager", "other_manager", "editor"])
def test_only_moderators_and_administrators_export(client, broadcast, request, who, administrator):
    client.force_login(request.getfixturevalue(who))
    for name in ("webcast_export_questions", "webcast_export_polls"):
        assert client.get(reverse(name, args=[broadcast.pk]), {"format": "csv"}).status_code == 404
    client.force_login(administrator)
    assert client.get(reverse("webcast_export_polls", args=[broadcast.pk]), {"format": "csv"}).status_code == 200
