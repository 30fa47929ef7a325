from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workshops"
    verbose_name = "Workshoppar"

    def ready(self):
        from accounts.roles import MANAGER, extend_role
        from elearning import sharing as elearning_sharing

        from . import personal_data, sharing

        personal_data.register()
        # Whether a shared reflection reaches a kit is workshops' rule; elearning asks it through this hook.
        elearning_sharing.register(sharing.audience)
        extend_role(
            MANAGER,
            [
                ("workshops", f"{action}_{model}")
                for model in ("workshop", "workshopgroup", "membership")
                for action in ("add", "change", "delete", "view")
            ]
            + [("workshops", "view_reminder")],
        )
