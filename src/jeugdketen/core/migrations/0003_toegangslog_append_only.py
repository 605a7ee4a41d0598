"""Make the access log append-only in the database itself (not only in the app)."""

from django.db import migrations


def create_triggers(apps, schema_editor):
    from jeugdketen.core.logtriggers import create

    create(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from jeugdketen.core.logtriggers import drop

    drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
