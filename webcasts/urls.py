"""The webcast endpoints beside the Wagtail pages: registration, live interaction, attendance, reports."""

from .views import attendance, live, registration, reports

urlpatterns = [*registration.urlpatterns, *live.urlpatterns, *attendance.urlpatterns, *reports.urlpatterns]
