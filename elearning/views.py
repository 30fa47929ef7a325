"""Taking an e-module: thin views over selectors (read) and services (write)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services, sharing
from .access import module_for_learner
from .exceptions import LearningError, ModuleIncomplete, StepLocked
from .forms import ReflectionForm
from .models import CourseIndexPage
from .structure import question_for_learner


def _is_fetch(request):
    return request.headers.get("X-Requested-With") == "fetch"


def course_list(request):
    index = CourseIndexPage.objects.live().public().first()
    if index is None:
        raise Http404(_("There are no courses yet."))
    return redirect(index.url)


def _step_or_404(module, number):
    step = module.structure.step(number)
    if step is None:
        raise Http404(_("This module has no such step."))
    return step


_ASK = object()  # _render_step asks elearning.sharing itself


def _sharing_audience(user, module, step):
    """Who would read a shared reflection on this step (elearning.sharing): one query, and none for a step
    without a reflection question."""
    if not any(question.type == "reflection" for question in step.questions):
        return None
    return sharing.sharing_audience(user, module)


def _render_step(request, module, step, *, status=200, errors=None, reflection_forms=None, record=True, audience=_ASK):
    """The step page. A step that the module's order keeps locked is never shown, whether opened or
    posted to with an error: the learner is sent to the step to finish first."""
    user = request.user
    progress, attempt, shown_attempt = selectors.progress_and_attempts(user, module)
    blocking = selectors.first_locked_step(user, module, step.number, attempt, progress)
    if blocking is not None:
        messages.info(request, StepLocked.message)
        return redirect(blocking.url)
    if record:
        services.record_visit(user, module, step, progress)
    answers = selectors.step_answers(shown_attempt, step)
    reflections = selectors.step_reflections(user, module, step)
    if audience is _ASK:
        audience = _sharing_audience(user, module, step)
    forms = reflection_forms or {}
    for question in step.questions:
        if question.type == "reflection" and question.id not in forms:
            saved = reflections.get(question.id)
            initial = {"text": saved.text, "shared": saved.shared, "show_name": saved.show_name} if saved else None
            forms[question.id] = ReflectionForm(initial=initial, question_id=question.id, audience=audience)
    structure = module.structure
    items = []
    for child in step.value["content"]:
        question = structure.questions.get(child.id)
        key = question.id if question else None
        items.append(
            {
                "block": child,
                "kind": question.type if question else "content",
                "html": None if question else module.rendered(("block", child.id), child.render),
                "question": question_for_learner(question, module, user) if question else None,
                "answer": answers.get(key),
                "reflection": reflections.get(key),
                "form": forms.get(key),
                "error": (errors or {}).get(key),
            }
        )
    shown_keys = {item["question"].id for item in items if item["question"]}
    context = {
        "items": items,
        "page_errors": [message for key, message in (errors or {}).items() if key not in shown_keys],
        "module": module,  # not "page": the Wagtail user bar (and its queries) is for page views
        "step": step,
        "steps": structure.steps,
        "step_links": module.rendered(
            "step-links", lambda: [(s.number, s.title, module.step_url(s.number)) for s in structure.steps]
        ),
        "total_steps": len(structure.steps),
        "previous_number": step.number - 1 if step.number > 1 else None,
        "next_number": step.number + 1 if step.number < len(structure.steps) else None,
        "attempt": attempt,
        "can_answer": attempt is not None or shown_attempt is None,
        "answers": answers,
        "reflections": reflections,
        "reflection_forms": forms,
        "errors": errors or {},
        "progress": progress,
    }
    return render(request, "elearning/module_step.html", context, status=status)


def _to_blocking_step(request, error):
    """A form posted on a locked step (without JavaScript): to the step to finish first, with the reason."""
    messages.error(request, error.message)
    return redirect(error.blocking_step.url)


@login_required
@require_GET
def step(request, module_id, number):
    module = module_for_learner(request, module_id)
    current = _step_or_404(module, number)
    return _render_step(request, module, current)


@login_required
@require_GET
def resume(request, module_id):
    module = module_for_learner(request, module_id)
    overview = selectors.module_overview(request.user, module)
    if overview["resume_number"] is None:
        return redirect(module.url)
    return redirect(module.step_url(overview["resume_number"]))


@login_required
@require_POST
def answer(request, module_id, number, question_id):
    module = module_for_learner(request, module_id)
    current = _step_or_404(module, number)
    try:
        seq = int(request.POST.get("seq", "0"))
    except ValueError:
        seq = -1
    try:
        answer, question = services.answer_question(
            request.user, module, question_id, request.POST.getlist("option"), seq
        )
    except LearningError as error:
        if _is_fetch(request):
            return HttpResponse(str(error.message), status=error.status, content_type="text/plain; charset=utf-8")
        if isinstance(error, StepLocked):
            return _to_blocking_step(request, error)
        return _render_step(
            request, module, current, status=error.status, errors={question_id: error.message}, record=False
        )
    if question.step_id != current.id:
        # Answer stored; the question lives on another step now (an editor moved it).
        return redirect(module.step_url(question.step_number) + f"#q-{question.id}")
    if _is_fetch(request):
        html = render_to_string(
            "elearning/includes/quiz_question.html",
            {
                "question": question_for_learner(question, module, request.user),
                "answer": answer,
                "can_answer": True,
                "module": module,
                "step": current,
            },
            request=request,
        )
        return HttpResponse(html)
    return redirect(module.step_url(current.number) + f"#q-{question.id}")


@login_required
@require_POST
def reflect(request, module_id, number, question_id):
    module = module_for_learner(request, module_id)
    current = _step_or_404(module, number)
    # The form offers sharing only if it reaches someone; services.save_reflection checks again when it stores.
    audience = _sharing_audience(request.user, module, current)
    form = ReflectionForm(request.POST, question_id=question_id, audience=audience)
    if not form.is_valid():
        return _render_step(
            request,
            module,
            current,
            status=400,
            reflection_forms={question_id: form},
            record=False,
            audience=audience,
        )
    try:
        services.save_reflection(request.user, module, question_id, **form.cleaned_data)
    except StepLocked as error:
        return _to_blocking_step(request, error)
    except LearningError as error:
        return _render_step(
            request, module, current, status=error.status, errors={question_id: error.message}, record=False
        )
    messages.success(request, _("Your reflection is saved."))
    return redirect(module.step_url(current.number) + f"#q-{question_id}")


@login_required
@require_POST
def start_attempt(request, module_id):
    module = module_for_learner(request, module_id)
    try:
        services.start_attempt(request.user, module)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(module.url)
    return redirect(module.step_url(1))


@login_required
@require_GET
def review(request, module_id, number):
    """The learner's own answers of a finished attempt, with the right options and explanations."""
    module = module_for_learner(request, module_id)
    found = selectors.attempt_review(request.user, module, number)
    if found is None:
        raise Http404(_("There is no finished attempt to review."))
    attempt, steps = found
    for _step, reviewed in steps:  # the options in the order the learner saw them
        for item in reviewed:
            item.question = question_for_learner(item.question, module, request.user)
    context = {"page": module, "self": module, "module": module, "attempt": attempt, "steps": steps}
    return render(request, "elearning/attempt_review.html", context)


@login_required
@require_POST
def finish(request, module_id):
    module = module_for_learner(request, module_id)
    try:
        number = int(request.POST["attempt"]) if request.POST.get("attempt") else None
    except ValueError:
        number = None
    try:
        attempt = services.finish_attempt(request.user, module, attempt_number=number)
    except ModuleIncomplete as error:
        context = {
            **selectors.module_overview(request.user, module),
            "page": module,
            "self": module,
            "missing_steps": error.missing_steps,
        }
        return render(request, "elearning/module_page.html", context, status=409)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(module.url)
    if attempt.passed:
        messages.success(request, _("Well done! You have completed the module."))
    else:
        messages.warning(request, _("You did not reach the pass mark this time."))
    return redirect(module.url + "#resultat")
