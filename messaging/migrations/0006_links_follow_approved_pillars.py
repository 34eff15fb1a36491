from django.db import migrations


def follow_approved_pillars(apps, schema_editor):
    """Links left on an older pillar version (before links moved on every approval: a pillar
    retired and brought back kept them on the retired one) move to the approved version."""
    Pillar = apps.get_model("messaging", "Pillar")
    Through = apps.get_model("messaging", "PersonaMessage").pillars.through
    approved = dict(Pillar.objects.filter(status="approved").values_list("key", "pk"))
    links = Through.objects.exclude(personamessage__status="retired").exclude(
        pillar__status="approved"
    )
    for link in links.select_related("pillar"):
        target = approved.get(link.pillar.key)
        if target is None:
            continue
        if Through.objects.filter(personamessage_id=link.personamessage_id, pillar_id=target).exists():
            link.delete()
        else:
            Through.objects.filter(pk=link.pk).update(pillar_id=target)


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0005_merge_0004_retired_wording_0004_sign_permissions"),
    ]

    operations = [migrations.RunPython(follow_approved_pillars, migrations.RunPython.noop)]
