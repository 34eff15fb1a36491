"""Marketing's editing becomes a permission (#14.10): `personas.edit_content`, read by
personas.roles.can_edit, so an administrator can see and grant it in the admin."""

from django.db import migrations

from personas.groups import grant


def forwards(apps, schema_editor):
    grant(apps, "personas", {"Marketing": ["edit_content"]})


class Migration(migrations.Migration):

    dependencies = [
        ('personas', '0003_persona_status_valid'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='persona',
            options={'ordering': ['name'], 'permissions': [('edit_content', 'Can write and publish personas, messaging and collateral')]},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
