from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workshops"
    verbose_name = "Workshoppar"

    def ready(self):
        from accounts.roles import MANAGER, extend_role

        from . import personal_data

        personal_data.register()
        extend_role(
            MANAGER,
            [
                ("workshops", f"{action}_{model}")
                for model in ("workshop", "workshopgroup", "membership")
                for action in ("add", "change", "delete", "view")
            ]
            + [("workshops", "view_reminder")],
        )
