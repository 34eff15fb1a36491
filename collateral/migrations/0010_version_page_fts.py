from django.db import migrations

import personas.fulltext


class Migration(migrations.Migration):
    """Full-text search over VersionPage text on SQLite (an FTS5 table kept in step by
    triggers), so a hit can name its page or slide. PostgreSQL needs no schema for it."""

    dependencies = [
        ("collateral", "0009_version_text"),
        ("personas", "0007_search_document"),
    ]

    operations = [
        migrations.RunPython(
            personas.fulltext.install_page_index,
            personas.fulltext.drop_fts5_table(personas.fulltext.PAGE_FTS5_TABLE),
            elidable=False,
        ),
    ]
