from django.urls import path

from . import views

urlpatterns = [
    path("kurser/", views.course_list, name="course_list"),
    path("e-modul/<int:module_id>/fortsatt/", views.resume, name="module_resume"),
    path("e-modul/<int:module_id>/nytt-forsok/", views.start_attempt, name="module_start_attempt"),
    path("e-modul/<int:module_id>/avsluta/", views.finish, name="module_finish"),
    path("e-modul/<int:module_id>/forsok/<int:number>/granska/", views.review, name="module_review"),
    path("e-modul/<int:module_id>/steg/<int:number>/", views.step, name="module_step"),
    path("e-modul/<int:module_id>/steg/<int:number>/svar/<str:question_id>/", views.answer, name="module_answer"),
    path(
        "e-modul/<int:module_id>/steg/<int:number>/reflektion/<str:question_id>/",
        views.reflect,
        name="module_reflect",
    ),
]
