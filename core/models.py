"""core keeps no tables of its own: the audit trail lives in Wagtail's log (see core.audit)."""
