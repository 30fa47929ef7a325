"""What can go wrong when registering for a webcast. Views turn each into a clear message (or a 404)."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    status = 400
    message = _("The registration could not be changed.")

    def __init__(self, message=None):
        if message:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    status = 409
    message = _("Registration is closed: the webcast has ended or is cancelled.")


class AlreadyRegistered(RegistrationError):
    status = 409
    message = _("You are already registered for this webcast.")


class NotInvited(RegistrationError):
    status = 403
    message = _("This webcast is for invited organisations only, and yours is not among them.")


class NotYourRegistration(RegistrationError):
    """Someone else's registration: answered as 404, so that its existence does not leak."""

    status = 404
    message = _("No such registration.")
