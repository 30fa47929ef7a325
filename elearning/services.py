"""State changes in e-modules: visiting steps, answering, reflecting, attempts and completion.

Each function runs in one transaction, locks the row it counts on and leans on a database
constraint for the invariant, so double submits and concurrent requests store one result.
Views, admin and tasks all call these.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import grading, selectors, sharing
from .exceptions import (
    AttemptLimitReached,
    ModuleIncomplete,
    NoOpenAttempt,
    StaleAnswer,
    StepLocked,
    UnknownQuestion,
)
from .models import Answer, Attempt, ModuleProgress, Reflection, StepVisit
from .models.pages import CompletionRule
from .signals import module_completed

log = logging.getLogger(__name__)


def _progress_for_update(user, module):
    """The learner's progress row, created if missing, locked for the rest of the transaction."""
    ModuleProgress.objects.bulk_create([ModuleProgress(user=user, module=module)], ignore_conflicts=True)
    return ModuleProgress.objects.select_for_update().get(user=user, module=module)


def ensure_step_open(user, module, number):
    """Raise StepLocked if the module is taken in order and an earlier step is not done.

    Only reads (three queries, none for a module without order), so a refused request stores nothing.
    The step page asks the same rule (selectors.first_locked_step) before recording a visit.
    """
    if not module.sequential:
        return
    progress, attempt, _latest = selectors.progress_and_attempts(user, module)
    blocking = selectors.first_locked_step(user, module, number, attempt, progress)
    if blocking is not None:
        raise StepLocked(blocking)


def record_visit(user, module, step, progress=None):
    """Remember that the learner opened a step, and that it is where they are now. Two queries.

    Writes nothing when `progress` (already loaded by the caller) shows this step as the current one: its
    visit was recorded when it became current, so reloading a step costs no write.
    """
    if progress is not None and progress.last_step_id == step.id:
        return
    now = timezone.now()
    with transaction.atomic():  # one commit, not two
        StepVisit.objects.bulk_create([StepVisit(user=user, module=module, step_id=step.id)], ignore_conflicts=True)
        updated = ModuleProgress.objects.filter(user=user, module=module).update(last_step_id=step.id, updated_at=now)
        if not updated:
            ModuleProgress.objects.bulk_create(
                [ModuleProgress(user=user, module=module, last_step_id=step.id)], ignore_conflicts=True
            )


def open_attempt(user, module):
    return Attempt.objects.filter(user=user, module=module, finished_at__isnull=True).first()


def attempts_left(module, finished_count):
    if not module.max_attempts:
        return None
    return max(module.max_attempts - finished_count, 0)


@transaction.atomic
def start_attempt(user, module):
    """Return the open attempt, or start the next one if the module's attempt policy allows."""
    progress = _progress_for_update(user, module)
    current = open_attempt(user, module)
    if current is not None:
        return current
    finished = Attempt.objects.filter(user=user, module=module).count()
    if module.max_attempts and finished >= module.max_attempts:
        raise AttemptLimitReached()
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(user=user, module=module, number=finished + 1)
    except IntegrityError:
        # Another request started it a moment ago.
        return open_attempt(user, module)
    progress.attempts_used = attempt.number
    progress.save(update_fields=["attempts_used", "updated_at"])
    return attempt


