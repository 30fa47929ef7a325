"""Views of webcasts: live interaction (questions, votes, polls), the moderator screen and its exports.

Every action is a plain form POST that redirects back to the webcast page with a message; a client
that asks for JSON (`Accept: application/json`, as static/js/webcast-live.js does) gets JSON instead.
The rules are in `webcasts.live`; who moderates in `webcasts.permissions`. A moderator URL answers 404
to anyone else, as everything outside a person's scope does in this project.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import anonymity, audit
from core.exports import FORMATS, export_response

from .. import live, permissions, schedule, snapshot
from ..models import PollStatus, Question, QuestionStatus

SNAPSHOT_MAX_AGE = 2  # seconds a browser may reuse live.json without asking


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def signed_in(view):
    """Signed-in people only: a JSON client gets 403 with the sentence, a browser the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if wants_json(request) or request.path.endswith(".json"):
                return JsonResponse({"ok": False, "message": str(permissions.NOT_SIGNED_IN)}, status=403)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _back(request, webcast, fragment="live"):
    url = webcast.get_url(request) or "/"
    return redirect(f"{url}#{fragment}")


def _answer(request, webcast, message, ok=True, status=200, fragment="live", **data):
    """JSON for fetch, else a message and a redirect back to the page (or the moderator screen)."""
    if wants_json(request):
        return JsonResponse({"ok": ok, "message": str(message), **data}, status=status if not ok else 200)
    (messages.success if ok else messages.error)(request, message)
    if fragment.startswith("/"):
        return redirect(fragment)
    return _back(request, webcast, fragment)


def _refused(request, webcast, error, fragment="live"):
    if isinstance(error, live.NotModerator):
        raise Http404
    return _answer(request, webcast, error.message, ok=False, status=error.status, fragment=fragment)


# --- The shared snapshot ------------------------------------------------------------------------------


@require_GET
@signed_in
def snapshot_json(request, webcast_id):
    """The cached snapshot bytes, with an ETag; 304 when the client has them already."""
    entry = snapshot.get(webcast_id)
    if entry is None:
        return JsonResponse({"ok": False, "message": _("There is no such webcast.")}, status=404)
    etag = entry["etag"]
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["body"], content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, private=True, max_age=SNAPSHOT_MAX_AGE)
    response["Vary"] = "Cookie"
    return response


# --- Viewers' actions ---------------------------------------------------------------------------------


@require_POST
@signed_in
def ask(request, webcast_id):
    webcast = permissions.webcast_or_404(webcast_id)
    try:
        question, created = live.ask(
            webcast, request.user, request.POST.get("text", ""), anonymous=bool(request.POST.get("anonymous"))
        )
    except live.LiveError as error:
        return _refused(request, webcast, error, fragment="ask")
    if question.status == QuestionStatus.PENDING:
        message = _("Thank you! Your question is shown once a moderator has approved it.")
    else:
        message = _("Thank you! Your question is posted.")
    return _answer(request, webcast, message, question=question.pk, status_of_question=question.status, created=created)


@require_POST
@signed_in
def vote_question(request, webcast_id, question_id):
    webcast = permissions.webcast_or_404(webcast_id)
    try:
        question, created = live.vote_question(webcast, request.user, question_id)
    except live.LiveError as error:
        return _refused(request, webcast, error)
    message = _("Your vote is counted.") if created else _("You have already voted for this question.")
    return _answer(
        request, webcast, message, fragment=f"q{question.pk}", question=question.pk, votes=question.vote_count
    )


@require_POST
@signed_in
def vote_poll(request, webcast_id, poll_id):
    webcast = permissions.webcast_or_404(webcast_id)
    try:
        vote, created = live.vote_poll(webcast, request.user, poll_id, request.POST.get("option", ""))
    except live.LiveError as error:
        return _refused(request, webcast, error, fragment=f"poll-{poll_id}")
    message = _("Thank you for voting!") if created else _("You have already voted in this poll.")
    # The voter's own view of the poll (results where the page shows them after voting): not in the snapshot.
    poll_view = snapshot.voter_poll_data(webcast, poll_id) if wants_json(request) else None
    return _answer(
        request,
        webcast,
        message,
        fragment=f"poll-{poll_id}",
        poll=poll_id,
        option=vote.option_id,
        poll_view=poll_view,
    )


