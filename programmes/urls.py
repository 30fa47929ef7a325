"""Leadership programme endpoints beside the Wagtail programme pages (mounted at /program/)."""

from .views import assignments, booking, certificates, teaching

urlpatterns = [*booking.urlpatterns, *teaching.urlpatterns, *assignments.urlpatterns, *certificates.urlpatterns]
