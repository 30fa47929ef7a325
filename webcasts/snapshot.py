"""One shared, cached JSON snapshot of a webcast's live interaction, which every viewer polls.

What is in it (the same bytes for every viewer, so one cache entry serves them all): the pinned
question, the questions shown to viewers with their votes and answered marks (an anonymous question
without its asker: the name never leaves the server for viewers), the polls that are open or closed,
with their results where every viewer may see them (closed polls, from k votes on), and a version
number. An open poll's counts are never in it: under "after voting" a voter gets them as their own
view (`voter_poll_data`, in the vote's answer and the page render), so nobody can read them first.
What one person has done (voted, asked a question still waiting for approval) is not in it: the page
render and the person's own actions tell the client that.

Rebuilt at most once a second per webcast, whatever the write rate:
- every write increments a counter in the cache (`mark_changed`); an entry built from an older count
  is stale;
- a stale entry is rebuilt only by the request that takes the one-second throttle key (`cache.add`
  with a timeout of one second, atomic in Redis and shared by every app server); the others serve the
  stale entry meanwhile;
- an entry also goes stale when the webcast starts or ends (the clock changes what may be done).

The cache is an optimisation: when it is unavailable (or empty) the request answers from a fresh build.
"""

import contextlib
import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache

from core import anonymity

from . import schedule
from .models import PollStatus, Question, QuestionStatus, WebcastPage
from .models.pages import PollResults

ENTRY_TIMEOUT = 600  # seconds an unused entry is kept
THROTTLE_SECONDS = 1  # at most one build per this many seconds (settings.WEBCAST_LIVE_THROTTLE_SECONDS)


def _keys(webcast_id):
    base = f"webcasts:live:{webcast_id}"
    return f"{base}:entry", f"{base}:writes", f"{base}:throttle"


def mark_changed(webcast_id, webcast=None):
    """After a write has committed: the snapshot is stale. Rebuilds it now when allowed (the writer's own
    page then shows the change), else the first poll after the throttle does."""
    _entry_key, writes_key, _throttle_key = _keys(webcast_id)
    try:
        cache.incr(writes_key)
    except ValueError:  # no counter yet (or the cache is unavailable: then nothing is cached either)
        if not cache.add(writes_key, 1, timeout=None):
            with contextlib.suppress(ValueError):
                cache.incr(writes_key)
    get(webcast_id, webcast)


def author_label(question):
    """What other viewers see as the asker: nothing for an anonymous question, never an e-mail address.

    The snapshot is shared by readers of every language, so it holds no translated words."""
    if question.anonymous:
        return None
    name = question.author.get_full_name()
    if not name:
        return None  # the page says "A viewer", in the reader's language
    organisation = question.author.organisation
    return f"{name}, {organisation.name}" if organisation else name


def question_data(question):
    return {
        "id": question.pk,
        "text": question.text,
        "votes": question.vote_count,
        "asked_at": question.created_at.replace(microsecond=0).isoformat(),
        "author": author_label(question),
        "anonymous": question.anonymous,
        "answered": question.answered_at is not None,
        "pinned": question.pinned,
    }


def poll_data(webcast, poll, status, counts, for_moderator=False, voted=False):
    """A poll as the snapshot (or the moderator screen, or one voter) shows it. Counts only where they may be
    seen: from the anonymity rule's k votes on, and to viewers after closing or, if the page says so, after
    they have voted. The shared snapshot is built with voted=False, so an open poll's counts never reach a
    viewer who has not voted; a voter gets them personally (`voter_poll_data`)."""
    total = sum(counts.values())
    from .live import results_public  # the rule lives there; it imports this module

    shared = status == PollStatus.CLOSED or results_public(webcast, status, voted=voted)
    show = for_moderator or (shared and anonymity.is_reportable(total))
    options = []
    for option in poll.options:
        votes = counts.get(option.id, 0)
        entry = {"id": option.id, "text": option.text}
        if show:
            entry["votes"] = votes
            entry["percent"] = round(100 * votes / total) if total else 0
        options.append(entry)
    return {
        "id": poll.id,
        "question": poll.question,
        "status": str(status),
        "options": options,
        "total": total if show else None,
        "results": show,
        # Results the page would show but that are too few yet for the anonymity rule.
        "too_few": shared and not for_moderator and not anonymity.is_reportable(total),
        "results_after": "close" if webcast.poll_results == PollResults.AFTER_CLOSE else "vote",
    }


