from django.db import migrations


def create_roles(apps, schema_editor):
    """Tie each role to a stable code; adopt the old English-named groups and give them Swedish names."""
    from accounts.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_left_on_alter_user_organisation_role")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
