from django.apps import AppConfig


class RolloutConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rollout"
    verbose_name = "Införandeplaner"

    def ready(self):
        from . import services  # noqa: F401  (registers the audit action rollout.phase_started)
