"""The one rule for live interaction during a broadcast: questions (Q&A) with votes, and polls.

Views, the moderator screen and the demo all call these functions. Each write runs in one
transaction, relies on a database constraint for its invariant (one vote per person and question,
one vote per person and poll, one pinned question per webcast, one state row per poll) and then marks
the shared snapshot changed (`webcasts.snapshot`), which is rebuilt at most once a second.

Refusals are `LiveError`s carrying a sentence for the person; a repeated submit (the same vote twice,
the same question sent twice within a minute, an action already done) is not an error: it changes
nothing and says so through `created`/`changed`.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit

from . import permissions, snapshot
from .models import PollState, PollStatus, PollVote, Question, QuestionStatus, QuestionVote, WebcastPage
from .models.live import QUESTION_MAX_LENGTH
from .models.pages import PollResults

REPEAT_WINDOW = datetime.timedelta(minutes=1)  # the same question sent again within it is the same question


class LiveError(Exception):
    """A refusal with a sentence for the person. `status` is the HTTP status a JSON client gets."""

    status = 400

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class InteractionClosed(LiveError):
    status = 409


class NotModerator(LiveError):
    status = 404


class UnknownItem(LiveError):
    status = 404


class PollNotOpen(LiveError):
    status = 409


# --- Polls: defined by the editor in the page's StreamField, keyed by stable block ids -----------------


@dataclass(frozen=True)
class PollOption:
    id: str
    text: str


@dataclass(frozen=True)
class Poll:
    id: str
    question: str
    options: tuple = field(default_factory=tuple)

    def option(self, option_id):
        return next((option for option in self.options if option.id == option_id), None)


def polls_of(webcast):
    """The page's polls in their order, each with its options (ids are the blocks' stable ids)."""
    polls = []
    for block in webcast.polls:
        if block.block_type != "poll" or not block.id:
            continue
        options = tuple(
            PollOption(id=child.id, text=str(child.value)) for child in block.value["options"].bound_blocks if child.id
        )
        polls.append(Poll(id=block.id, question=str(block.value["question"]), options=options))
    return polls


def poll_of(webcast, poll_id):
    poll = next((poll for poll in polls_of(webcast) if poll.id == poll_id), None)
    if poll is None:
        raise UnknownItem(_("There is no such poll in this webcast."))
    return poll


def poll_statuses(webcast):
    """poll id -> PollStatus (a poll without a state row has not been opened)."""
    return dict(PollState.objects.filter(webcast=webcast).values_list("poll_id", "status"))


def poll_counts(webcast):
    """poll id -> {option id -> votes}, in one query."""
    counts = {}
    rows = PollVote.objects.filter(webcast=webcast).values_list("poll_id", "option_id").annotate(n=Count("pk"))
    for poll_id, option_id, n in rows:
        counts.setdefault(poll_id, {})[option_id] = n
    return counts


def results_public(webcast, status, voted=False):
    """Whether viewers see a poll's results: after closing always; while open only after voting, if the
    page says so. Moderators always see them (not decided here)."""
    if status == PollStatus.CLOSED:
        return True
    return status == PollStatus.OPEN and webcast.poll_results == PollResults.AFTER_VOTE and voted


# --- Guards ---------------------------------------------------------------------------------------------


def _require_open(user, webcast):
    reason = permissions.interaction_closed_reason(user, webcast)
    if reason:
        raise InteractionClosed(reason)


def _require_moderator(user, webcast):
    if not permissions.moderates(user, webcast):
        raise NotModerator(_("Only the webcast's moderators may do that."))


def _changed(webcast):
    """After the transaction: the snapshot is stale; rebuild it now if the last build is over a second old."""
    snapshot.mark_changed(webcast.pk, webcast)


# --- Questions ------------------------------------------------------------------------------------------


def clean_question(text):
    text = (text or "").strip()
    if not text:
        raise LiveError(_("Write a question before sending it."))
    if len(text) > QUESTION_MAX_LENGTH:
        raise LiveError(
            _("A question can be at most %(max)s characters long; yours has %(length)s.")
            % {"max": f"{QUESTION_MAX_LENGTH:,}".replace(",", "\u00a0"), "length": len(text)}
        )
    return text


def ask(webcast, user, text, anonymous=False):
    """A new question: held for approval when the page says so, else shown at once.

    Returns (question, created); the same text from the same person within a minute is the same question.
    """
    _require_open(user, webcast)
    text = clean_question(text)
    with transaction.atomic():
        repeat = (
            Question.objects.filter(
                webcast=webcast, author=user, text=text, created_at__gte=timezone.now() - REPEAT_WINDOW
            )
            .exclude(status=QuestionStatus.HIDDEN)
            .first()
        )
        if repeat is not None:
            return repeat, False
        status = QuestionStatus.PENDING if webcast.questions_need_approval else QuestionStatus.VISIBLE
        question = Question.objects.create(
            webcast=webcast, author=user, text=text, anonymous=bool(anonymous), status=status
        )
    _changed(webcast)
    return question, True


def _question(webcast, question_id, lock=False):
    queryset = Question.objects.filter(webcast=webcast)
    if lock:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(pk=int(question_id))
    except (Question.DoesNotExist, TypeError, ValueError):
        raise UnknownItem(_("There is no such question in this webcast.")) from None


def vote_question(webcast, user, question_id):
    """One vote per person and question (a constraint); a second vote changes nothing.

    Returns (question, created) with `vote_count` as stored after the vote.
    """
    _require_open(user, webcast)
    with transaction.atomic():
        question = _question(webcast, question_id)
        if question.status != QuestionStatus.VISIBLE:
            raise UnknownItem(_("There is no such question in this webcast."))
        try:
            with transaction.atomic():
                QuestionVote.objects.create(question=question, user=user)
        except IntegrityError:
            return question, False
        Question.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
        question.refresh_from_db(fields=["vote_count"])
    _changed(webcast)
    return question, True


class Action:
    PIN = "pin"
    UNPIN = "unpin"
    ANSWER = "answer"
    HIDE = "hide"
    RESTORE = "restore"
    APPROVE = "approve"

    ALL = (PIN, UNPIN, ANSWER, HIDE, RESTORE, APPROVE)


ACTION_DONE = {
    Action.PIN: _("The question is pinned as being answered now."),
    Action.UNPIN: _("The question is no longer pinned."),
    Action.ANSWER: _("The question is marked as answered."),
    Action.HIDE: _("The question is hidden from viewers."),
    Action.RESTORE: _("The question is shown again."),
    Action.APPROVE: _("The question is approved and shown to viewers."),
}


def moderate(webcast, moderator, question_id, action):
    """A moderator's action on a question. Returns (question, changed); doing it twice changes nothing.

    Pinning another question unpins the first in the same transaction (one pinned per webcast, a
    constraint). Pinning approves a pending question; a hidden one must be restored first. Marking a
    question answered or hiding it unpins it.
    """
    _require_moderator(moderator, webcast)
    if action not in Action.ALL:
        raise LiveError(_("Unknown action."))
    with transaction.atomic():
        if action == Action.PIN:
            # Serialise pinning per webcast: two moderators pinning at once would both unpin, then collide.
            list(WebcastPage.objects.select_for_update(of=("self",)).filter(pk=webcast.pk).values_list("pk"))
        question = _question(webcast, question_id, lock=True)
        before = (question.status, question.pinned, question.answered_at)
        if action == Action.PIN:
            if question.status == QuestionStatus.HIDDEN:
                raise LiveError(_("Restore the question before pinning it."))
            if not question.pinned:
                Question.objects.filter(webcast=webcast, pinned=True).exclude(pk=question.pk).update(pinned=False)
                question.pinned = True
            question.status = QuestionStatus.VISIBLE
        elif action == Action.UNPIN:
            question.pinned = False
        elif action == Action.ANSWER:
            question.answered_at = question.answered_at or timezone.now()
            question.pinned = False
        elif action == Action.HIDE:
            question.status, question.pinned = QuestionStatus.HIDDEN, False
        elif action == Action.RESTORE:
            if question.status == QuestionStatus.HIDDEN:
                question.status = QuestionStatus.VISIBLE
        elif action == Action.APPROVE and question.status == QuestionStatus.PENDING:
            question.status = QuestionStatus.VISIBLE
        if (question.status, question.pinned, question.answered_at) == before:
            return question, False
        question.moderated_by = moderator
        question.save(update_fields=["status", "pinned", "answered_at", "moderated_by"])
        # Who hid or restored what is kept (abuse reports, a disputed moderation); never the asker's name.
        audit.log(
            "webcast.moderated",
            f"{action} {question.pk}",
            actor=moderator,
            obj=webcast,
            done=action,
            question=question.pk,
        )
    _changed(webcast)
    return question, True


# --- Polls ----------------------------------------------------------------------------------------------


def set_poll_status(webcast, moderator, poll_id, status):
    """Open or close a poll (a closed poll may be opened again). Returns (state, changed)."""
    _require_moderator(moderator, webcast)
    poll_of(webcast, poll_id)
    if status not in (PollStatus.OPEN, PollStatus.CLOSED):
        raise LiveError(_("Unknown action."))
    with transaction.atomic():
        state, _created = PollState.objects.select_for_update().get_or_create(webcast=webcast, poll_id=poll_id)
        if state.status == status:
            return state, False
        if status == PollStatus.CLOSED and state.status != PollStatus.OPEN:
            raise PollNotOpen(_("The poll has not been opened."))
        now = timezone.now()
        state.status = status
        if status == PollStatus.OPEN:
            state.opened_at, state.closed_at = now, None
        else:
            state.closed_at = now
        state.save(update_fields=["status", "opened_at", "closed_at"])
        audit.log("webcast.poll", f"{status} {poll_id}", actor=moderator, obj=webcast, status=status, poll=poll_id)
    _changed(webcast)
    return state, True


def vote_poll(webcast, user, poll_id, option_id):
    """One vote per person and poll (a constraint), only while the poll is open. Returns (vote, created):
    a second vote, for whichever option, keeps the first."""
    _require_open(user, webcast)
    poll = poll_of(webcast, poll_id)
    if poll.option(option_id) is None:
        raise LiveError(_("Choose one of the poll's options."))
    with transaction.atomic():
        status = PollState.objects.filter(webcast=webcast, poll_id=poll_id).values_list("status", flat=True).first()
        if status != PollStatus.OPEN:
            if status == PollStatus.CLOSED:
                raise PollNotOpen(_("The poll is closed: voting has ended."))
            raise PollNotOpen(_("The poll has not been opened yet."))
        existing = PollVote.objects.filter(webcast=webcast, poll_id=poll_id, user=user).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                vote = PollVote.objects.create(webcast=webcast, poll_id=poll_id, option_id=option_id, user=user)
        except IntegrityError:
            return PollVote.objects.get(webcast=webcast, poll_id=poll_id, user=user), False
    _changed(webcast)
    return vote, True


# --- What one person has done (not in the shared snapshot) ----------------------------------------------


def my_question_votes(webcast, user):
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(QuestionVote.objects.filter(question__webcast=webcast, user=user).values_list("question_id", flat=True))


def my_poll_votes(webcast, user):
    """poll id -> option id the person chose."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(PollVote.objects.filter(webcast=webcast, user=user).values_list("poll_id", "option_id"))


