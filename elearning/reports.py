"""Module reports for the admin: reach, completion, scores and answer distributions.

Figures cover the viewer's scope (accounts.scoping): a manager their organisation; programme
owners, editors and administrators every organisation. People marked as having left do not
count, as in the workshop reports, so that two pages never differ by exactly the people who left.

Every figure passes the anonymity rule (core.anonymity) here, and a hidden figure is None:
- the group of a module is the people who started it: under k, started, completed, the share
  completed and the average score are all hidden;
- the average score needs at least k completions;
- a question's distribution needs at least k people who answered it.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from accounts import scoping
from core.anonymity import average, is_reportable, min_group_size, share, too_small

from .models import Answer, ModuleProgress


@dataclass
class OptionCount:
    text: str
    correct: bool
    count: int
    percent: int


@dataclass
class QuestionDistribution:
    """How one quiz question was answered; when not shown, no figure at all (answers is None)."""

    question: object
    answers: int | None
    shown: bool
    options: list[OptionCount] = field(default_factory=list)
    first_try_correct_percent: int | None = None


@dataclass
class ModuleFigures:
    """Started and completed for one module; both None when the group (people who started) is under k."""

    started: int | None
    completed: int | None

    @property
    def hidden(self):
        return self.started is None

    @property
    def completion_percent(self):
        return share(self.completed, self.started)


def module_figures(started, completed, k=None):
    if too_small(started, k):
        return ModuleFigures(None, None)
    return ModuleFigures(started, completed)


@dataclass
class ModuleReport:
    module: object
    figures: ModuleFigures
    average_score: int | None
    distributions: list[QuestionDistribution]
    k: int

    @property
    def started(self):
        return self.figures.started

    @property
    def completed(self):
        return self.figures.completed

    @property
    def hidden(self):
        return self.figures.hidden

    @property
    def completion_percent(self):
        return self.figures.completion_percent


def _progress_scope(viewer):
    """Managers: their organisation; programme owners, editors, administrators: every organisation.

    Rows of deleted accounts (no user) still count; people who left do not.
    """
    return ModuleProgress.objects.with_figures_for(viewer).filter(Q(user__isnull=True) | Q(user__is_active=True))


def _answer_scope(viewer, module):
    return (
        Answer.objects.with_figures_for(viewer)
        .filter(Q(attempt__user__isnull=True) | Q(attempt__user__is_active=True))
        .filter(attempt__module=module)
    )


def latest_selections(answer_rows):
    """{question_id: {user_id: first_selected}} from rows (question_id, first_selected, user_id, attempt_number).

    Each person counts once per question, with their first try in their latest attempt.
    """
    latest = {}
    for question_id, selected, user_id, number in answer_rows:
        key = (question_id, user_id)
        if key not in latest or number > latest[key][0]:
            latest[key] = (number, selected)
    per_question = {}
    for (question_id, user_id), (_number, selected) in latest.items():
        per_question.setdefault(question_id, {})[user_id] = selected
    return per_question


def distribution(question, selections, shown):
    """The distribution of a list of selections; figures only when `shown` (the caller applied the rule).

    Not shown, the number of answers is None, or 0 when nobody answered (that describes no one).
    """
    if not shown:
        return QuestionDistribution(question=question, answers=None if selections else 0, shown=False)
    total = len(selections)
    dist = QuestionDistribution(question=question, answers=total, shown=True)
    correct_ids = question.correct_ids()
    for option in question.options:
        count = sum(1 for chosen in selections if option.id in chosen)
        dist.options.append(OptionCount(option.text, option.correct, count, share(count, total)))
    right = sum(1 for chosen in selections if set(chosen) == correct_ids)
    dist.first_try_correct_percent = share(right, total)
    return dist


def answer_distributions(structure, answer_rows, k=None):
    """One distribution per quiz question; a question answered by fewer than k people shows nothing."""
    per_question = latest_selections(answer_rows)
    result = []
    for question in structure.quiz_questions:
        selections = list(per_question.get(question.id, {}).values())
        result.append(distribution(question, selections, is_reportable(len(selections), k)))
    return result


def module_report(module, viewer):
    k = min_group_size()
    totals = (
        _progress_scope(viewer)
        .filter(module=module)
        .aggregate(
            started=Count("id"),
            completed=Count("id", filter=Q(completed_at__isnull=False)),
            average=Avg("best_score", filter=Q(completed_at__isnull=False)),
        )
    )
    figures = module_figures(totals["started"], totals["completed"], k)
    if figures.hidden:
        # The answers come from the same few people: they hide with the group, without a query.
        distributions = [QuestionDistribution(question, None, False) for question in module.structure.quiz_questions]
    else:
        rows = _answer_scope(viewer, module).values_list(
            "question_id", "first_selected", "attempt__user_id", "attempt__number"
        )
        distributions = answer_distributions(module.structure, rows, k)
    return ModuleReport(
        module=module,
        figures=figures,
        average_score=None if figures.hidden else average(totals["average"], totals["completed"], k),
        distributions=distributions,
        k=k,
    )


def modules_summary(modules, viewer):
    """{module id: ModuleFigures} for a list of modules, in one query; modules nobody started are 0 and 0."""
    k = min_group_size()
    rows = (
        _progress_scope(viewer)
        .filter(module__in=modules)
        .values("module_id")
        .annotate(started=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    found = {row["module_id"]: module_figures(row["started"], row["completed"], k) for row in rows}
    return {module.pk: found.get(module.pk, ModuleFigures(0, 0)) for module in modules}


def can_view_module_reports(user):
    return scoping.can_view_figures(user)
