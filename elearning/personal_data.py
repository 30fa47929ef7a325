"""What e-modules store about a person, for "My data" and for erasure."""

from django.utils.translation import gettext_lazy as _

from .models import Answer, Attempt, ModuleProgress, Reflection, StepVisit


def export(user):
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
            {
                "module": a.attempt.module.title,
                "attempt": a.attempt.number,
                "question_id": a.question_id,
                "first_selected": a.first_selected,
                "selected": a.selected,
                "correct": a.correct,
                "tries": a.tries,
                "answered": a.answered_at,
            }
            for a in Answer.objects.filter(attempt__user=user).select_related("attempt__module")
        ],
        "reflections": [
            {
                "module": r.module.title,
                "question_id": r.question_id,
                "text": r.text,
                "shared": r.shared,
                "show_name": r.show_name,
                "updated": r.updated_at,
            }
            for r in Reflection.objects.filter(user=user).select_related("module")
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
