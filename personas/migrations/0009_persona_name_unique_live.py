import django.db.models.functions.text
from django.db import migrations, models


def rename_live_namesakes(apps, schema_editor):
    """Before the constraint: a second live persona with a name already taken (possible until
    the editor refused it) becomes "Name (2)", the oldest keeps the name."""
    Persona = apps.get_model("personas", "Persona")
    live = Persona.objects.exclude(status="archived").order_by("pk")
    taken = {name.lower() for name in live.values_list("name", flat=True)}
    seen = set()
    for persona in live:
        key = persona.name.lower()
        if key not in seen:
            seen.add(key)
            continue
        number = 2
        while f"{persona.name} ({number})".lower() in taken:
            number += 1
        persona.name = f"{persona.name} ({number})"[:120]
        taken.add(persona.name.lower())
        seen.add(persona.name.lower())
        persona.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("personas", "0008_search_rank_vector"),
    ]

    operations = [
        migrations.RunPython(rename_live_namesakes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="persona",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                condition=models.Q(("status", "archived"), _negated=True),
                name="persona_name_unique_live",
                violation_error_message="Another persona already has this name.",
            ),
        ),
    ]
