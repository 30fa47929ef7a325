from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Personer och organisationer"

    def ready(self):
        from . import adapter, personal_data  # noqa: F401  (adapter connects allauth's email_confirmed)

        personal_data.register()
        from . import signals

        signals.connect()  # role changes and people leaving go to the audit trail
        # The header's kept role links go stale through core.versions, whose signals core.apps wires.


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our organisation, department and target group fields."""

    user_viewset = "accounts.viewsets.UserViewSet"
