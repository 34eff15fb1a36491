from django.db import migrations

import personas.fulltext


class Migration(migrations.Migration):
    dependencies = [
        ("personas", "0007_search_document"),
    ]

    operations = [
        # PostgreSQL ranks by a small vector of title, tags and body (personas/fulltext.py).
        migrations.RunPython(
            personas.fulltext.install_rank_vector,
            personas.fulltext.drop_rank_vector,
            elidable=False,
        ),
    ]
