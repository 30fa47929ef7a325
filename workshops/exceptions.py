from django.utils.translation import gettext_lazy as _


class WorkshopError(Exception):
    status = 400
    message = _("The change could not be made.")

    def __init__(self, message=None):
        if message:
            self.message = message
        super().__init__(str(self.message))


class AlreadyInGroup(WorkshopError):
    status = 409


class OtherOrganisation(WorkshopError):
    status = 400
    message = _("The person belongs to another organisation.")
