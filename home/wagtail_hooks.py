"""Admin screens of the home app, one module each: the page feedback report and form submissions."""

from . import admin_feedback, admin_forms  # noqa: F401  (they register their hooks)
