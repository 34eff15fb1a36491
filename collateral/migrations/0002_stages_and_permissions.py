"""The four buying stages, and the role groups' collateral permissions."""

from django.db import migrations

from personas.groups import grant

STAGES = [
    ("awareness", "Awareness", "The buyer recognises a problem worth solving."),
    ("consideration", "Consideration", "The buyer compares approaches and vendors."),
    ("decision", "Decision", "The buyer builds the case and chooses."),
    ("onboarding", "Onboarding & expansion", "The customer adopts, renews and grows."),
]

GRANTS = {
    "Marketing": [
        "add_asset", "change_asset", "view_asset", "add_assetversion", "view_assetversion",
        "view_feedback", "change_contentrequest", "view_contentrequest", "view_download",
        "view_audit",
    ],
    "Sales": ["view_asset", "add_feedback", "change_feedback", "add_contentrequest"],
    "Managers": [
        "view_asset", "change_asset", "add_feedback", "change_feedback", "add_contentrequest",
        "view_contentrequest", "view_download", "view_audit", "add_auditentry", "view_auditentry",
    ],
}


def forwards(apps, schema_editor):
    BuyingStage = apps.get_model("collateral", "BuyingStage")
    for order, (slug, name, description) in enumerate(STAGES):
        BuyingStage.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    grant(apps, "collateral", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("collateral", "0001_initial"),
        ("personas", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
