"""Views of webcasts: reports."""

urlpatterns = []
