from django.db import migrations


def follow_approved_pillars(apps, schema_editor):
    """Assets mapped to an older pillar version (they kept it until now) map to the approved
    one. Search documents follow with `manage.py reindex`."""
    Pillar = apps.get_model("messaging", "Pillar")
    Through = apps.get_model("collateral", "Asset").pillars.through
    approved = dict(Pillar.objects.filter(status="approved").values_list("key", "pk"))
    for link in Through.objects.exclude(pillar__status="approved").select_related("pillar"):
        target = approved.get(link.pillar.key)
        if target is None:
            continue
        if Through.objects.filter(asset_id=link.asset_id, pillar_id=target).exists():
            link.delete()
        else:
            Through.objects.filter(pk=link.pk).update(pillar_id=target)


class Migration(migrations.Migration):
    dependencies = [
        ("collateral", "0013_download_source_notice"),
        ("messaging", "0006_links_follow_approved_pillars"),
    ]

    operations = [migrations.RunPython(follow_approved_pillars, migrations.RunPython.noop)]
