from django.db import migrations


def grant(apps, schema_editor):
    from accounts.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    """Editors plan cohorts (programmes.apps extends the role); the teacher role's group is made."""

    dependencies = [("programmes", "0001_initial"), ("accounts", "0007_teacher_role")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
