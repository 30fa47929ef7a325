from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a newcomer: sits above every domain app and only calls their functions."""

    name = "demo"
    verbose_name = "Demo"
