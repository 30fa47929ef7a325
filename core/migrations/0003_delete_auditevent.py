"""The audit trail now lives in Wagtail's log (core.audit); its rows were copied by 0002."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_copy_audit_events_to_wagtail_log")]

    operations = [migrations.DeleteModel(name="AuditEvent")]
