from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Pages that gather from several domains ("My learning"); sits above them."""

    name = "dashboard"
    verbose_name = "Översikt"