# --- The moderator screen -----------------------------------------------------------------------------


def _moderator_polls(webcast):
    polls = live.polls_of(webcast)
    if not polls:
        return []
    statuses, counts = live.poll_statuses(webcast), live.poll_counts(webcast)
    return [
        snapshot.poll_data(
            webcast, poll, statuses.get(poll.id, PollStatus.DRAFT), counts.get(poll.id, {}), for_moderator=True
        )
        for poll in polls
    ]


def _moderator_questions(webcast):
    return list(Question.objects.filter(webcast=webcast).select_related("author__organisation"))


@require_GET
@signed_in
def moderate(request, webcast_id):
    webcast = permissions.webcast_for_moderator(request.user, webcast_id)
    sort = "time" if request.GET.get("sort") == "time" else "votes"
    questions = _moderator_questions(webcast)
    if sort == "time":
        questions.sort(key=lambda q: (q.created_at, q.pk), reverse=True)
    pending = [q for q in questions if q.status == QuestionStatus.PENDING]
    pending.sort(key=lambda q: (q.created_at, q.pk))
    visible = [q for q in questions if q.status == QuestionStatus.VISIBLE]
    state = schedule.state(webcast)
    return render(
        request,
        "webcasts/live_moderate.html",
        {
            "webcast": webcast,
            "state": state,
            "sort": sort,
            "pinned": next((q for q in visible if q.pinned), None),
            "pending": pending,
            "open_questions": [q for q in visible if not q.pinned and q.answered_at is None],
            "answered": [q for q in visible if q.answered_at is not None and not q.pinned],
            "hidden": [q for q in questions if q.status == QuestionStatus.HIDDEN],
            "polls": _moderator_polls(webcast),
            "exports_open": state not in (schedule.State.UPCOMING, schedule.State.LIVE),
            "formats": FORMATS,
            "k": anonymity.min_group_size(),
            "latest": max((q.pk for q in questions), default=0),
        },
    )


