import pytest

from elearning import grading
from elearning.exceptions import InvalidAnswer

from .conftest import correct_ids


def test_validate_selection_rejects_empty_foreign_and_double(module):
    single = module.structure.steps[0].quiz_questions[0]
    with pytest.raises(InvalidAnswer):
        grading.validate_selection(single, [])
    with pytest.raises(InvalidAnswer):
        grading.validate_selection(single, ["not-an-option"])
    with pytest.raises(InvalidAnswer):
        grading.validate_selection(single, sorted(single.option_ids())[:2])
    assert grading.validate_selection(single, correct_ids(single)) == correct_ids(single)


def test_multiple_choice_needs_all_and_only_correct(module):
    multiple = module.structure.steps[1].quiz_questions[0]
    right = correct_ids(multiple)
    assert grading.is_correct(multiple, right)
    assert not grading.is_correct(multiple, right[:1])
    assert not grading.is_correct(multiple, sorted(multiple.option_ids()))


class FakeAnswer:
    def __init__(self, question_id, points):
        self.question_id, self.points = question_id, points


def test_grade_attempt_ignores_removed_questions_and_clamps(module):
    structure = module.structure
    ids = [q.id for q in structure.quiz_questions]
    answers = [FakeAnswer(ids[0], 1), FakeAnswer(ids[1], 1), FakeAnswer("removed-question", 5)]
    assert grading.grade_attempt(structure, answers, 60) == (2, 3, 67, True)
    assert grading.grade_attempt(structure, [FakeAnswer(ids[0], 1)], 60) == (1, 3, 33, False)
    assert grading.grade_attempt(structure, [FakeAnswer(i, 9) for i in ids], 60)[2] == 100


def test_module_without_quiz_passes(module_factory):
    module = module_factory(slug="utan-quiz", steps=0)
    assert grading.grade_attempt(module.structure, [], 60) == (0, 0, 100, True)
