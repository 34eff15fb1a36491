"""Checking a file from the audit is not using it (#14.11, DESIGN §5a)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, Download


def old_unused_asset(make_asset) -> Asset:
    asset = make_asset("Old deck")
    long_ago = timezone.now() - timedelta(days=200)
    Asset.objects.filter(pk=asset.pk).update(published_at=long_ago, created_at=long_ago)
    return asset


def test_the_unused_report_links_its_files_with_source_audit(manager_client, make_asset):
    asset = old_unused_asset(make_asset)
    body = manager_client.get(reverse("collateral:audit_unused")).content.decode()
    assert f'href="{asset.get_download_url()}?source=audit"' in body


def test_the_stale_report_links_its_files_with_source_audit(manager_client, make_asset):
    asset = old_unused_asset(make_asset)
    Asset.objects.filter(pk=asset.pk).update(review_by=timezone.localdate() - timedelta(days=1))
    body = manager_client.get(reverse("collateral:audit_stale")).content.decode()
    assert f'href="{asset.get_download_url()}?source=audit"' in body


def test_downloading_from_the_report_keeps_the_asset_on_the_unused_list(
    manager_client,
    make_asset,
):
    asset = old_unused_asset(make_asset)
    manager_client.get(f"{asset.get_download_url()}?source=audit")
    assert Download.objects.get(asset=asset).is_use is False
    body = manager_client.get(reverse("collateral:audit_unused")).content.decode()
    assert "Old deck" in body
    assert "Never used" in body
