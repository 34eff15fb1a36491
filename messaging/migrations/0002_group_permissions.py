"""Give the role groups their messaging permissions."""

from django.db import migrations

from personas.groups import grant

MODELS = ["positioning", "pillar", "proofpoint", "personamessage", "boilerplate", "glossaryterm", "objection"]

GRANTS = {
    "Marketing": [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")],
    "Sales": [f"view_{model}" for model in MODELS],
    "Managers": [f"view_{model}" for model in MODELS],
}


def forwards(apps, schema_editor):
    grant(apps, "messaging", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0001_initial"),
        ("personas", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
