import django.db.models.functions.text
from django.db import migrations, models
from django.db.models.functions import Lower


def rename_live_namesakes(apps, schema_editor):
    """Before the constraint: a second live persona with a name already taken (possible until
    the editor refused it) becomes "Name (2)", the oldest keeps the name. Names are compared
    as the index compares them (the database's lower()), and cut to make room for the suffix.
    """
    Persona = apps.get_model("personas", "Persona")
    live = (
        Persona.objects.exclude(status="archived").annotate(key=Lower("name")).order_by("pk")
    )
    taken = {key for key in live.values_list("key", flat=True)}
    seen = set()
    for persona in live:
        if persona.key not in seen:
            seen.add(persona.key)
            continue
        number = 2
        while True:
            suffix = f" ({number})"
            candidate = persona.name[: 120 - len(suffix)] + suffix
            if candidate.lower() not in taken:
                break
            number += 1
        persona.name = candidate
        persona.save(update_fields=["name"])
        taken.add(candidate.lower())


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
