"""Module reports for the admin: reach, completion, scores and answer distributions.

Figures cover the viewer's scope (accounts.scoping) and answer distributions pass the
anonymity rule (core.anonymity): a question with fewer than k answers shows no distribution.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from accounts import scoping
from core.anonymity import is_reportable, min_group_size, share

from .models import Answer, ModuleProgress


@dataclass
class OptionCount:
    text: str
    correct: bool
    count: int
    percent: int


@dataclass
class QuestionDistribution:
    question: object
    answers: int
    shown: bool
    options: list[OptionCount] = field(default_factory=list)
    first_try_correct_percent: int = 0


@dataclass
class ModuleReport:
    module: object
    started: int
    completed: int
    average_score: int | None
    distributions: list[QuestionDistribution]
    k: int

    @property
    def completion_percent(self):
        return share(self.completed, self.started)


def _progress_scope(viewer):
    rows = ModuleProgress.objects.all()
    if scoping.is_administrator(viewer) or not scoping.is_manager(viewer):
        return rows  # administrators and editors: every organisation, aggregated
    return rows.filter(user__organisation_id=viewer.organisation_id)


def _answer_scope(viewer, module):
    rows = Answer.objects.filter(attempt__module=module)
    if scoping.is_manager(viewer) and not scoping.is_administrator(viewer):
        rows = rows.filter(attempt__user__organisation_id=viewer.organisation_id)
    return rows


def answer_distributions(structure, answer_rows):
    """answer_rows: (question_id, first_selected, user_id, attempt_number). Each person counts once,
    with their first try in their latest attempt."""
    latest = {}
    for question_id, selected, user_id, number in answer_rows:
        key = (question_id, user_id)
        if key not in latest or number > latest[key][0]:
            latest[key] = (number, selected)
    per_question = {}
    for (question_id, _user), (_number, selected) in latest.items():
        per_question.setdefault(question_id, []).append(selected)
    result = []
    for question in structure.quiz_questions:
        selections = per_question.get(question.id, [])
        total = len(selections)
        dist = QuestionDistribution(question=question, answers=total, shown=is_reportable(total))
        if dist.shown:
            correct_ids = question.correct_ids()
            for option in question.options:
                count = sum(1 for chosen in selections if option.id in chosen)
                dist.options.append(OptionCount(option.text, option.correct, count, share(count, total)))
            right = sum(1 for chosen in selections if set(chosen) == correct_ids)
            dist.first_try_correct_percent = share(right, total)
        result.append(dist)
    return result


def module_report(module, viewer):
    totals = (
        _progress_scope(viewer)
        .filter(module=module)
        .aggregate(
            started=Count("id"),
            completed=Count("id", filter=Q(completed_at__isnull=False)),
            average=Avg("best_score", filter=Q(completed_at__isnull=False)),
        )
    )
    rows = _answer_scope(viewer, module).values_list(
        "question_id", "first_selected", "attempt__user_id", "attempt__number"
    )
    return ModuleReport(
        module=module,
        started=totals["started"],
        completed=totals["completed"],
        average_score=round(totals["average"]) if totals["average"] is not None else None,
        distributions=answer_distributions(module.structure, rows),
        k=min_group_size(),
    )


def modules_summary(modules, viewer):
    """Started and completed per module for a list of modules, in one query."""
    rows = (
        _progress_scope(viewer)
        .filter(module__in=modules)
        .values("module_id")
        .annotate(started=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
    )
    return {row["module_id"]: row for row in rows}


def can_view_module_reports(user):
    return scoping.can_view_reports(user) or scoping.is_editor(user)
