"""Domain errors. Views turn each into a human message with the status it names."""

from django.utils.translation import gettext_lazy as _


class LearningError(Exception):
    status = 400
    message = _("Something in the request was not right.")

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        if message:
            self.message = message


class UnknownQuestion(LearningError):
    status = 400
    message = _("That question is not part of this module any more. Reload the page.")


class InvalidAnswer(LearningError):
    status = 400
    message = _("Choose an answer among the options shown.")


class StaleAnswer(LearningError):
    status = 409
    message = _("This question was answered in another window. The page now shows your latest answer.")


class AttemptLimitReached(LearningError):
    status = 409
    message = _("You have used all attempts for this module.")


class NoOpenAttempt(LearningError):
    status = 409
    message = _("There is no ongoing attempt to finish. Start a new attempt first.")


class ModuleIncomplete(LearningError):
    status = 409
    message = _("Some steps are not done yet.")

    def __init__(self, missing_steps):
        self.missing_steps = missing_steps
        super().__init__()


class StepLocked(LearningError):
    """Work on a step that the module's order keeps locked. `blocking_step`: the StepState to finish first."""

    status = 409
    message = _("Take the steps in order: finish the earlier steps first.")

    def __init__(self, blocking_step):
        self.blocking_step = blocking_step
        super().__init__(
            _("Take the steps in order: finish step %(number)s, %(title)s, first.")
            % {"number": blocking_step.number, "title": blocking_step.title}
        )
