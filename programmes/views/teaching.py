"""The teacher's pages (kursledare): the cohorts I teach, one cohort's participants, the roll call, a review.

A cohort the user does not teach answers 404 (`programmes.access.cohorts_taught_by`). Every change
goes through `programmes.attendance` or `programmes.assignments`; their exceptions become messages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import scoping

from .. import access, assignments
from ..attendance import mark_roll_call
from ..completion import completion_for_cohort
from ..exceptions import NotTeacher, ProgrammeError
from ..forms import FeedbackForm, SharingForm, ids_from
from ..models import Booking, Session, SessionAttendance, Submission, SubmissionStatus


def _taught_cohort(user, pk):
    return get_object_or_404(access.cohorts_taught_by(user).select_related("programme"), pk=pk)


def _participants(cohort):
    """Booked participants, by name: one query."""
    bookings = (
        Booking.objects.booked()
        .filter(cohort=cohort)
        .select_related("user", "user__organisation")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    return [booking.user for booking in bookings]


@login_required
@require_GET
def teaching(request):
    """The cohorts I teach. Only for teachers (the role, or named on a cohort) and administrators: 404 otherwise."""
    if not (scoping.is_teacher(request.user) or access.cohorts_taught_by(request.user).exists()):
        raise Http404
    cohorts = list(
        access.cohorts_taught_by(request.user)
        .select_related("programme")
        .annotate(
            participants=Count("bookings", filter=Q(bookings__status="booked"), distinct=True),
            to_review=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED), distinct=True),
        )
        .order_by("-starts_on", "pk")
    )
    return render(request, "programmes/teaching/teaching.html", {"cohorts": cohorts})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_page(request, pk):
    cohort = _taught_cohort(request.user, pk)
    if request.method == "POST":
        form = SharingForm(request.POST)
        if form.is_valid():
            try:
                changed = assignments.set_sharing(request.user, cohort, form.cleaned_data["share"])
            except NotTeacher as error:
                return HttpResponseForbidden(error.message)
            if not changed:
                messages.info(request, _("Nothing changed."))
            elif cohort.share_approved_assignments:
                messages.success(request, _("Participants can now read each other's approved home assignments."))
            else:
                messages.success(request, _("Approved home assignments are no longer shared with the participants."))
        return redirect("programme_teaching_cohort", pk=cohort.pk)
    participants = _participants(cohort)
    completions = completion_for_cohort(cohort)
    rows = [(person, completions.get(person.pk)) for person in participants]
    sessions = list(
        Session.objects.filter(cohort=cohort)
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)), marked=Count("attendance"))
        .order_by("starts_at", "pk")
    )
    to_review = list(
        Submission.objects.filter(cohort=cohort, status=SubmissionStatus.SUBMITTED)
        .select_related("user")
        .annotate(version_count=Count("versions"), handed_in_at=Max("versions__created_at"))
        .order_by("handed_in_at", "pk")  # the longest waiting first
    )
    return render(
        request,
        "programmes/teaching/cohort.html",
        {
            "cohort": cohort,
            "rows": rows,
            "complete_count": sum(1 for _person, completion in rows if completion and completion.complete),
            "sessions": sessions,
            "to_review": to_review,
            "sharing_form": SharingForm(initial={"share": cohort.share_approved_assignments}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def roll_call(request, pk, session_id):
    cohort = _taught_cohort(request.user, pk)
    session = get_object_or_404(Session.objects.filter(cohort=cohort), pk=session_id)
    session.cohort = cohort
    if request.method == "POST":
        ids = ids_from(request.POST.getlist("present"))
        try:
            result = mark_roll_call(request.user, session, ids)
        except NotTeacher as error:
            return HttpResponseForbidden(error.message)
        messages.success(
            request,
            _("Attendance saved for %(session)s: %(present)s present, %(absent)s absent.")
            % {"session": session.title, "present": result.present, "absent": result.absent},
        )
        return redirect("programme_roll_call", pk=cohort.pk, session_id=session.pk)
    participants = _participants(cohort)
    marked = dict(SessionAttendance.objects.filter(session=session).values_list("user_id", "present"))
    check_all = request.GET.get("alla") == "1"
    people = [
        {"user": person, "present": check_all or marked.get(person.pk, False), "marked": person.pk in marked}
        for person in participants
    ]
    return render(
        request,
        "programmes/teaching/roll_call.html",
        {
            "cohort": cohort,
            "session": session,
            "people": people,
            "already_marked": bool(marked),
            "check_all": check_all,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, submission_id):
    submission = get_object_or_404(
        Submission.objects.select_related("user", "cohort", "cohort__programme"), pk=submission_id
    )
    if not access.can_read_submission(request.user, submission):
        raise Http404
    if not access.teaches(request.user, submission.cohort):
        return HttpResponseForbidden(_("Only the cohort's teachers can do this."))
    latest = assignments.latest_version(submission)
    form = FeedbackForm(request.POST or None, initial={"version": latest.pk if latest else None})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            feedback = assignments.give_feedback(
                request.user,
                submission,
                form.cleaned_data["decision"],
                form.cleaned_data["text"],
                version_id=form.cleaned_data["version"],
            )
        except NotTeacher as error:  # pragma: no cover  (checked above)
            return HttpResponseForbidden(error.message)
        except ProgrammeError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            if feedback is None:
                messages.info(request, _("The home assignment was already approved: nothing changed."))
            else:
                messages.success(request, _("Your feedback is saved and shown to the participant."))
            return redirect("programme_review", submission_id=submission.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "programmes/teaching/review.html",
        {
            "submission": submission,
            "cohort": submission.cohort,
            "versions": assignments.history(submission),
            "latest": latest,
            "form": form,
        },
        status=status,
    )


urlpatterns = [
    path("undervisning/", teaching, name="programme_teaching"),
    path("undervisning/omgang/<int:pk>/", cohort_page, name="programme_teaching_cohort"),
    path("undervisning/omgang/<int:pk>/narvaro/<int:session_id>/", roll_call, name="programme_roll_call"),
    path("undervisning/hemuppgift/<int:submission_id>/", review, name="programme_review"),
]
