"""Views of webcasts: registration."""

urlpatterns = []
