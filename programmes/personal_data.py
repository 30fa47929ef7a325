"""A participant's leadership programmes in "My data", and their erasure with the account.

Export: bookings (and the waiting list), attendance per session, home assignments with every version
(text and the file's original name) and the feedback on them, certificates, and the mails sent.

Erasure removes bookings, attendance, assignments (their files go from private storage once the
transaction commits) and mails. A freed place in a cohort that has not started goes to the first
person on the waiting list (`programmes.booking.fill_free_places`). Certificates are deleted too, with their PDF: a certificate is the
holder's own document; keeping the name behind a verification code after the holder asked to be erased
would keep personal data without a purpose of the holder's. The public verification page then answers
404 for that code, as for any unknown code. (Should the programme's organiser one day have to keep
certificates as official records under a retention decision, that decision belongs here, and the
My data page says so through `kept_note`.)

Feedback a teacher wrote stays on other people's assignments when the teacher is erased, without the
teacher's name (Feedback.teacher is SET_NULL): it is part of the participant's record.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import booking
from .models import (
    Booking,
    BookingMail,
    BookingStatus,
    Certificate,
    Cohort,
    Feedback,
    SessionAttendance,
    Submission,
    SubmissionVersion,
)


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.email


def _bookings(user):
    return [
        {
            "programme": b.cohort.programme.title,
            "cohort": b.cohort.title,
            "starts": b.cohort.starts_on,
            "ends": b.cohort.ends_on,
            "status": str(b.get_status_display()),
            "booked": b.created_at,
            "booked_by": _name(b.booked_by) if b.booked_by_id and b.booked_by_id != user.pk else "",
            "waiting_since": b.waiting_since,
            "moved_up": b.promoted_at,
            "cancelled": b.cancelled_at,
        }
        for b in Booking.objects.filter(user=user)
        .select_related("cohort__programme", "booked_by")
        .order_by("cohort__starts_on", "pk")
    ]


def _attendance(user):
    return [
        {
            "programme": a.session.cohort.programme.title,
            "cohort": a.session.cohort.title,
            "session": a.session.title,
            "starts": a.session.starts_at,
            "present": a.present,
            "marked": a.marked_at,
        }
        for a in SessionAttendance.objects.filter(user=user)
        .select_related("session__cohort__programme")
        .order_by("session__starts_at", "pk")
    ]


def _submissions(user):
    submissions = list(
        Submission.objects.filter(user=user).select_related("cohort__programme").order_by("cohort__starts_on", "pk")
    )
    versions, feedback = {}, {}
    for version in SubmissionVersion.objects.filter(submission__user=user).order_by("number"):
        versions.setdefault(version.submission_id, []).append(version)
    for item in Feedback.objects.filter(submission__user=user).select_related("teacher", "version"):
        feedback.setdefault(item.submission_id, []).append(item)
    return [
        {
            "programme": s.cohort.programme.title,
            "cohort": s.cohort.title,
            "assignment": s.cohort.assignment_title,
            "status": str(s.get_status_display()),
            "approved": s.approved_at,
            "versions": [
                {
                    "version": v.number,
                    "handed_in": v.created_at,
                    "text": v.text,
                    "file_name": v.original_name,
                    "file_size": v.size,
                }
                for v in versions.get(s.pk, [])
            ],
            "feedback": [
                {
                    "version": f.version.number,
                    "decision": str(f.get_decision_display()),
                    "text": f.text,
                    "teacher": _name(f.teacher),
                    "given": f.created_at,
                }
                for f in feedback.get(s.pk, [])
            ],
        }
        for s in submissions
    ]


def _certificates(user):
    return [
        {
            "code": c.code,
            "name": c.name,
            "programme": c.programme_title,
            "cohort": c.cohort_title,
            "starts": c.starts_on,
            "ends": c.ends_on,
            "issued": c.issued_at,
            "revoked": c.revoked_at,
            "revoked_reason": c.revoked_reason,
        }
        for c in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    ]


def _mails(user):
    return [
        {"cohort": m.cohort.title, "kind": str(m.get_kind_display()), "created": m.created_at, "sent": m.sent_at}
        for m in BookingMail.objects.filter(user=user).select_related("cohort").order_by("created_at", "pk")
    ]


def export(user):
    return {
        "bookings": _bookings(user),
        "attendance": _attendance(user),
        "home_assignments": _submissions(user),
        "certificates": _certificates(user),
        "mails": _mails(user),
    }


def _delete_files_after_commit(files):
    """Remove stored files only once the rows are gone for good (a rolled-back erasure keeps them)."""

    def delete():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete)


def erase(user):
    with transaction.atomic():
        files = [
            (version.file.storage, version.file.name)
            for version in SubmissionVersion.objects.filter(submission__user=user).exclude(file="")
        ]
        files += [
            (certificate.pdf.storage, certificate.pdf.name)
            for certificate in Certificate.objects.filter(user=user).exclude(pdf="")
        ]
        Submission.objects.filter(user=user).delete()  # versions and feedback go with them (CASCADE)
        SessionAttendance.objects.filter(user=user).delete()
        Certificate.objects.filter(user=user).delete()
        BookingMail.objects.filter(user=user).delete()
        freed = list(Cohort.objects.filter(bookings__user=user, bookings__status=BookingStatus.BOOKED))
        Booking.objects.filter(user=user).delete()
        for cohort in freed:  # the place is free: the waiting list moves up (until the cohort starts)
            booking.fill_free_places(cohort)
        _delete_files_after_commit(files)


def register():
    from core import personal_data

    personal_data.register(
        "programmes",
        _("Leadership programmes: bookings, attendance, home assignments and certificates"),
        export,
        erase,
        kept_note=_("certificates are deleted with the account, and their verification code then confirms nothing"),
    )
