"""Certificates: the teacher's list for a cohort (issue to all who are complete, revoke), the download of
the PDF, and the public page that confirms a verification code.

Every change goes through `programmes.certificates`; who may see what through `programmes.access`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import Limit, too_many

from .. import access, certificates
from ..exceptions import ProgrammeError
from ..models import Booking, BookingStatus, Certificate, CertificateStatus
from ..rendering import pdf_name

VERIFY_LIMIT = Limit("certificate-verify", allowed=30, window=600)  # lookups per address in 10 minutes


def _taught_cohort(user, pk):
    return get_object_or_404(access.cohorts_taught_by(user).select_related("programme"), pk=pk)


# --- The teacher's list --------------------------------------------------------------------------


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy("Kept in the log. The public verification page only says that it is revoked."),
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def cohort_certificates(request, pk):
    cohort = _taught_cohort(request.user, pk)
    if request.method == "POST":
        try:
            report = certificates.issue_for_cohort(request.user, cohort)
        except ProgrammeError as error:
            messages.error(request, error.message)
        else:
            counts = report.counts
            if counts["issued"]:
                messages.success(
                    request,
                    ngettext(
                        "%(issued)s certificate issued. It is being prepared and can be downloaded shortly.",
                        "%(issued)s certificates issued. They are being prepared and can be downloaded shortly.",
                        counts["issued"],
                    )
                    % counts,
                )
            else:
                messages.info(request, _("No new certificates: nobody else has completed the cohort yet."))
            if counts["not_complete"]:
                messages.info(
                    request,
                    ngettext(
                        "%(not_complete)s participant has not completed the cohort yet.",
                        "%(not_complete)s participants have not completed the cohort yet.",
                        counts["not_complete"],
                    )
                    % counts,
                )
        return redirect("programme_cohort_certificates", pk=cohort.pk)
    issued = list(
        Certificate.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    with_certificate = {certificate.user_id for certificate in issued}
    without = [
        booking.user
        for booking in Booking.objects.filter(cohort=cohort, status=BookingStatus.BOOKED)
        .exclude(user_id__in=with_certificate)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    ]
    return render(
        request,
        "programmes/certificates/cohort_certificates.html",
        {"cohort": cohort, "certificates": issued, "without": without, "revoke_form": RevokeForm()},
    )


@login_required
@require_POST
def revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("cohort", "user"), pk=pk)
    if not access.can_read_certificate(request.user, certificate):
        raise Http404
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise certificates.ReasonRequired
        _certificate, changed = certificates.revoke(certificate, request.user, form.cleaned_data["reason"])
    except ProgrammeError as error:
        if error.status == 403:
            return render(
                request, "programmes/certificates/problem.html", {"message": error.message}, status=error.status
            )
        messages.error(request, error.message)
    else:
        if changed:
            messages.success(request, _("The certificate of %(name)s is revoked.") % {"name": certificate.name})
        else:
            messages.info(request, _("The certificate was already revoked: nothing changed."))
    return redirect(reverse("programme_cohort_certificates", args=[certificate.cohort_id]) + f"#intyg-{certificate.pk}")


# --- The PDF -------------------------------------------------------------------------------------


@login_required
@never_cache
@require_GET
def download(request, pk):
    """The PDF as an attachment: the holder, the cohort's teachers, administrators. Anyone else: 404."""
    certificate = get_object_or_404(Certificate.objects.select_related("cohort"), pk=pk)
    if not access.can_read_certificate(request.user, certificate):
        raise Http404
    teacher = access.teaches(request.user, certificate.cohort)
    if certificate.revoked and not teacher:
        return render(
            request,
            "programmes/certificates/problem.html",
            {"message": _("This certificate has been revoked and can no longer be downloaded.")},
            status=410,
        )
    if certificate.status != CertificateStatus.READY or not certificate.pdf:
        return render(
            request,
            "programmes/certificates/problem.html",
            {
                "message": _("The certificate is still being prepared. Try again in a few minutes."),
                "retry": True,
            },
            status=409,
        )
    response = FileResponse(
        certificate.pdf.open("rb"), as_attachment=True, filename=pdf_name(certificate), content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The public verification page ----------------------------------------------------------------


class VerifyForm(forms.Form):
    kod = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("It is printed on the certificate, e.g. KL-7QX4-M9PA."),
    )

    def clean_kod(self):
        code = certificates.normalise(self.cleaned_data["kod"])
        if code is None:
            raise forms.ValidationError(
                _("That is not a verification code. A code looks like KL-7QX4-M9PA: check it and try again.")
            )
        return code


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def verify(request):
    """One field, "kod"; a valid code leads to the code's own page (which can be bookmarked or linked)."""
    form = VerifyForm(request.GET if "kod" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("programme_verify_code", code=form.cleaned_data["kod"])
    return _noindex(render(request, "programmes/certificates/verify.html", {"form": form}))


@never_cache
@require_GET
def verify_code(request, code):
    """Public, no login: name, programme, dates, issue date, valid or revoked. Unknown code: 404."""
    if VERIFY_LIMIT.exceeded(request):
        return too_many(VERIFY_LIMIT)
    VERIFY_LIMIT.count(request)
    certificate = certificates.verify(code)
    if certificate is None:
        response = render(
            request, "programmes/certificates/verify_unknown.html", {"form": VerifyForm(), "code": code}, status=404
        )
        return _noindex(response)
    if certificate.code != code:
        return redirect("programme_verify_code", code=certificate.code)
    context = {
        "certificate": certificate,
        "name": certificates.public_name(certificate),
        "period": certificates.period(certificate.starts_on, certificate.ends_on),
    }
    return _noindex(render(request, "programmes/certificates/verify_code.html", context))


urlpatterns = [
    path("undervisning/omgang/<int:pk>/intyg/", cohort_certificates, name="programme_cohort_certificates"),
    path("intyg/<int:pk>/ladda-ner/", download, name="programme_certificate_download"),
    path("intyg/<int:pk>/aterkalla/", revoke, name="programme_certificate_revoke"),
    path("intyg/kontrollera/", verify, name="programme_verify"),
    path("intyg/kontrollera/<str:code>/", verify_code, name="programme_verify_code"),
]
