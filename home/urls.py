from django.urls import path

from .views import feedback, seo

urlpatterns = [
    path("sidfeedback/<int:page_id>/", feedback.page_feedback, name="page_feedback"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]
