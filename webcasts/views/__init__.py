"""Webcast views, one module per part of the domain; each holds its own urlpatterns."""
