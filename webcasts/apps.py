from django.apps import AppConfig


class WebcastsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webcasts"
    verbose_name = "Webbsändningar"

    def ready(self):
        from . import booking, calendar, live  # noqa: F401  (booking and live register audit actions)

        calendar.connect()

        from wagtail.signals import page_published

        from .models import WebcastPage

        page_published.connect(booking.after_publish, sender=WebcastPage, dispatch_uid="webcasts.booking.after_publish")
