from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Startsida och innehåll"

    def ready(self):
        from django.db.models.signals import post_save

        from . import footer
        from .models import SiteFooter

        # Pages and sites bump the content version through core.apps; the footer setting is ours.
        post_save.connect(footer.forget, sender=SiteFooter, dispatch_uid="home.footer.saved")
