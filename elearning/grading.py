"""Grading of quiz answers and attempts: the only place that decides right, wrong and passed."""

from .blocks import QuizKind
from .exceptions import InvalidAnswer


def validate_selection(question, option_ids):
    """Return the selection as a sorted list, or raise InvalidAnswer."""
    selected = sorted(set(option_ids))
    if not selected:
        raise InvalidAnswer()
    if not set(selected) <= question.option_ids():
        raise InvalidAnswer()
    if question.kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE) and len(selected) != 1:
        raise InvalidAnswer()
    return selected


def is_correct(question, selected):
    """All and only the correct options chosen."""
    return set(selected) == question.correct_ids()


def points_for(question, correct):
    return question.points if correct else 0


def grade_attempt(structure, answers, pass_mark):
    """Score an attempt against the module as it is now; answers to removed questions are ignored.

    Returns (points, max_points, percent, passed). A module without quiz points passes.
    """
    quiz_ids = {question.id for question in structure.quiz_questions}
    points = sum(answer.points for answer in answers if answer.question_id in quiz_ids)
    max_points = structure.max_points
    if max_points == 0:
        return 0, 0, 100, True
    points = min(points, max_points)  # a question whose points were lowered after answering
    percent = round(100 * points / max_points)
    return points, max_points, percent, percent >= pass_mark
