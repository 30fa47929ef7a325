"""What can go wrong in a programme. Views turn each into a clear message (or a 404), with its status."""

from django.utils.translation import gettext_lazy as _


class ProgrammeError(Exception):
    status = 400
    message = _("The request could not be carried out.")

    def __init__(self, message=None):
        if message:
            self.message = message
        super().__init__(str(self.message))


class BookingClosed(ProgrammeError):
    status = 409
    message = _("Booking is closed for this cohort: the last day to book has passed.")


class CancellationClosed(ProgrammeError):
    status = 409
    message = _("The last day to cancel has passed. Contact the programme to cancel your place.")


class NotYourOrganisation(ProgrammeError):
    status = 403
    message = _("You can only book places for people of your own organisation.")


class NotFound(ProgrammeError):
    """Something outside the person's view: answered as 404, so that its existence does not leak."""

    status = 404
    message = _("Not found.")


class NotTeacher(ProgrammeError):
    status = 403
    message = _("Only the cohort's teachers can do this.")


class InvalidFile(ProgrammeError):
    status = 400
    message = _("The file cannot be accepted.")
