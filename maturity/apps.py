from django.apps import AppConfig


class MaturityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maturity"
    verbose_name = "Digital mognad"
