"""What e-modules store about a person, for "My data" and for erasure."""

from django.utils.translation import gettext_lazy as _

from .models import Answer, Attempt, ModuleProgress, Reflection, StepVisit


def _question_in_words(module, question_id, cache):
    """The question's text and its options by id, from the module as it is now (None if it was removed)."""
    if module.pk not in cache:
        cache[module.pk] = module.structure.questions
    return cache[module.pk].get(question_id)


def _options_in_words(question, option_ids):
    texts = {option.id: option.text for option in question.options} if question else {}
    return [texts.get(option_id, option_id) for option_id in option_ids]


def _answer(answer, cache):
    module = answer.attempt.module
    question = _question_in_words(module, answer.question_id, cache)
    return {
        "module": module.title,
        "attempt": answer.attempt.number,
        "question": question.text if question else "",
        "question_id": answer.question_id,
        "first_selected": _options_in_words(question, answer.first_selected),
        "selected": _options_in_words(question, answer.selected),
        "correct": answer.correct,
        "tries": answer.tries,
        "answered": answer.answered_at,
    }


def _reflection(reflection, cache):
    question = _question_in_words(reflection.module, reflection.question_id, cache)
    return {
        "module": reflection.module.title,
        "question": question.text if question else "",
        "question_id": reflection.question_id,
        "text": reflection.text,
        "shared": reflection.shared,
        "show_name": reflection.show_name,
        "updated": reflection.updated_at,
    }


def export(user):
    cache = {}
    return {
        "progress": [
            {
                "module": p.module.title,
                "started": p.started_at,
                "completed": p.completed_at,
                "best_score": p.best_score,
                "attempts": p.attempts_used,
            }
            for p in ModuleProgress.objects.filter(user=user).select_related("module")
        ],
        "attempts": [
            {
                "module": a.module.title,
                "number": a.number,
                "started": a.started_at,
                "finished": a.finished_at,
                "percent": a.percent,
                "passed": a.passed,
            }
            for a in Attempt.objects.filter(user=user).select_related("module")
        ],
        "answers": [
            _answer(a, cache)
            for a in Answer.objects.filter(attempt__user=user).select_related("attempt__module").order_by("pk")
        ],
        "reflections": [
            _reflection(r, cache) for r in Reflection.objects.filter(user=user).select_related("module").order_by("pk")
        ],
        "steps_visited": StepVisit.objects.filter(user=user).count(),
    }


def erase(user):
    """Answers, reflections, attempts and visits go; progress stays as an anonymous count."""
    Reflection.objects.filter(user=user).delete()
    Answer.objects.filter(attempt__user=user).delete()
    Attempt.objects.filter(user=user).delete()
    StepVisit.objects.filter(user=user).delete()
    ModuleProgress.objects.filter(user=user).update(user=None, last_step_id="")


def register():
    from core import personal_data

    personal_data.register(
        "elearning",
        _("E-modules: progress, answers and reflections"),
        export,
        erase,
        kept_note=_("completed modules are kept as anonymous numbers"),
    )
