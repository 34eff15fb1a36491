"""The two sides of a sign-off become permissions (#14.10), read by personas.roles:
Marketing signs for Marketing; Sales and Managers sign for Sales."""

from django.db import migrations

from personas.groups import grant


def forwards(apps, schema_editor):
    grant(apps, "messaging", {"Marketing": ["sign_for_marketing"], "Sales": ["sign_for_sales"], "Managers": ["sign_for_sales"]})


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0003_versioning_rules'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='positioning',
            options={'ordering': ['-version'], 'permissions': [('sign_for_marketing', 'Can sign messaging for Marketing'), ('sign_for_sales', 'Can sign messaging for Sales')], 'verbose_name_plural': 'positioning versions'},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
