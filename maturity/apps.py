from django.apps import AppConfig


class MaturityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maturity"
    verbose_name = "Digital mognad"

    def ready(self):
        from accounts.roles import EDITOR, extend_role

        from . import personal_data, services  # noqa: F401  (services registers its audit actions)

        personal_data.register()
        # Editors write the survey; rounds and results are the organisations' own (no admin permission).
        extend_role(
            EDITOR, [("maturity", f"{action}_instrument") for action in ("add", "change", "delete", "publish", "view")]
        )
