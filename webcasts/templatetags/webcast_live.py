"""The live part of a webcast page (questions, votes, polls), as an inclusion tag.

Rendered from the same shared snapshot the browser polls (`webcasts.snapshot`), so a reload without
JavaScript shows what the script would, plus what only this person knows: their votes and their
questions still waiting for approval (3 small queries for a signed-in person on a cache hit).
"""

import datetime

from django import template
from django.utils.dateparse import parse_datetime

from core import anonymity

from .. import live, permissions, schedule, snapshot
from ..models import QuestionStatus
from ..models.pages import PollResults

register = template.Library()

SORTS = {"tid": "time", "roster": "votes"}


def _with_times(questions):
    for question in questions:
        at = parse_datetime(question["asked_at"])
        question["asked_at_dt"] = at if isinstance(at, datetime.datetime) else None
    return questions


@register.inclusion_tag("webcasts/includes/live.html", takes_context=True)
def webcast_live(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    state = schedule.state(page)
    result = {
        "page": page,
        "request": request,
        "signed_in": signed_in,
        "state": state,
        "live_now": state == schedule.State.LIVE,
        "closed_reason": permissions.interaction_closed_reason(user, page),
        "is_moderator": signed_in and permissions.moderates(user, page),
        "max_length": live.QUESTION_MAX_LENGTH,
        "csrf_token": context.get("csrf_token"),
        "k": anonymity.min_group_size(),
    }
    if not signed_in or state in (schedule.State.UPCOMING, schedule.State.CANCELLED):
        return result
    sort = SORTS.get(request.GET.get("fragor", "") if request else "", "votes")
    data = snapshot.data(page)
    mine = live.my_questions(page, user)
    known = {q["id"] for q in data["questions"]}
    newer = [snapshot.question_data(q) for q in mine if q.status == QuestionStatus.VISIBLE and q.pk not in known]
    questions = _with_times(data["questions"] + newer)
    if sort == "time":
        questions = sorted(questions, key=lambda q: (q["asked_at"], q["id"]), reverse=True)
    my_votes = live.my_question_votes(page, user)
    my_polls = live.my_poll_votes(page, user)
    for question in questions:
        question["voted"] = question["id"] in my_votes
    polls = []
    # The shared snapshot carries no counts of an open poll: a voter sees them as their own view (two
    # queries for all such polls together).
    own_view = {}
    if page.poll_results == PollResults.AFTER_VOTE:
        voted_open = [p["id"] for p in data["polls"] if p["status"] == "open" and p["id"] in my_polls]
        own_view = snapshot.voter_polls_data(page, voted_open)
    for poll in data["polls"]:
        my_vote = my_polls.get(poll["id"])
        poll = own_view.get(poll["id"], poll)
        poll["my_vote"] = my_vote
        poll["show_results"] = poll["status"] == "closed" or (
            page.poll_results == PollResults.AFTER_VOTE and poll["my_vote"] is not None
        )
        for option in poll["options"]:
            option["mine"] = option["id"] == poll["my_vote"]
        polls.append(poll)
    pinned = data["pinned"]
    result.update(
        {
            "sort": sort,
            "version": data["version"],
            "pinned": _with_times([pinned])[0] if pinned else None,
            "questions": [q for q in questions if not q["pinned"]],
            "polls": polls,
            "pending": [q for q in mine if q.status == QuestionStatus.PENDING],
        }
    )
    return result
