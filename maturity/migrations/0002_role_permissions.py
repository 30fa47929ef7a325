from django.db import migrations


def grant(apps, schema_editor):
    from accounts.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_initial"), ("accounts", "0004_role_codes")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
