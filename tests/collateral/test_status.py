"""Publish, unpublish and retire: nothing is deleted, retired assets vanish for reps."""

import pytest
from django.urls import reverse

from collateral.models import Asset, AuditEntry, Download


def post(client, name, asset):
    return client.post(reverse(f"collateral:{name}", args=[asset.uuid]))


def test_marketer_publishes_a_draft_and_reps_can_then_see_it(
    marketer_client, rep_client, make_asset
):
    draft = make_asset(status=Asset.Status.DRAFT)
    assert rep_client.get(draft.get_absolute_url()).status_code == 404
    response = post(marketer_client, "publish", draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Asset.Status.PUBLISHED
    assert draft.published_at is not None
    assert rep_client.get(draft.get_absolute_url()).status_code == 200


def test_marketer_unpublishes_back_to_draft(marketer_client, rep_client, asset):
    post(marketer_client, "unpublish", asset)
    asset.refresh_from_db()
    assert asset.status == Asset.Status.DRAFT
    assert rep_client.get(asset.get_absolute_url()).status_code == 404


def test_retiring_asks_for_confirmation_first(marketer_client, asset):
    response = marketer_client.get(reverse("collateral:retire", args=[asset.uuid]))
    assert response.status_code == 200
    assert "Nothing is deleted" in response.content.decode()
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED


@pytest.mark.parametrize("who", ["marketer", "manager"])
def test_marketing_and_managers_retire_and_history_is_kept(request, who, asset, rep_client, rep):
    rep_client.get(asset.get_download_url())
    client = request.getfixturevalue(f"{who}_client")
    response = post(client, "retire", asset)
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.status == Asset.Status.RETIRED
    assert asset.retired_at is not None
    assert asset.versions.count() == 1
    assert Download.objects.filter(asset=asset).count() == 1
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.RETIRE
    assert list(entry.assets.all()) == [asset]
    assert rep_client.get(asset.get_absolute_url()).status_code == 404
    assert rep_client.get(asset.get_download_url()).status_code == 404


def test_a_retired_asset_can_be_published_again(marketer_client, make_asset, rep_client):
    retired = make_asset(status=Asset.Status.RETIRED)
    post(marketer_client, "publish", retired)
    retired.refresh_from_db()
    assert retired.status == Asset.Status.PUBLISHED
    assert retired.retired_at is None
    assert rep_client.get(retired.get_download_url()).status_code == 200


def test_retiring_twice_changes_nothing(marketer_client, make_asset):
    retired = make_asset(status=Asset.Status.RETIRED)
    response = post(marketer_client, "retire", retired)
    assert response.status_code == 302
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("name", ["publish", "unpublish", "retire"])
def test_status_changes_refuse_get_or_ask_first(marketer_client, asset, name):
    response = marketer_client.get(reverse(f"collateral:{name}", args=[asset.uuid]))
    assert response.status_code == (200 if name == "retire" else 405)
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED


def test_status_changes_need_a_csrf_token(marketer, asset):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(marketer)
    for name in ["publish", "unpublish", "retire"]:
        assert post(client, name, asset).status_code == 403
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED


def test_publishing_again_after_a_fix_keeps_the_first_publication_date(
    marketer_client, manager_client, make_asset
):
    from datetime import timedelta

    from django.utils import timezone

    out_since = timezone.now() - timedelta(days=120)
    asset = make_asset(title="Never opened deck")
    Asset.objects.filter(pk=asset.pk).update(published_at=out_since)
    asset.versions.update(created_at=out_since)
    post(marketer_client, "unpublish", asset)
    marketer_client.post(reverse("collateral:publish", args=[asset.uuid]), {"from": "draft"})
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED
    assert asset.published_at == out_since
    # Still judged as unused (no new grace period), and not "new" material.
    assert (
        "Never opened deck"
        in manager_client.get(reverse("collateral:audit_unused")).content.decode()
    )
    assert not Asset.objects.new_or_updated_since(timezone.now() - timedelta(days=1)).exists()
