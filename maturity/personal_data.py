"""A respondent's own maturity answers in "My data", and their erasure with the account.

Erasing removes the person's answers from past rounds too: their results are recomputed without them
(an erasure request outweighs a stable history; the rounds keep their invited count).
"""

from django.utils.translation import gettext_lazy as _

from . import structure
from .models import Answer, Respondent, ScaleValue, SurveyMail


def export(user):
    labels = dict(ScaleValue.choices)
    rounds = []
    respondents = Respondent.objects.filter(user=user).select_related("round__organisation").order_by("invited_at")
    answers = {}
    for answer in Answer.objects.filter(respondent__user=user).order_by("pk"):
        answers.setdefault(answer.respondent_id, {})[answer.statement] = answer.value
    for respondent in respondents:
        round_ = respondent.round
        texts = {s.id: s.text for s in structure.for_round(round_).statements} if round_.revision_id is not None else {}
        rounds.append(
            {
                "round": round_.title,
                "organisation": round_.organisation.name,
                "submitted": respondent.submitted_at,
                "answers": [
                    {"statement": texts.get(statement, statement), "answer": str(labels.get(value, value))}
                    for statement, value in answers.get(respondent.pk, {}).items()
                ],
            }
        )
    return {"rounds": rounds}


def erase(user):
    Respondent.objects.filter(user=user).delete()  # answers go with them (CASCADE)
    SurveyMail.objects.filter(user=user).delete()


def register():
    from core import personal_data

    personal_data.register("maturity", _("Digital maturity: your survey answers"), export, erase)
