"""What can go wrong with a maturity round. Views turn each into a clear message (or a 404)."""

from django.utils.translation import gettext_lazy as _


class MaturityError(Exception):
    status = 400
    message = _("The survey could not be changed.")

    def __init__(self, message=None):
        if message:
            self.message = message
        super().__init__(str(self.message))


class NotARespondent(MaturityError):
    """Not invited to the round: answered as 404, so that the round's existence does not leak."""

    status = 404
    message = _("No such survey.")


class RoundNotOpen(MaturityError):
    status = 409
    message = _("The survey has not been opened yet.")


class RoundClosed(MaturityError):
    status = 409
    message = _("The survey is closed: answers can no longer be given or changed.")


class AlreadyOpened(MaturityError):
    status = 409
    message = _("The round is already open and the invitations have been sent.")


class NoRespondents(MaturityError):
    message = _("The choice of respondents covers no one. Choose other departments or target groups.")


class NoLiveRevision(MaturityError):
    message = _("The survey has no published version. Publish it in the admin first.")


class ClosingDateInPast(MaturityError):
    message = _("The closing date has passed. Choose today or a later day.")


class BadChoice(MaturityError):
    """Departments or a selection of another organisation (the form prevents it; services check again)."""

    message = _("The choice of respondents does not belong to the organisation.")


class InvalidAnswers(MaturityError):
    message = _("Some answers are not on the scale. Choose one of the steps or “Don't know”.")


class Incomplete(MaturityError):
    message = _("Answer every statement before you submit. “Don't know” counts as an answer.")

    def __init__(self, missing=(), message=None):
        self.missing = tuple(missing)
        super().__init__(message)
