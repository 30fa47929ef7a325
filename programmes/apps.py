from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = "Ledarprogram"

    def ready(self):
        from accounts.roles import EDITOR, extend_role

        from . import assignments, attendance, booking, calendar, certificates  # noqa: F401  (audit actions)

        calendar.connect()  # a changed, added or removed session bumps the cohort's calendar sequence

        from elearning.signals import module_completed

        # Completing the last self-study module may complete a cohort: the certificate follows at once.
        module_completed.connect(certificates.after_module_completed, dispatch_uid="programmes.certificates.module")

        # Editors plan cohorts and sessions in the admin; bookings, attendance and assignments are not theirs.
        extend_role(EDITOR, [("programmes", f"{action}_cohort") for action in ("add", "change", "delete", "view")])

        from . import personal_data

        personal_data.register()
