"""Stub: replaced by the reach helper."""

urlpatterns = []
