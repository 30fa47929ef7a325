from django.urls import path

from . import views

urlpatterns = [
    path("mitt-larande/", views.my_learning, name="my_learning"),
    path("mitt-larande/kalender/", views.calendar_feed, name="calendar_feed"),
    path("kalender/<str:token>.ics", views.calendar_feed_ics, name="calendar_feed_ics"),
]
