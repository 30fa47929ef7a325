"""Webcasts: pages (index, series, episode), registrations, live Q&A and polls, attendance."""

from .attendance import Attendance
from .live import PollState, PollStatus, PollVote, Question, QuestionStatus, QuestionVote
from .pages import (
    WebcastChapter,
    WebcastDocument,
    WebcastIndexPage,
    WebcastPage,
    WebcastPresenter,
    WebcastSeriesPage,
)
from .registration import Registration, RegistrationStatus, WebcastMail, WebcastMailKind

__all__ = [
    "Attendance",
    "PollState",
    "PollStatus",
    "PollVote",
    "Question",
    "QuestionStatus",
    "QuestionVote",
    "Registration",
    "RegistrationStatus",
    "WebcastChapter",
    "WebcastDocument",
    "WebcastIndexPage",
    "WebcastMail",
    "WebcastMailKind",
    "WebcastPage",
    "WebcastPresenter",
    "WebcastSeriesPage",
]
