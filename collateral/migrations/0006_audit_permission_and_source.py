"""The audit's bulk actions become a permission of their own (#14.10): Managers hold
`collateral.act_on_audit`; `view_audit` (granted in 0002) now decides who reads the audit.
Downloads started from the audit's reports get their own source, `audit`, never counted as
use (#14.11)."""

from django.db import migrations, models

from personas.groups import grant


def forwards(apps, schema_editor):
    grant(apps, "collateral", {"Managers": ["act_on_audit"]})


class Migration(migrations.Migration):

    dependencies = [
        ('collateral', '0005_daily_downloads'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='asset',
            options={'ordering': ['-created_at'], 'permissions': [('view_audit', 'Can view collateral audit reports'), ('act_on_audit', 'Can retire and set review dates in bulk from the audit')]},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='download',
            name='source',
            field=models.CharField(choices=[('library', 'Library'), ('asset', 'Asset page'), ('persona', 'Persona page'), ('search', 'Search'), ('call_prep', 'Call prep'), ('request', 'Content request'), ('audit', 'Audit report'), ('other', 'Other')], default='other', max_length=12),
        ),
    ]
