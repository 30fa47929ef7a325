from django.apps import AppConfig


class ReachConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reach"
    verbose_name = "Räckvidd"

    def ready(self):
        from . import services  # noqa: F401  (registers the audit actions reach.*)
