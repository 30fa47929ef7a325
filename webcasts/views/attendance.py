"""Views of webcasts: attendance."""

urlpatterns = []
