"""Demo course "Leda digital utveckling" and learners with varied progress. Idempotent."""

from core.pagetree import ensure_child_page

from . import services
from .building import raw_steps
from .demo_content import COURSE
from .models import CourseIndexPage, CoursePage, ModulePage, ModuleProgress


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
            steps=raw_steps(module),
        )
        modules.append(page)
    return index, course, modules


def take_module(user, module, *, steps=None, correct=True, finish=True):
    """Walk a learner through a module with the same services the views use."""
    structure = module.structure
    for step in structure.steps[: steps or len(structure.steps)]:
        services.record_visit(user, module, step)
        for question in step.quiz_questions:
            chosen = question.correct_ids() if correct else (question.option_ids() - question.correct_ids())
            chosen = sorted(chosen)[:1] if not question.allows_many else sorted(chosen)
            services.answer_question(user, module, question.id, chosen, 0)
    if finish:
        return services.finish_attempt(user, module)
    return None


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
        for module_index, what in plan:
            module = modules[module_index]
            if ModuleProgress.objects.filter(user=user, module=module).exists():
                continue
            if what == "completed":
                take_module(user, module)
            elif what == "halfway":
                take_module(user, module, steps=max(len(module.structure.steps) // 2, 1), finish=False)
            elif what == "failed_then_passed":
                take_module(user, module, correct=False)
                services.start_attempt(user, module)
                take_module(user, module)


def seed(home, people):
    index, course, modules = ensure_course(home)
    seed_progress(people, modules)
    return {"course_index": index, "course": course, "modules": modules}
