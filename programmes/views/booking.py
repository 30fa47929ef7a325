"""Stub: replaced by the helper that owns this module."""

urlpatterns = []
