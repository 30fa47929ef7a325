from django.urls import path

from . import views

urlpatterns = [path("mitt-larande/", views.my_learning, name="my_learning")]
