"""Wagtail hooks of webcasts: reports."""
