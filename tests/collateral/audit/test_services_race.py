"""A bulk action whose assets all left "published" after the form was checked writes nothing."""

from collateral.audit.services import retire_assets, set_review_date
from collateral.models import Asset, AuditEntry


def test_retiring_assets_retired_meanwhile_writes_no_audit_entry(world, manager):
    asset = world.assets["B"]
    Asset.objects.filter(pk=asset.pk).update(status=Asset.Status.RETIRED)
    assert retire_assets(manager, [asset]) is None
    assert set_review_date(manager, [asset], asset.created_at.date()) is None
    assert not AuditEntry.objects.exists()
