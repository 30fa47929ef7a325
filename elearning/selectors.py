"""Read-side queries for e-modules: what a learner has done, shaped for pages. No writes here."""

import functools
from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from core import sites

from .models import Answer, Attempt, CoursePage, ModulePage, ModuleProgress, ProgressStatus, Reflection, StepVisit
from .models.pages import CompletionRule


def progress_by_module(user, modules):
    if not getattr(user, "is_authenticated", False) or not modules:
        return {}
    rows = ModuleProgress.objects.filter(user=user, module__in=[module.pk for module in modules])
    return {row.module_id: row for row in rows}


def course_progress(user, modules):
    """The learner's progress per module of a course and for the course as a whole, in one query (none
    for anonymous visitors): {"by_module", "modules_done", "modules_total", "percent_done"}."""
    by_module = progress_by_module(user, modules)
    done = sum(1 for module in modules if (row := by_module.get(module.pk)) and row.completed_at)
    total = len(modules)
    return {
        "by_module": by_module,
        "modules_done": done,
        "modules_total": total,
        "percent_done": round(100 * done / total) if total else 0,
    }


@dataclass
class StepState:
    step: object
    visited: bool
    done: bool
    url: str

    @property
    def number(self):
        return self.step.number

    @property
    def title(self):
        return self.step.title


def step_states(user, module, attempt, progress):
    """Each step with visited/done flags. A step is done when visited and its quiz questions are answered."""
    structure = module.structure
    if not getattr(user, "is_authenticated", False):
        return [StepState(step, False, False, module.step_url(step.number)) for step in structure.steps]
    visited = set(StepVisit.objects.filter(user=user, module=module).values_list("step_id", flat=True))
    answered = set(attempt.answers.values_list("question_id", flat=True)) if attempt else set()
    completed = bool(progress and progress.completed_at)
    needs_quiz = module.completion_rule == CompletionRule.VISITED_AND_PASSED
    states = []
    for step in structure.steps:
        quiz_done = not needs_quiz or all(q.id in answered for q in step.quiz_questions) or (completed and not attempt)
        states.append(
            StepState(step, step.id in visited, step.id in visited and quiz_done, module.step_url(step.number))
        )
    return states


def resume_step_number(states, progress):
    """Where "continue where you left off" leads: the last step opened unless done, else the next not done."""
    if not states:
        return None
    last_index = next((i for i, s in enumerate(states) if progress and s.step.id == progress.last_step_id), None)
    if last_index is not None and not states[last_index].done:
        return states[last_index].number
    start = last_index + 1 if last_index is not None else 0
    for state in states[start:] + states[:start]:
        if not state.done:
            return state.number
    return states[last_index].number if last_index is not None else states[0].number


def first_locked_step(user, module, number, attempt, progress):
    """For modules taken in order: the first earlier step not done (a StepState), or None if `number` is open.

    The one place the order rule lives: the step page, answers and reflections all ask it. Two queries
    for a module taken in order, none otherwise.
    """
    if not module.sequential:
        return None
    states = step_states(user, module, attempt, progress)
    return next((state for state in states[: number - 1] if not state.done), None)


def module_overview(user, module):
    authenticated = getattr(user, "is_authenticated", False)
    progress = ModuleProgress.objects.filter(user=user, module=module).first() if authenticated else None
    attempts = list(Attempt.objects.filter(user=user, module=module).order_by("number")) if authenticated else []
    attempt = next((a for a in attempts if a.is_open), None)
    finished = [a for a in attempts if not a.is_open]
    states = step_states(user, module, attempt, progress)
    done = sum(1 for s in states if s.done)
    left = None if not module.max_attempts else max(module.max_attempts - len(finished), 0)
    return {
        "progress": progress,
        "status": progress.status if progress else ProgressStatus.NOT_STARTED,
        "attempt": attempt,
        "finished_attempts": finished,
        "attempts_left": left,
        "can_retake": attempt is None and bool(finished) and (left is None or left > 0),
        "step_states": states,
        "steps_done": done,
        "percent_done": round(100 * done / len(states)) if states else 0,
        # Every step done and something left to finish: finishing is the main action.
        "ready_to_finish": bool(states) and done == len(states) and bool(attempt or (progress and not finished)),
        # Completed earlier, now taking the module again: it stays completed while the new attempt runs.
        "retaking": bool(attempt and progress and progress.completed_at),
        "resume_number": resume_step_number(states, progress),
        "course": module.course,
    }


@dataclass
class ReviewedQuestion:
    question: object
    answer: Answer | None

    @property
    def chosen(self):
        """The options the learner's counted (first) answer chose."""
        if self.answer is None:
            return []
        return [option for option in self.question.options if option.id in self.answer.first_selected]

    @property
    def right_options(self):
        return [option for option in self.question.options if option.correct]