def voter_poll_data(webcast, poll_id):
    """One poll with its results as a person who has voted in it may see them (two queries)."""
    return voter_polls_data(webcast, [poll_id])[poll_id]


def voter_polls_data(webcast, poll_ids):
    """{poll id: the poll as one who has voted in it may see it}, for any number of polls: two queries."""
    from .live import poll_counts, poll_of, poll_statuses

    if not poll_ids:
        return {}
    statuses, counts = poll_statuses(webcast), poll_counts(webcast)
    result = {}
    for poll_id in poll_ids:
        poll = poll_of(webcast, poll_id)
        status = statuses.get(poll.id, PollStatus.DRAFT)
        result[poll_id] = poll_data(webcast, poll, status, counts.get(poll.id, {}), voted=True)
    return result


def build_data(webcast, writes=0):
    """The snapshot as a dict, from the database: 2 queries, 4 when the webcast has polls."""
    from .live import poll_counts, poll_statuses, polls_of

    questions = list(
        Question.objects.filter(webcast=webcast, status=QuestionStatus.VISIBLE)
        .select_related("author__organisation")
        .order_by("-vote_count", "created_at")
    )
    polls = polls_of(webcast)
    poll_items = []
    if polls:
        statuses = poll_statuses(webcast)
        counts = poll_counts(webcast)
        for poll in polls:
            status = statuses.get(poll.id, PollStatus.DRAFT)
            if status in (PollStatus.OPEN, PollStatus.CLOSED):
                poll_items.append(poll_data(webcast, poll, status, counts.get(poll.id, {})))
    pinned = next((q for q in questions if q.pinned), None)
    state = schedule.state(webcast)
    return {
        "webcast": webcast.pk,
        "version": writes,
        "state": str(state),
        "open": state == schedule.State.LIVE,
        "pinned": question_data(pinned) if pinned else None,
        "questions": [question_data(q) for q in questions],
        "polls": poll_items,
    }


def _next_boundary(webcast):
    """When the clock next changes the webcast's state (its start or end), as a Unix time; or None."""
    now = time.time()
    for moment in (webcast.starts_at, webcast.ends_at):
        at = moment.timestamp()
        if at > now:
            return at
    return None


def build(webcast, writes=0):
    data = build_data(webcast, writes)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return {
        "body": body,
        "etag": '"' + hashlib.sha256(body).hexdigest()[:20] + '"',
        "writes": writes,
        "stale_at": _next_boundary(webcast),
        "built_at": time.time(),
    }


def _fresh(entry, writes):
    if entry is None or entry["writes"] != writes:
        return False
    return entry["stale_at"] is None or time.time() < entry["stale_at"]


def get(webcast_id, webcast=None):
    """The snapshot entry (body, etag, ...) of a published webcast; None when there is none.

    A cache hit costs no database query. `webcast` saves the page lookup when the caller has it.
    """
    entry_key, writes_key, throttle_key = _keys(webcast_id)
    found = cache.get_many([entry_key, writes_key])
    entry, writes = found.get(entry_key), found.get(writes_key, 0)
    if _fresh(entry, writes):
        return entry
    # Stale or missing. Rebuild if this request takes the throttle; a missing entry is always built
    # (a cold or unavailable cache answers from a fresh build, never an error).
    throttle = getattr(settings, "WEBCAST_LIVE_THROTTLE_SECONDS", THROTTLE_SECONDS)
    may_rebuild = not throttle or cache.add(throttle_key, 1, timeout=throttle)
    if entry is not None and not may_rebuild:
        return entry
    if webcast is None:
        webcast = WebcastPage.objects.live().filter(pk=webcast_id).first()
        if webcast is None:
            return None
    entry = build(webcast, writes)
    cache.set(entry_key, entry, timeout=ENTRY_TIMEOUT)
    return entry


def data(webcast):
    """The snapshot as a dict (for the server-rendered panel)."""
    entry = get(webcast.pk, webcast)
    return json.loads(entry["body"]) if entry else build_data(webcast)


def forget(webcast_id):
    """Drop the cached snapshot (a publish or unpublish of the page: its polls, settings or times may have
    changed). The next poll rebuilds it, or answers 404 for a page no longer published."""
    entry_key, _writes_key, _throttle_key = _keys(webcast_id)
    cache.delete(entry_key)
