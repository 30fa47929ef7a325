from django.db import migrations


def create_site(apps, schema_editor):
    from home.setup import ensure_site

    ensure_site(apps)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