@require_GET
@signed_in
def moderate_status(request, webcast_id):
    """What the moderator screen refreshes in place: counts per list and live poll results (uncached)."""
    webcast = permissions.webcast_for_moderator(request.user, webcast_id)
    questions = Question.objects.filter(webcast=webcast)
    figures = dict.fromkeys(QuestionStatus.values, 0)
    for status, count in questions.values_list("status").annotate(n=Count("pk")).values_list("status", "n"):
        figures[status] = count
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    response = JsonResponse(
        {
            "questions": figures,
            "new_questions": questions.filter(pk__gt=after).count() if after else 0,
            "polls": _moderator_polls(webcast),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@signed_in
def moderate_question(request, webcast_id, question_id):
    webcast = permissions.webcast_for_moderator(request.user, webcast_id)
    action = request.POST.get("action", "")
    back = reverse("webcast_moderate", args=[webcast.pk])
    if request.POST.get("sort") == "time":
        back += "?sort=time"
    try:
        question, changed = live.moderate(webcast, request.user, question_id, action)
    except live.LiveError as error:
        return _refused(request, webcast, error, fragment=back)
    message = live.ACTION_DONE[action] if changed else _("Nothing to change: it was already so.")
    return _answer(request, webcast, message, fragment=f"{back}#q{question.pk}", question=question.pk, changed=changed)


@require_POST
@signed_in
def moderate_poll(request, webcast_id, poll_id):
    webcast = permissions.webcast_for_moderator(request.user, webcast_id)
    status = {"open": PollStatus.OPEN, "close": PollStatus.CLOSED}.get(request.POST.get("action", ""))
    back = reverse("webcast_moderate", args=[webcast.pk])
    try:
        if status is None:
            raise live.LiveError(_("Unknown action."))
        state, changed = live.set_poll_status(webcast, request.user, poll_id, status)
    except live.LiveError as error:
        return _refused(request, webcast, error, fragment=back)
    if not changed:
        message = _("Nothing to change: it was already so.")
    elif state.status == PollStatus.OPEN:
        message = _("The poll is open: viewers can vote now.")
    else:
        message = _("The poll is closed.")
    return _answer(request, webcast, message, fragment=f"{back}#poll-{poll_id}", poll=poll_id, status=state.status)


# --- Exports (after the broadcast) --------------------------------------------------------------------


def _export_allowed(request, webcast):
    if schedule.state(webcast) in (schedule.State.UPCOMING, schedule.State.LIVE):
        return HttpResponse(
            _("Questions and poll results can be exported once the broadcast has ended."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    return None


def question_rows(webcast):
    """One row per question, hidden ones included. The asker's name only where the question was not
    anonymous: the file leaves the moderator screen, where an anonymous asker is shown for abuse only."""
    labels = dict(QuestionStatus.choices)
    for question in Question.objects.filter(webcast=webcast).select_related("author").order_by("created_at", "pk"):
        yield [
            question.text,
            question.vote_count,
            str(labels.get(question.status, question.status)),
            question.answered_at is not None,
            question.created_at,
            "" if question.anonymous else (question.author.get_full_name() or question.author.email),
        ]


def question_header():
    return [_("Question"), _("Votes"), _("Status"), _("Answered"), _("Asked at"), _("Asked by")]


def poll_rows(webcast):
    """One row per poll option. Counts of a poll with fewer votes than the anonymity rule's k are blank."""
    statuses, counts = live.poll_statuses(webcast), live.poll_counts(webcast)
    labels = dict(PollStatus.choices)
    for poll in live.polls_of(webcast):
        poll_counts = counts.get(poll.id, {})
        total = sum(poll_counts.values())
        shown = anonymity.is_reportable(total) or total == 0
        status = str(labels.get(statuses.get(poll.id, PollStatus.DRAFT)))
        for option in poll.options:
            votes = poll_counts.get(option.id, 0)
            yield [
                poll.question,
                option.text,
                votes if shown else None,
                (round(100 * votes / total) if total else 0) if shown else None,
                total,
                status,
            ]


def poll_header():
    return [_("Poll"), _("Option"), _("Votes"), _("Share (%)"), _("Votes in the poll"), _("Status")]


def _export(request, webcast_id, kind):
    webcast = permissions.webcast_for_moderator(request.user, webcast_id)
    refused = _export_allowed(request, webcast)
    if refused:
        return refused
    fmt = request.GET.get("format", "xlsx")
    if kind == "questions":
        header, rows, name, model = question_header(), question_rows(webcast), _("questions"), "webcasts.Question"
    else:
        header, rows, name, model = poll_header(), poll_rows(webcast), _("polls"), "webcasts.PollVote"
    response = export_response(fmt, f"{webcast.slug}-{name}-{timezone.localdate():%Y-%m-%d}", header, rows)
    if response.status_code == 200:
        audit.log("report.exported", f"{model} ({fmt})", actor=request.user, obj=webcast, report=model, format=fmt)
    return response


@require_GET
@signed_in
def export_questions(request, webcast_id):
    return _export(request, webcast_id, "questions")


@require_GET
@signed_in
def export_polls(request, webcast_id):
    return _export(request, webcast_id, "polls")


urlpatterns = [
    path("<int:webcast_id>/live.json", snapshot_json, name="webcast_live_json"),
    path("<int:webcast_id>/fragor/", ask, name="webcast_ask"),
    path("<int:webcast_id>/fragor/<int:question_id>/rosta/", vote_question, name="webcast_question_vote"),
    path("<int:webcast_id>/omrostningar/<str:poll_id>/rosta/", vote_poll, name="webcast_poll_vote"),
    path("<int:webcast_id>/moderera/", moderate, name="webcast_moderate"),
    path("<int:webcast_id>/moderera/status.json", moderate_status, name="webcast_moderate_status"),
    path("<int:webcast_id>/moderera/fragor/<int:question_id>/", moderate_question, name="webcast_moderate_question"),
    path("<int:webcast_id>/moderera/omrostningar/<str:poll_id>/", moderate_poll, name="webcast_moderate_poll"),
    path("<int:webcast_id>/moderera/export/fragor/", export_questions, name="webcast_export_questions"),
    path("<int:webcast_id>/moderera/export/omrostningar/", export_polls, name="webcast_export_polls"),
]