def my_questions(webcast, user):
    """The person's own questions that are not hidden: the pending ones show only to them, and a shown one
    may be newer than the snapshot (rebuilt at most once a second), so their page adds it."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Question.objects.filter(webcast=webcast, author=user)
        .exclude(status=QuestionStatus.HIDDEN)
        .select_related("author__organisation")
        .order_by("pk")
    )


# --- The audit trail's sentences --------------------------------------------------------------------------

MODERATION_WORDS = {
    Action.PIN: _("pinned"),
    Action.UNPIN: _("unpinned"),
    Action.ANSWER: _("marked as answered"),
    Action.HIDE: _("hid"),
    Action.RESTORE: _("restored"),
    Action.APPROVE: _("approved"),
}


@audit.action("webcast.moderated", _("Webcast: question moderated"))
class Moderated(audit.AuditFormatter):
    def describe(self, data, label):
        what = MODERATION_WORDS.get(data.get("done"), data.get("done") or "")
        return gettext("Question %(question)s in %(webcast)s: %(what)s") % {
            "question": data.get("question") or "",
            "webcast": label,
            "what": what,
        }


@audit.action("webcast.poll", _("Webcast: poll opened or closed"))
class PollChanged(audit.AuditFormatter):
    def describe(self, data, label):
        if data.get("status") == PollStatus.OPEN:
            return gettext("Opened a poll in %(webcast)s") % {"webcast": label}
        return gettext("Closed a poll in %(webcast)s") % {"webcast": label}
