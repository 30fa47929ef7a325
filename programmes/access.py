"""Who may see what in a programme, on top of accounts.scoping (the one access layer).

- A participant sees their own booking, attendance, assignment and certificate.
- A teacher (kursledare) sees the participants of the cohorts they teach, and nothing else:
  not other cohorts, not the organisations' people who did not book.
- A manager sees the bookings of their own organisation (accounts.scoping.people_filter).
- Fellow participants may read an approved assignment when the teacher allows it for the cohort.
- An administrator sees everything. Programme owners and editors see figures only (reach).
Anything outside a person's view answers 404.
"""

from accounts import scoping

from .models import Booking, BookingStatus, Cohort, SubmissionStatus


def cohorts_taught_by(user):
    """Cohorts whose participants the user sees as a teacher (all of them for an administrator)."""
    if scoping.is_administrator(user):
        return Cohort.objects.all()
    return Cohort.objects.taught_by(user)


def teaches(user, cohort):
    if not getattr(user, "is_authenticated", False):
        return False
    if scoping.is_administrator(user):
        return True
    return cohort.teachers.filter(pk=user.pk).exists()


def is_participant(user, cohort):
    """A booked place in the cohort (not the waiting list, not cancelled)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Booking.objects.filter(cohort=cohort, user=user, status=BookingStatus.BOOKED).exists()


def can_book_for(by, person):
    """Booking for someone else: a manager for a person of their own organisation (or an administrator)."""
    if by.pk == person.pk:
        return True
    return scoping.can_manage_person(by, person)


def can_read_submission(user, submission):
    """The participant, the cohort's teachers, an administrator; fellow participants once it is approved
    and the cohort shares approved assignments."""
    if not getattr(user, "is_authenticated", False):
        return False
    if submission.user_id == user.pk or teaches(user, submission.cohort):
        return True
    return (
        submission.status == SubmissionStatus.APPROVED
        and submission.cohort.share_approved_assignments
        and is_participant(user, submission.cohort)
        and is_participant(submission.user, submission.cohort)  # someone who left the cohort is no longer shared
    )


def shared_submissions(user, cohort):
    """The approved assignments of fellow participants that `user` may read (the same rule as
    `can_read_submission`, for a list): none unless the cohort shares them and `user` has a place."""
    from .models import Submission

    if not cohort.share_approved_assignments or not is_participant(user, cohort):
        return Submission.objects.none()
    return (
        Submission.objects.filter(
            cohort=cohort,
            status=SubmissionStatus.APPROVED,
            user__programme_bookings__cohort=cohort,
            user__programme_bookings__status=BookingStatus.BOOKED,
        )
        .exclude(user=user)
        .distinct()
    )


def can_read_certificate(user, certificate):
    """The holder, the cohort's teachers and administrators may download the PDF."""
    if not getattr(user, "is_authenticated", False):
        return False
    return certificate.user_id == user.pk or teaches(user, certificate.cohort)


def can_read_version(user, version):
    """One version of a home assignment: the participant and the teachers read every version; fellow
    participants only the approved text, the latest version, never the drafts that came before it."""
    submission = version.submission
    if not can_read_submission(user, submission):
        return False
    if submission.user_id == user.pk or teaches(user, submission.cohort):
        return True
    return not submission.versions.filter(number__gt=version.number).exists()
