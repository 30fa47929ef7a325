"""Copy the old core.AuditEvent rows into Wagtail's log, where the site history shows them.

The action codes stay the same (core.audit registers them). An event without an object is
attached to its actor, as core.audit.log does now; one with neither is dropped (none is written so).
"""

from django.conf import settings
from django.db import migrations


def _label(instance, fallback):
    """Historical models have no __str__: a readable name from the usual fields."""
    if instance is None:
        return fallback
    full_name = " ".join(filter(None, [getattr(instance, "first_name", ""), getattr(instance, "last_name", "")]))
    for text in (
        full_name,
        getattr(instance, "title", ""),
        getattr(instance, "name", ""),
        getattr(instance, "email", ""),
    ):
        if text:
            return str(text)
    return fallback


def copy_events(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    user_app, user_model = settings.AUTH_USER_MODEL.lower().split(".")
    entries = []
    for event in AuditEvent.objects.order_by("pk").iterator():
        content_type, object_id = None, ""
        if event.object_type and event.object_id:
            app_label, _dot, model = event.object_type.partition(".")
            content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
            object_id = event.object_id
        if content_type is None and event.actor_id:
            content_type = ContentType.objects.filter(app_label=user_app, model=user_model).first()
            object_id = str(event.actor_id)
        if content_type is None:
            continue
        try:
            instance = (
                apps.get_model(content_type.app_label, content_type.model)._base_manager.filter(pk=object_id).first()
            )
        except (LookupError, ValueError):
            instance = None
        entries.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=object_id,
                label=_label(instance, event.summary),
                action=event.action,
                data={"summary": event.summary, **(event.details or {})},
                timestamp=event.at,
                user_id=event.actor_id,
            )
        )
    ModelLogEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(copy_events, migrations.RunPython.noop)]
