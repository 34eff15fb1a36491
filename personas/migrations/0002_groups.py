"""Create the Marketing, Sales and Managers groups with their persona permissions."""

from django.db import migrations

from personas.groups import grant

GRANTS = {
    "Marketing": ["add_persona", "change_persona", "view_persona"],
    "Sales": ["view_persona"],
    "Managers": ["view_persona"],
}


def forwards(apps, schema_editor):
    grant(apps, "personas", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("personas", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
