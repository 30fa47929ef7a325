from django.urls import path

from . import views

urlpatterns = [
    path("workshoppar/", views.workshop_list, name="workshop_list"),
    path("workshoppar/<int:workshop_id>/beredskap/", views.readiness, name="workshop_readiness"),
    path("workshoppar/<int:workshop_id>/paminn/", views.remind, name="workshop_remind"),
    path("workshoppar/<int:workshop_id>/grupper/<int:group_id>/", views.kit, name="facilitator_kit"),
]
