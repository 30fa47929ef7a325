"""Wagtail hooks of webcasts: live."""
