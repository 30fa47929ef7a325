"""Leadership programmes: the page, its cohorts and sessions, bookings, attendance, home assignments, certificates."""

from .assignments import Feedback, FeedbackDecision, Submission, SubmissionStatus, SubmissionVersion
from .attendance import SessionAttendance
from .booking import Booking, BookingMail, BookingMailKind, BookingStatus
from .certificates import Certificate, CertificateStatus
from .cohorts import Cohort, Session
from .pages import ProgrammePage

__all__ = [
    "Booking",
    "BookingMail",
    "BookingMailKind",
    "BookingStatus",
    "Certificate",
    "CertificateStatus",
    "Cohort",
    "Feedback",
    "FeedbackDecision",
    "ProgrammePage",
    "Session",
    "SessionAttendance",
    "Submission",
    "SubmissionStatus",
    "SubmissionVersion",
]
