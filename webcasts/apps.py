from django.apps import AppConfig


class WebcastsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webcasts"
    verbose_name = "Webbsändningar"