def attempt_review(user, module, number):
    """A finished attempt of the learner's own, with every quiz question, the answer that counted, the right
    options and explanations: `(attempt, [(step, [ReviewedQuestion, ...]), ...])`, or None when there is no
    such finished attempt for this user (someone else's and open attempts are never reviewed). Two queries."""
    if not getattr(user, "is_authenticated", False):
        return None
    attempt = Attempt.objects.filter(user=user, module=module, number=number, finished_at__isnull=False).first()
    if attempt is None:
        return None
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    steps = [
        (step, [ReviewedQuestion(question, answers.get(question.id)) for question in step.quiz_questions])
        for step in module.structure.steps
        if step.quiz_questions
    ]
    return attempt, steps


def step_answers(attempt, step):
    if attempt is None or not step.quiz_questions:
        return {}
    ids = [q.id for q in step.quiz_questions]
    return {answer.question_id: answer for answer in Answer.objects.filter(attempt=attempt, question_id__in=ids)}


def step_reflections(user, module, step):
    ids = [q.id for q in step.questions if q.type == "reflection"]
    if not ids:
        return {}
    return {r.question_id: r for r in Reflection.objects.filter(user=user, module=module, question_id__in=ids)}


def _columns(model, alias):
    quote = connection.ops.quote_name
    return [f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields]


def _instance(model, values):
    """A model instance from raw column values, converted as the ORM would (SQLite returns booleans as
    integers and datetimes without a time zone)."""
    if values[0] is None:
        return None
    fields = model._meta.concrete_fields
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)


@functools.cache
def _progress_and_attempts_sql():
    progress, attempt = ModuleProgress._meta.db_table, Attempt._meta.db_table
    columns = ", ".join(_columns(ModuleProgress, "p") + _columns(Attempt, "a"))
    # Only table and column names from the models are interpolated; the values are parameters.
    return (
        f"SELECT {columns} FROM (SELECT %s AS user_id, %s AS module_id) me "  # noqa: S608
        f"LEFT JOIN {progress} p ON p.user_id = me.user_id AND p.module_id = me.module_id "
        f"LEFT JOIN {attempt} a ON a.user_id = me.user_id AND a.module_id = me.module_id "
        f"AND a.number = (SELECT MAX(number) FROM {attempt} WHERE user_id = me.user_id AND module_id = me.module_id)"
    )


def progress_and_attempts(user, module):
    """(progress or None, the open attempt or None, the latest attempt or None) in one query.

    Every step page needs all three; the ORM cannot join two tables that share no foreign key, so this
    is one hand-written LEFT JOIN, read back into model instances. At most one attempt is open (a
    database constraint), and a new one starts only after the last one finished, so an open attempt is
    always the latest.
    """
    with connection.cursor() as cursor:
        cursor.execute(_progress_and_attempts_sql(), [user.pk, module.pk])
        row = cursor.fetchone()
    split = len(ModuleProgress._meta.concrete_fields)
    progress, latest = _instance(ModuleProgress, row[:split]), _instance(Attempt, row[split:])
    return progress, (latest if latest is not None and latest.finished_at is None else None), latest


@dataclass
class LearningEntry:
    module: ModulePage
    course: Page | None
    progress: ModuleProgress | None
    assigned: bool

    @property
    def status(self):
        return self.progress.status if self.progress else ProgressStatus.NOT_STARTED

    @property
    def status_label(self):
        return ProgressStatus(self.status).label


def my_learning(user):
    """Modules the learner has started, and modules of courses meant for their target group."""
    # Titles and links only: no module's steps (a large JSON document each) are read for this list.
    progress_rows = list(
        ModuleProgress.objects.filter(user=user).select_related("module").defer("module__steps").order_by("-updated_at")
    )
    progress = {row.module_id: row for row in progress_rows}
    assigned_courses = [
        course
        for course in sites.public(CoursePage.objects.live()).only("id", "path", "title", "target_groups", "url_path")
        if user.target_group and user.target_group in (course.target_groups or [])
    ]
    modules = {}
    if assigned_courses:
        query = None
        from django.db.models import Q

        for course in assigned_courses:
            clause = Q(path__startswith=course.path, depth=course.depth + 1)
            query = clause if query is None else query | clause
        for module in sites.public(ModulePage.objects.live()).filter(query).defer("steps").order_by("path"):
            modules[module.pk] = module
    for row in progress_rows:
        modules.setdefault(row.module_id, row.module)
    parents = _parents(list(modules.values()))
    entries = [
        LearningEntry(
            module, parents.get(module.path[: -Page.steplen]), progress.get(module.pk), pk_in(module, assigned_courses)
        )
        for module in modules.values()
    ]
    order = {ProgressStatus.IN_PROGRESS: 0, ProgressStatus.NOT_STARTED: 1, ProgressStatus.COMPLETED: 2}
    entries.sort(key=lambda e: (order[e.status], e.module.path))
    return entries


def pk_in(module, courses):
    return any(module.path.startswith(course.path) for course in courses)


def _parents(modules):
    paths = {module.path[: -Page.steplen] for module in modules}
    if not paths:
        return {}
    return {page.path: page for page in Page.objects.filter(path__in=paths).only("id", "path", "title", "url_path")}
