from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = "Ledarprogram"

    def ready(self):
        from accounts.roles import EDITOR, extend_role

        # Editors plan cohorts and sessions in the admin; bookings, attendance and assignments are not theirs.
        extend_role(EDITOR, [("programmes", f"{action}_cohort") for action in ("add", "change", "delete", "view")])
