"""Reach for programme owners, mounted at /rackvidd/ (config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.reach_dashboard, name="reach_dashboard"),
    path("export/", views.reach_export, name="reach_export"),
    path("mal/", views.reach_targets, name="reach_targets"),
]
