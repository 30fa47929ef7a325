"""Rollout plans: phases, communication, live progress and the target-group checklist."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_list, name="rollout_plans"),
    path("ny/", views.plan_create, name="rollout_plan_create"),
    path("<int:plan_id>/", views.plan_detail, name="rollout_plan"),
    path("<int:plan_id>/redigera/", views.plan_edit, name="rollout_plan_edit"),
    path("<int:plan_id>/checklista/", views.checklist, name="rollout_checklist"),
    path("<int:plan_id>/faser/ny/", views.phase_create, name="rollout_phase_create"),
    path("<int:plan_id>/faser/<int:phase_id>/", views.phase_edit, name="rollout_phase_edit"),
    path("<int:plan_id>/faser/<int:phase_id>/ta-bort/", views.phase_delete, name="rollout_phase_delete"),
    path("<int:plan_id>/faser/<int:phase_id>/flytta/", views.phase_move, name="rollout_phase_move"),
    path("<int:plan_id>/faser/<int:phase_id>/starta/", views.phase_start, name="rollout_phase_start"),
    path(
        "<int:plan_id>/faser/<int:phase_id>/kommunikation/ny/",
        views.communication_create,
        name="rollout_communication_create",
    ),
    path(
        "<int:plan_id>/kommunikation/<int:item_id>/",
        views.communication_edit,
        name="rollout_communication_edit",
    ),
    path(
        "<int:plan_id>/kommunikation/<int:item_id>/ta-bort/",
        views.communication_delete,
        name="rollout_communication_delete",
    ),
]
