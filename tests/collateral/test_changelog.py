"""The change log of assets: written by the services in the change's transaction, shown as
"History" to Marketing and Managers, never editable."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from collateral.audit import services as audit_services
from collateral.models import Asset
from personas.changelog import ChangeLog
from tests.collateral.conftest import pdf_bytes, upload_file


def history(client, asset):
    return client.get(reverse("collateral:history", args=[asset.uuid]))


def entries(asset, action=None):
    rows = ChangeLog.objects.filter(object_type="asset", object_id=str(asset.pk))
    return list(rows.filter(action=action) if action else rows)


def test_a_rename_shows_old_and_new_title_on_the_history_page(
    marketer_client, manager_client, marketer, asset, stages
):
    response = marketer_client.post(
        reverse("collateral:asset_edit", args=[asset.uuid]),
        {
            "title": "ROI deck for CFOs",
            "asset_type": "deck",
            "stages": [stages["decision"].pk],
            "owner": marketer.pk,
            "review_by": "2030-01-31",
        },
    )
    assert response.status_code == 302
    (edit,) = entries(asset, ChangeLog.Action.EDIT)
    assert edit.before["title"] == "ROI deck"
    assert edit.after["title"] == "ROI deck for CFOs"
    assert edit.user == marketer
    # Unchanged fields are not listed; the review date gets its own entry.
    assert "stages" not in edit.after
    assert "review_by" not in edit.after
    (review,) = entries(asset, ChangeLog.Action.REVIEW_DATE)
    assert review.before == {"review_by": None}
    assert review.after == {"review_by": "2030-01-31"}
    for client in (marketer_client, manager_client):
        body = history(client, asset).content.decode()
        assert "<del>ROI deck</del> → <ins>ROI deck for CFOs</ins>" in body
        assert "Review date changed" in body


def test_an_edit_that_changes_nothing_writes_no_entry(marketer_client, marketer, asset, stages):
    asset.personas.clear()
    marketer_client.post(
        reverse("collateral:asset_edit", args=[asset.uuid]),
        {
            "title": asset.title,
            "asset_type": "deck",
            "stages": [stages["decision"].pk],
            "owner": marketer.pk,
        },
    )
    assert entries(asset) == []


def test_publish_unpublish_new_version_and_retire_are_recorded(marketer_client, asset):
    def post(name):
        return marketer_client.post(reverse(f"collateral:{name}", args=[asset.uuid]))

    post("unpublish")
    post("publish")
    marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("ROI deck v2.pdf", pdf_bytes()), "note": "New pricing"},
    )
    post("retire")
    actions = [entry.action for entry in reversed(entries(asset))]
    assert actions == ["unpublish", "publish", "new_version", "retire"]
    version = entries(asset, ChangeLog.Action.NEW_VERSION)[0]
    assert version.before == {"version": 1}
    assert version.after == {"version": 2, "note": "New pricing"}
    assert entries(asset, ChangeLog.Action.RETIRE)[0].after == {"status": "Retired"}


def test_retiring_names_the_replacement_for_people_and_the_log(marketer_client, asset, make_asset):
    replacement = make_asset("ROI deck 2027")
    response = marketer_client.post(
        reverse("collateral:retire", args=[asset.uuid]), {"replaced_by": str(replacement.uuid)}
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.status == Asset.Status.RETIRED
    assert asset.replaced_by == replacement
    assert entries(asset, ChangeLog.Action.RETIRE)[0].after["replaced_by"] == "ROI deck 2027"
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    assert "must not be sent any more" in body
    assert f'Replaced by <a href="{replacement.get_absolute_url()}">ROI deck 2027</a>' in body


def test_retiring_refuses_an_unknown_replacement_with_a_form_error(marketer_client, asset):
    response = marketer_client.post(
        reverse("collateral:retire", args=[asset.uuid]),
        {"replaced_by": "00000000-0000-0000-0000-000000000000"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED
    assert entries(asset) == []


def test_bulk_audit_actions_write_one_entry_per_asset(manager, make_asset):
    first, second = make_asset("One"), make_asset("Two")
    import datetime

    audit_services.set_review_date(manager, [first, second], datetime.date(2031, 1, 1))
    audit_services.retire_assets(manager, [first, second])
    for asset in (first, second):
        actions = sorted(entry.action for entry in entries(asset))
        assert actions == ["retire", "review_date"]
        review = entries(asset, ChangeLog.Action.REVIEW_DATE)[0]
        assert review.before == {"review_by": None}
        assert review.after == {"review_by": "2031-01-01"}
        assert review.user == manager


@pytest.mark.parametrize(("who", "status"), [("rep", 403), ("outsider", 403)])
def test_history_is_for_marketing_and_managers_only(request, who, status, asset):
    client = request.getfixturevalue(f"{who}_client")
    assert history(client, asset).status_code == status


def test_history_of_a_draft_is_404_for_those_who_cannot_see_it(manager_client, make_asset):
    draft = make_asset(status=Asset.Status.DRAFT)
    assert history(manager_client, draft).status_code == 404


def test_the_asset_page_links_its_history_for_editors_and_managers_only(
    marketer_client, manager_client, rep_client, asset
):
    link = reverse("collateral:history", args=[asset.uuid])
    assert link in marketer_client.get(asset.get_absolute_url()).content.decode()
    assert link in manager_client.get(asset.get_absolute_url()).content.decode()
    assert link not in rep_client.get(asset.get_absolute_url()).content.decode()


def test_the_log_is_append_only_in_code_and_in_the_admin(admin_user, marketer, asset):
    from personas import changelog

    entry = changelog.record(asset, ChangeLog.Action.EDIT, marketer, after={"title": "X"})
    entry.after = {"title": "Y"}
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        ChangeLog.objects.filter(pk=entry.pk).update(action="publish")
    with pytest.raises(PermissionDenied):
        ChangeLog.objects.all().delete()
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/personas/changelog/").status_code == 200
    assert client.get("/admin/personas/changelog/add/").status_code == 403
    change = client.post(f"/admin/personas/changelog/{entry.pk}/change/", {"action": "publish"})
    assert change.status_code == 403
    delete = client.post(f"/admin/personas/changelog/{entry.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    entry.refresh_from_db()
    assert entry.after == {"title": "X"}


def test_a_publish_from_a_page_drawn_before_a_retirement_changes_nothing(
    marketer_client, make_asset
):
    from django.urls import reverse

    from collateral.models import Asset

    asset = make_asset(status=Asset.Status.DRAFT)
    page = marketer_client.get(asset.get_absolute_url()).content.decode()
    assert '<input type="hidden" name="from" value="draft">' in page
    Asset.objects.filter(pk=asset.pk).update(status=Asset.Status.RETIRED)  # a colleague
    response = marketer_client.post(
        reverse("collateral:publish", args=[asset.uuid]), {"from": "draft"}, follow=True
    )
    asset.refresh_from_db()
    assert asset.status == Asset.Status.RETIRED
    assert "Someone else changed “ROI deck” to retired after you opened the page." in (
        response.content.decode()
    )
    # From the page as it is now, "Publish again" is deliberate.
    marketer_client.post(reverse("collateral:publish", args=[asset.uuid]), {"from": "retired"})
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED
    # A junk or missing `from` is no claim about the page: the button does what it says.
    marketer_client.post(reverse("collateral:unpublish", args=[asset.uuid]), {"from": "x\x01"})
    asset.refresh_from_db()
    assert asset.status == Asset.Status.DRAFT


def test_unpublish_never_turns_a_retired_asset_into_a_draft(marketer_client, make_asset):
    from django.urls import reverse

    from collateral.models import Asset

    asset = make_asset(status=Asset.Status.RETIRED)
    for data in ({}, {"from": "junk"}):
        marketer_client.post(reverse("collateral:unpublish", args=[asset.uuid]), data)
        asset.refresh_from_db()
        assert asset.status == Asset.Status.RETIRED
