"""A respondent's answers are theirs: in "My data", and gone with their account."""

from core import personal_data
from maturity.models import Answer, Respondent


def test_my_data_holds_my_answers_with_their_texts_and_labels(learner, other_learner, organisation, make_round):
    make_round(organisation, answers={learner: {0: 6, 1: 0}, other_learner: {0: 1}}, title="0-mätning 2026")

    data = personal_data.export_all(learner)["maturity"]

    assert data == {
        "rounds": [
            {
                "round": "0-mätning 2026",
                "organisation": organisation.name,
                "submitted": Respondent.objects.get(user=learner).submitted_at,
                "answers": [
                    {"statement": "D1 K1 P1", "answer": "Stämmer helt"},
                    {"statement": "D1 K1 P2", "answer": "Vet inte"},
                ],
            }
        ]
    }


def test_erasure_removes_the_answers_and_keeps_the_others(learner, other_learner, organisation, make_round):
    make_round(organisation, answers={learner: {0: 6}, other_learner: {0: 1}})

    personal_data.erase_all(learner)

    assert not Respondent.objects.filter(user=learner).exists()
    assert list(Answer.objects.values_list("value", flat=True)) == [1]
