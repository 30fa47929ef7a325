from django.urls import path

from . import views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/export.json", views.my_data_export, name="my_data_export"),
    path("mina-uppgifter/radera/", views.delete_account, name="delete_account"),
]
