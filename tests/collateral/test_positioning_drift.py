"""Positioning drift made precise: new files default to the approved positioning, and an asset
is flagged only while the version it follows is not the approved one."""

import pytest
from django.urls import reverse

from collateral.audit import stale
from collateral.audit.filters import ReportFilters
from collateral.audit.period import Period
from collateral.models import Asset
from messaging.models import Positioning
from messaging.models import Status as MessagingStatus
from tests.collateral.conftest import pdf_bytes, upload_file

pytestmark = pytest.mark.django_db


def make_positioning(version: int, status: str) -> Positioning:
    text = {name: f"{name} {version}" for name in ("target_customer", "need", "category")}
    return Positioning.objects.create(
        version=version,
        status=status,
        value_proposition=f"Value proposition {version}",
        benefit="b",
        alternative="a",
        differentiator="d",
        elevator_pitch="e",
        **text,
    )


def stale_titles() -> list[str]:
    filters = ReportFilters(period=Period.last(90))
    sort = stale.SORTING.state("title")
    return [a.title for a in stale.stale_assets(filters, sort, "positioning")]


def test_a_new_version_is_written_against_the_approved_positioning_by_default(
    marketer_client, asset
):
    old = make_positioning(1, MessagingStatus.RETIRED)
    current = make_positioning(2, MessagingStatus.APPROVED)
    asset.positioning = old
    asset.save(update_fields=["positioning"])
    page = marketer_client.get(reverse("collateral:version_new", args=[asset.uuid]))
    assert page.context["form"]["positioning"].value() == current.pk
    marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {
            "file": upload_file("deck.pdf", pdf_bytes()),
            "note": "Reworked for v2",
            "positioning": str(current.pk),
        },
    )
    asset.refresh_from_db()
    assert asset.positioning == current
    assert asset.positioning.status == MessagingStatus.APPROVED


def test_the_upload_form_defaults_to_the_approved_positioning_and_offers_no_drafts(
    marketer_client,
):
    make_positioning(1, MessagingStatus.RETIRED)
    current = make_positioning(2, MessagingStatus.APPROVED)
    draft = make_positioning(3, MessagingStatus.DRAFT)
    form = marketer_client.get(reverse("collateral:upload")).context["form"]
    assert form["positioning"].value() == current.pk
    choices = list(form.fields["positioning"].queryset)
    assert draft not in choices
    assert [p.version for p in choices] == [2, 1]


def test_stale_flags_only_assets_whose_positioning_is_not_the_approved_one(make_asset):
    old = make_positioning(1, MessagingStatus.RETIRED)
    current = make_positioning(2, MessagingStatus.APPROVED)
    in_review = make_positioning(3, MessagingStatus.REVIEW)
    for title, positioning in [
        ("On v1", old),
        ("On v2", current),
        ("On v3 in review", in_review),
        ("Untagged", None),
    ]:
        Asset.objects.filter(pk=make_asset(title).pk).update(positioning=positioning)
    assert stale_titles() == ["On v1", "On v3 in review"]


def test_retagging_clears_the_flag(make_asset):
    old = make_positioning(1, MessagingStatus.RETIRED)
    current = make_positioning(2, MessagingStatus.APPROVED)
    asset = make_asset("Deck")
    Asset.objects.filter(pk=asset.pk).update(positioning=old)
    assert stale_titles() == ["Deck"]
    Asset.objects.filter(pk=asset.pk).update(positioning=current)
    assert stale_titles() == []
