from django.apps import AppConfig


class ElearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elearning"
    verbose_name = "E-lärande"

    def ready(self):
        from . import personal_data

        personal_data.register()
        # Kept modules (page_cache) go stale through core.versions, whose signals core.apps wires.
