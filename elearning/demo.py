"""Demo course "Leda digital utveckling" and learners with varied progress. Idempotent."""

import datetime
import random
import zlib

from django.utils import timezone

from core.pagetree import ensure_child_page

from . import grading, services
from .building import raw_steps
from .demo_content import COURSE
from .models import Answer, Attempt, CourseIndexPage, CoursePage, ModulePage, ModuleProgress


def ensure_course(home):
    index, _ = ensure_child_page(
        home,
        CourseIndexPage,
        "utbildningar",
        title="Utbildningar",
        intro="<p>E-moduler att gå igenom före chefsdagen och i den egna takten. Allt sparas, så du kan "
        "fortsätta där du slutade, på vilken enhet som helst.</p>",
    )
    course, _ = ensure_child_page(
        index,
        CoursePage,
        COURSE["slug"],
        title=COURSE["title"],
        intro=COURSE["intro"],
        target_groups=COURSE["target_groups"],
    )
    modules = []
    for module in COURSE["modules"]:
        page, _ = ensure_child_page(
            course,
            ModulePage,
            module["slug"],
            title=module["title"],
            intro=module["intro"],
            estimated_minutes=module["estimated_minutes"],
            pass_mark=module["pass_mark"],
            max_attempts=module["max_attempts"],
            sequential=module["sequential"],
            shuffle_options=module.get("shuffle_options", False),
            steps=raw_steps(module),
        )
        modules.append(page)
    return index, course, modules


def demo_random(user, salt=""):
    """A random source fixed by the person (and salt): the same demo every time, different per person."""
    return random.Random(zlib.crc32(f"{user.email}:{salt}".encode()))


def take_module(user, module, *, steps=None, correct=True, finish=True, slips=0.0, rng=None):
    """Walk a learner through a module with the same services the views use.

    `slips` is the chance that a question is first answered wrong (then corrected), as long as the
    attempt still reaches the pass mark; the first try is the graded one, so the score drops below 100 %.
    """
    structure = module.structure
    rng = rng or demo_random(user, module.slug)
    max_points = structure.max_points or 0
    may_lose = max_points - -(-max_points * module.pass_mark // 100)  # points that can go with a pass
    for step in structure.steps[: steps or len(structure.steps)]:
        services.record_visit(user, module, step)
        for question in step.quiz_questions:
            right = _choice(question, question.correct_ids())
            wrong = _choice(question, question.option_ids() - question.correct_ids())
            weight = grading.points_for(question, True)
            if not correct:
                services.answer_question(user, module, question.id, wrong, 0)
            elif wrong and weight <= may_lose and rng.random() < slips:
                may_lose -= weight
                services.answer_question(user, module, question.id, wrong, 0)
                services.answer_question(user, module, question.id, right, 1)
            else:
                services.answer_question(user, module, question.id, right, 0)
    if finish:
        return services.finish_attempt(user, module)
    return None


def _choice(question, ids):
    return sorted(ids)[:1] if not question.allows_many else sorted(ids)


def backdate(user, module, started, finished=None):
    """Move a demo person's latest attempt (and their progress on the module) into the past.

    Services stamp everything with now; reports then show a single day. Only demo code does this. The
    latest attempt runs from `started` to `finished` (None: still open); completion follows the attempt
    that completed the module.
    """
    progress = ModuleProgress.objects.get(user=user, module=module)
    attempt = Attempt.objects.filter(user=user, module=module).order_by("-number").first()
    last = finished or started
    if attempt is not None:
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=started, finished_at=finished if attempt.finished_at else None
        )
        Answer.objects.filter(attempt=attempt).update(answered_at=started, updated_at=last)
    first = Attempt.objects.filter(user=user, module=module).order_by("number").first()
    first_started = first.started_at if first is not None and first.pk != getattr(attempt, "pk", None) else started
    ModuleProgress.objects.filter(pk=progress.pk).update(
        started_at=min(first_started, started),
        updated_at=last,
        completed_at=finished if progress.completed_at else None,
    )


def _working_time(day_offset, rng):
    """A moment `day_offset` days ago, in office hours; a weekend becomes the Friday before."""
    day = timezone.localtime() - datetime.timedelta(days=day_offset)
    day -= datetime.timedelta(days=max(day.weekday() - 4, 0))
    return day.replace(hour=rng.randint(8, 15), minute=rng.choice([0, 10, 20, 30, 40, 50]), second=0, microsecond=0)


def take_module_in_the_past(user, module, *, days_ago, steps=None, finish=True, correct=True, slips=0.2):
    """take_module, then dated `days_ago` days back, with 15-50 minutes spent on it."""
    rng = demo_random(user, f"{module.slug}:{days_ago}")
    attempt = take_module(user, module, steps=steps, finish=finish, correct=correct, slips=slips, rng=rng)
    started = _working_time(days_ago, rng)
    finished = started + datetime.timedelta(minutes=rng.randint(15, 50)) if attempt is not None else None
    backdate(user, module, started, finished)
    return attempt


# e-mail -> (module index, what they did)
DEMO_PROGRESS = {
    "anna.lindqvist@harnosand.se": [(0, "completed"), (1, "completed")],
    "erik.berg@harnosand.se": [(0, "halfway")],
    "sara.nyberg@harnosand.se": [(0, "failed_then_passed")],
    "samtalsledare@harnosand.se": [(0, "completed"), (1, "completed"), (2, "completed")],
    "medarbetare@sundsvall.se": [(0, "halfway")],
    # lars.ostlund@harnosand.se has not started: he shows as "not started".
}


def seed_progress(people, modules):
    for email, plan in DEMO_PROGRESS.items():
        user = people.get(email)
        if user is None:
            continue
        # Each person started some weeks ago and took one module every few days.
        rng = demo_random(user)
        days_ago = rng.randint(12, 40)
        for module_index, what in plan:
            module = modules[module_index]
            days_ago = max(days_ago - rng.randint(1, 6), 1)
            if ModuleProgress.objects.filter(user=user, module=module).exists():
                continue
            if what == "completed":
                take_module_in_the_past(user, module, days_ago=days_ago)
            elif what == "halfway":
                half = max(len(module.structure.steps) // 2, 1)
                take_module_in_the_past(user, module, days_ago=days_ago, steps=half, finish=False)
            elif what == "failed_then_passed":
                take_module_in_the_past(user, module, days_ago=days_ago + 3, correct=False)  # a weekday before
                services.start_attempt(user, module)
                take_module_in_the_past(user, module, days_ago=days_ago)


def seed(home, people):
    index, course, modules = ensure_course(home)
    seed_progress(people, modules)
    return {"course_index": index, "course": course, "modules": modules}
