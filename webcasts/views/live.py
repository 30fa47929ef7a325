"""Views of webcasts: live."""

urlpatterns = []
