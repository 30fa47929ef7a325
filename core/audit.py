"""One call to record an important change (reminders sent, members added, exports taken)."""

from .models import AuditEvent


def log(action, summary, *, actor=None, obj=None, **details):
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        details=details,
    )
