"""The participant's pages: "Min omgång", the home assignment, fellow participants' shared assignments, a file.

Only a participant with a booked place sees their cohort's pages; anyone else gets 404. Files are read
from private storage and handed out only when `programmes.access.can_read_submission` says yes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from elearning.models import ProgressStatus
from elearning.selectors import progress_by_module

from .. import access, assignments, files
from ..completion import completion_of
from ..exceptions import InvalidFile, ProgrammeError
from ..forms import SubmissionForm
from ..models import (
    Certificate,
    CertificateStatus,
    Cohort,
    Session,
    SessionAttendance,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)


def _my_cohort(user, pk):
    """A cohort where the user has a booked place, else 404."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if not access.is_participant(user, cohort):
        raise Http404
    return cohort


@login_required
@require_GET
def participant_cohort(request, pk):
    cohort = _my_cohort(request.user, pk)
    user = request.user
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at", "pk"))
    marked = dict(
        SessionAttendance.objects.filter(session__cohort=cohort, user=user).values_list("session_id", "present")
    )
    session_rows = [{"session": session, "present": marked.get(session.pk)} for session in sessions]
    modules = list(cohort.modules.defer("steps").order_by("title"))
    progress = progress_by_module(user, modules)
    module_rows = [
        {
            "module": module,
            "status": progress[module.pk].status if module.pk in progress else ProgressStatus.NOT_STARTED,
            "status_label": (
                progress[module.pk].get_status_display() if module.pk in progress else ProgressStatus.NOT_STARTED.label
            ),
        }
        for module in modules
    ]
    submission = Submission.objects.filter(cohort=cohort, user=user).first()
    certificate = Certificate.objects.filter(cohort=cohort, user=user, revoked_at__isnull=True).first()
    return render(
        request,
        "programmes/participant/cohort.html",
        {
            "cohort": cohort,
            "sessions": session_rows,
            "modules": module_rows,
            "submission": submission,
            "completion": completion_of(user, cohort),
            "certificate": certificate,
            "certificate_ready": certificate is not None and certificate.status == CertificateStatus.READY,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment(request, pk):
    cohort = _my_cohort(request.user, pk)
    if not cohort.assignment_title:
        raise Http404
    submission = Submission.objects.filter(cohort=cohort, user=request.user).first()
    status = 200
    form = SubmissionForm()
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = assignments.submit(
                    request.user, cohort, text=form.cleaned_data["text"], upload=form.cleaned_data["file"]
                )
            except InvalidFile as error:
                form.add_error("file", error.message)
                status = 400
            except ProgrammeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Version %(number)s of your home assignment is handed in. Your teacher will give feedback.")
                    % {"number": version.number},
                )
                return redirect("programme_assignment", pk=cohort.pk)
        else:
            status = 400
        submission = Submission.objects.filter(cohort=cohort, user=request.user).first()
    approved = submission is not None and submission.status == SubmissionStatus.APPROVED
    return render(
        request,
        "programmes/participant/assignment.html",
        {
            "cohort": cohort,
            "submission": submission,
            "versions": assignments.history(submission) if submission else [],
            "form": form,
            "approved": approved,
            "max_bytes": files.max_bytes(),
        },
        status=status,
    )


@login_required
@require_GET
def shared_assignments(request, pk):
    cohort = _my_cohort(request.user, pk)
    if not cohort.share_approved_assignments:
        raise Http404
    submissions = list(
        access.shared_submissions(request.user, cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    latest = {}
    for version in SubmissionVersion.objects.filter(submission__in=submissions).order_by("submission_id", "number"):
        latest[version.submission_id] = version
    rows = [{"submission": submission, "version": latest.get(submission.pk)} for submission in submissions]
    return render(request, "programmes/participant/shared.html", {"cohort": cohort, "rows": rows})


@never_cache
@login_required
@require_GET
def assignment_file(request, version_id):
    version = get_object_or_404(
        SubmissionVersion.objects.select_related("submission", "submission__cohort"), pk=version_id
    )
    if not version.file or not access.can_read_version(request.user, version):
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=files.download_name(version),
        content_type=version.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


urlpatterns = [
    path("omgang/<int:pk>/", participant_cohort, name="programme_participant_cohort"),
    path("omgang/<int:pk>/hemuppgift/", assignment, name="programme_assignment"),
    path("omgang/<int:pk>/delade-uppgifter/", shared_assignments, name="programme_shared_assignments"),
    path("hemuppgift/fil/<int:version_id>/", assignment_file, name="programme_assignment_file"),
]
