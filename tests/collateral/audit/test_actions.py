"""Bulk retire (with confirmation) and review dates, each leaving one AuditEntry."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from collateral.audit.services import _previous_dates
from collateral.models import Asset, AuditEntry

BULK = "collateral:audit_bulk"
RETIRE = "collateral:audit_retire"


def selection(world, *letters: str) -> list[str]:
    return [str(world.assets[letter].uuid) for letter in letters]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_retire_first_shows_what_will_happen_and_changes_nothing(world, manager_client):
    response = manager_client.post(
        reverse(BULK), {"action": "retire", "assets": selection(world, "B", "C")}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Retire 2 assets?" in body
    assert world.assets["B"].title in body
    assert world.assets["C"].title in body
    assert "disappear for sales" in body
    assert "download history and ratings are kept" in body
    assert Asset.objects.filter(status="retired").count() == 1  # only G, from the fixture
    assert not AuditEntry.objects.exists()


def test_confirmed_retire_retires_and_writes_one_audit_entry(world, manager, manager_client):
    next_url = reverse("collateral:audit_unused") + "?days=90"
    response = manager_client.post(
        reverse(RETIRE), {"assets": selection(world, "B", "C"), "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == next_url
    for letter in "BC":
        asset = Asset.objects.get(pk=world.assets[letter].pk)
        assert asset.status == Asset.Status.RETIRED
        assert asset.retired_at is not None
    assert Asset.objects.get(pk=world.assets["A"].pk).status == Asset.Status.PUBLISHED
    entry = AuditEntry.objects.get()
    assert entry.user == manager
    assert entry.action == AuditEntry.Action.RETIRE
    assert set(entry.assets.all()) == {world.assets["B"], world.assets["C"]}
    assert entry.detail == "Retired 2 assets from the audit."
    assert messages_of(response) == [
        "Retired 2 assets. Sales no longer see them; the history is kept."
    ]


def test_retired_assets_leave_the_reports_and_the_trail_shows_on_the_summary(
    world, manager_client
):
    manager_client.post(reverse(RETIRE), {"assets": selection(world, "C")})
    unused = manager_client.get(reverse("collateral:audit_unused"))
    assert [a.title for a in unused.context["page_obj"]] == world.titles("B")
    summary = manager_client.get(reverse("collateral:audit")).content.decode()
    assert "Recent audit actions" in summary
    assert "Retired 1 asset from the audit." in summary


def test_retiring_an_asset_that_is_no_longer_published_changes_nothing(world, manager_client):
    response = manager_client.post(reverse(RETIRE), {"assets": selection(world, "B", "G")})
    assert response.status_code == 302
    assert "no longer published" in messages_of(response)[0]
    assert Asset.objects.get(pk=world.assets["B"].pk).status == Asset.Status.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_nothing_selected_goes_back_with_a_message(world, manager_client):
    response = manager_client.post(reverse(BULK), {"action": "retire"})
    assert response.status_code == 302
    assert response["Location"] == reverse("collateral:audit")
    assert messages_of(response) == ["Select at least one asset first."]


@pytest.mark.parametrize("bad", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_tampered_selection_is_refused_not_a_500(world, manager_client, bad):
    response = manager_client.post(reverse(RETIRE), {"assets": [bad]})
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_unknown_action_goes_back_with_a_message(world, manager_client):
    response = manager_client.post(
        reverse(BULK), {"action": "delete", "assets": selection(world, "B")}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Choose an action for the selected assets."]


def test_next_url_off_site_is_ignored(world, manager_client):
    response = manager_client.post(
        reverse(RETIRE), {"assets": selection(world, "B"), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("collateral:audit")


def test_set_review_date_updates_assets_and_writes_one_audit_entry(world, manager, manager_client):
    review_by = timezone.localdate() + timedelta(days=45)
    response = manager_client.post(
        reverse(BULK),
        {
            "action": "review_date",
            "assets": selection(world, "C", "E"),
            "review_by": review_by.isoformat(),
            "next": reverse("collateral:audit_stale"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("collateral:audit_stale")
    for letter in "CE":
        assert Asset.objects.get(pk=world.assets[letter].pk).review_by == review_by
    entry = AuditEntry.objects.get()
    assert entry.user == manager
    assert entry.action == AuditEntry.Action.REVIEW_DATE
    # The trail keeps the dates it replaced: E's (5 days ago) and C had none.
    was = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert entry.detail == f"Review by {review_by.isoformat()} (was {was}, none)"
    assert entry.assets.count() == 2
    assert messages_of(response) == [
        f"Set the review date of 2 assets to {review_by.day} {review_by:%B %Y}."
    ]


@pytest.mark.parametrize("typed", ["", "31/02/2027", "yesterday", "2000-01-01"])
def test_a_bad_review_date_reshows_the_selection_with_an_error(world, manager_client, typed):
    response = manager_client.post(
        reverse(BULK),
        {"action": "review_date", "assets": selection(world, "C"), "review_by": typed},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist"' in body
    assert world.assets["C"].title in body
    assert f'value="{world.assets["C"].uuid}"' in body
    if typed:
        assert f'value="{typed}"' in body
    assert Asset.objects.get(pk=world.assets["C"].pk).review_by is None
    assert not AuditEntry.objects.exists()


def test_an_overlong_next_url_still_retires_and_returns_to_the_audit(world, manager_client):
    next_url = reverse("collateral:audit_unused") + "?q=" + "x" * 3000
    response = manager_client.post(
        reverse(RETIRE), {"assets": selection(world, "B"), "next": next_url}
    )
    assert response["Location"] == reverse("collateral:audit")  # too long to trust
    assert Asset.objects.get(pk=world.assets["B"].pk).status == "retired"


def test_retire_confirmation_queries_do_not_grow_with_the_selection(
    world, manager_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8) as one:
        manager_client.post(reverse(BULK), {"action": "retire", "assets": selection(world, "B")})
    everything = selection(world, "A", "B", "C", "D", "E", "H", "I")
    with django_assert_max_num_queries(len(one)):
        response = manager_client.post(reverse(BULK), {"action": "retire", "assets": everything})
    assert "Retire 7 assets?" in response.content.decode()


def test_the_trail_summarises_many_replaced_review_dates(world):
    today = timezone.localdate()
    assets = [Asset(review_by=today + timedelta(days=n % 7)) for n in range(20)]
    assets += [Asset(review_by=None)] * 3
    summary = _previous_dates(assets)
    assert summary.startswith(f"{today.isoformat()} ×3, ")
    assert summary.endswith(", 3 more dates")
    assert len(summary) < 120


@pytest.mark.parametrize(
    "target", ["abc", "audit", "", "https://evil.example/x", "//evil.example"]
)
def test_a_next_that_is_not_a_local_path_falls_back_to_the_audit(world, manager_client, target):
    response = manager_client.post(
        reverse(RETIRE), {"assets": selection(world, "B"), "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("collateral:audit")
    assert Asset.objects.get(pk=world.assets["B"].pk).status == Asset.Status.RETIRED


@pytest.mark.parametrize("action", ["retire", "review_date", "nonsense"])
def test_bulk_actions_with_a_bare_word_next_never_fail(world, manager_client, action):
    data = {"action": action, "assets": selection(world, "B"), "next": "abc"}
    if action == "review_date":
        data["review_by"] = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = manager_client.post(reverse(BULK), data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("collateral:audit")
