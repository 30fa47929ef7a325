from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Personer och organisationer"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from . import personal_data
        from .templatetags.roles import forget_nav_roles

        personal_data.register()
        m2m_changed.connect(
            forget_nav_roles, sender=get_user_model().groups.through, dispatch_uid="accounts.forget_nav_roles"
        )


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our organisation, department and target group fields."""

    user_viewset = "accounts.viewsets.UserViewSet"