@transaction.atomic
def answer_question(user, module, question_id, option_ids, seq):
    """Store a try at a quiz question; the first try in an attempt is the graded one.

    `seq` is the number of tries the learner's page had seen. A repeat of the last try (double
    submit) returns the stored answer unchanged; an older `seq` raises StaleAnswer.
    Returns (answer, question).
    """
    question = module.structure.questions.get(question_id)
    if question is None or not question.is_quiz:
        raise UnknownQuestion()
    ensure_step_open(user, module, question.step_number)
    selected = grading.validate_selection(question, option_ids)
    attempt = open_attempt(user, module)
    if attempt is None:
        if Attempt.objects.filter(user=user, module=module).exists():
            raise NoOpenAttempt()  # a finished attempt is not reopened by answering
        attempt = start_attempt(user, module)  # the very first answer starts attempt 1
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if not attempt.is_open:
        raise NoOpenAttempt()
    correct = grading.is_correct(question, selected)
    answer = Answer.objects.filter(attempt=attempt, question_id=question_id).first()
    if answer is None:
        if seq != 0:
            raise StaleAnswer()
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    attempt=attempt,
                    question_id=question_id,
                    first_selected=selected,
                    selected=selected,
                    first_correct=correct,
                    correct=correct,
                    points=grading.points_for(question, correct),
                )
        except IntegrityError:
            answer = Answer.objects.get(attempt=attempt, question_id=question_id)
            if answer.selected != selected:
                raise StaleAnswer() from None
        return answer, question
    if seq == answer.tries - 1 and answer.selected == selected:
        return answer, question  # the same submit again: nothing changes
    if seq != answer.tries:
        raise StaleAnswer()
    answer.selected = selected
    answer.correct = correct
    answer.tries += 1
    answer.save(update_fields=["selected", "correct", "tries", "updated_at"])
    return answer, question


@transaction.atomic
def save_reflection(user, module, question_id, text, shared=False, show_name=False):
    """Store the learner's reflection. It is shared only if sharing reaches someone (elearning.sharing): a
    `shared=True` with no workshop to read it (a forged form, or the workshop has passed) is stored private."""
    question = module.structure.questions.get(question_id)
    if question is None or question.type != "reflection":
        raise UnknownQuestion()
    ensure_step_open(user, module, question.step_number)
    _progress_for_update(user, module)
    shared = bool(shared) and sharing.sharing_audience(user, module) is not None
    reflection, _created = Reflection.objects.update_or_create(
        user=user,
        module=module,
        question_id=question_id,
        defaults={"text": text, "shared": shared, "show_name": shared and show_name},
    )
    return reflection


def missing_steps(user, module, attempt):
    """Steps that keep the module from being finished: those not done by the rule the step list shows
    (visited, and quiz questions answered in `attempt` if the completion rule asks for them). With every
    step done, a module taken in order was taken in order too."""
    return [state.step for state in selectors.step_states(user, module, attempt, None) if not state.done]


@transaction.atomic
def finish_attempt(user, module, attempt_number=None):
    """Grade the attempt and record completion once.

    The finish form names its attempt, so a second submit of it returns the graded attempt
    unchanged instead of failing.
    """
    progress = _progress_for_update(user, module)
    attempts = Attempt.objects.select_for_update().filter(user=user, module=module)
    if attempt_number is not None:
        attempt = attempts.filter(number=attempt_number).first()
        if attempt is not None and not attempt.is_open:
            return attempt
    else:
        attempt = attempts.filter(finished_at__isnull=True).first()
    if attempt is None:
        if module.completion_rule == CompletionRule.VISITED or not module.structure.quiz_questions:
            attempt = start_attempt(user, module)
        else:
            raise NoOpenAttempt()
    missing = missing_steps(user, module, attempt)
    if missing:
        raise ModuleIncomplete(missing)
    answers = list(attempt.answers.all())
    points, max_points, percent, passed = grading.grade_attempt(module.structure, answers, module.pass_mark)
    if module.completion_rule == CompletionRule.VISITED:
        passed = True
    now = timezone.now()
    attempt.finished_at = now
    attempt.score_points, attempt.max_points, attempt.percent, attempt.passed = points, max_points, percent, passed
    attempt.save()
    progress.attempts_used = attempt.number
    if max_points:
        progress.best_score = max(progress.best_score or 0, percent)
    if passed and progress.completed_at is None:
        progress.completed_at = now
        log.info("module completed user=%s module=%s score=%s", user.pk, module.pk, percent)
        transaction.on_commit(lambda: module_completed.send(sender=type(module), user=user, module=module))
    progress.save()
    return attempt
