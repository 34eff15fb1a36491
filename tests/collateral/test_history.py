"""Download histories (DESIGN §5a): your own, and a named person's for Managers only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, Download
from personas.roles import SALES
from tests.conftest import make_user


def record(asset, user, count: int = 1, **fields) -> None:
    Download.objects.bulk_create(
        Download(asset=asset, version=asset.current_version, user=user, source="library", **fields)
        for _ in range(count)
    )


@pytest.fixture
def colleague(db):
    return make_user("colleague", SALES)


def test_everyone_sees_their_own_downloads_linked_from_header_and_library(rep_client, rep, asset):
    record(asset, rep)
    link = f'href="{reverse("collateral:my_downloads")}"'
    assert link in rep_client.get(reverse("home")).content.decode()
    assert link in rep_client.get(reverse("collateral:library")).content.decode()
    response = rep_client.get(reverse("collateral:my_downloads"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Your downloads" in body
    assert f'<a href="{asset.get_absolute_url()}">ROI deck</a>' in body
    assert [row.user_id for row in response.context["page"]] == [rep.pk]


def test_own_history_shows_only_ones_own_rows(rep_client, rep, colleague, asset):
    record(asset, rep)
    record(asset, colleague, 3)
    page = rep_client.get(reverse("collateral:my_downloads")).context["page"]
    assert page.paginator.count == 1


def test_a_marketer_has_an_own_history_too(marketer_client, marketer, asset):
    record(asset, marketer, is_use=False)
    body = marketer_client.get(reverse("collateral:my_downloads")).content.decode()
    assert "ROI deck" in body
    assert '<span class="muted">No</span>' in body  # recorded, not counted as use


@pytest.mark.parametrize("role", ["rep", "marketer", "outsider"])
def test_only_managers_see_another_persons_history(request, role, colleague, asset):
    record(asset, colleague)
    client = request.getfixturevalue(f"{role}_client")
    assert (
        client.get(reverse("collateral:person_downloads", args=[colleague.pk])).status_code == 403
    )
    # Not even whether someone exists.
    assert client.get(reverse("collateral:person_downloads", args=[99999])).status_code == 403


def test_a_manager_reads_a_named_persons_history(manager_client, colleague, asset):
    record(asset, colleague, 2)
    response = manager_client.get(reverse("collateral:person_downloads", args=[colleague.pk]))
    assert response.status_code == 200
    assert "Downloads by Colleague" in response.content.decode()
    assert response.context["page"].paginator.count == 2
    assert (
        manager_client.get(reverse("collateral:person_downloads", args=[99999])).status_code == 404
    )


def test_anyone_may_open_their_own_history_by_its_named_address(rep_client, rep):
    assert rep_client.get(reverse("collateral:person_downloads", args=[rep.pk])).status_code == 200


def test_history_is_paginated_and_its_query_count_does_not_grow(
    rep_client, rep, asset, django_assert_num_queries
):
    record(asset, rep, 3)
    url = reverse("collateral:my_downloads")
    # session, user, permissions (has_perm), groups, count, the page's rows (with asset and
    # version)
    with django_assert_num_queries(6):
        rep_client.get(url)
    record(asset, rep, 120)
    with django_assert_num_queries(6):
        response = rep_client.get(url, {"page": 2})
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.num_pages, len(page)) == (123, 3, 50)


def test_a_retired_asset_is_named_but_not_linked_for_a_rep(rep_client, rep, asset):
    record(asset, rep)
    asset.status = Asset.Status.RETIRED
    asset.retired_at = timezone.now()
    asset.save()
    body = rep_client.get(reverse("collateral:my_downloads")).content.decode()
    assert "ROI deck" in body
    assert f'href="{asset.get_absolute_url()}"' not in body
    assert "(retired)" in body


def test_the_usage_reports_team_line_leads_managers_to_people_and_their_history(
    manager_client, marketer_client, rep, colleague, asset
):
    record(asset, rep, 2)
    record(asset, colleague, 1)
    usage = manager_client.get(reverse("collateral:audit_usage")).content.decode()
    people_url = reverse("collateral:team_people") + "?team=Sales"
    assert f'href="{people_url}"' in usage
    # Marketers read the report but never see who downloaded what.
    assert (
        reverse("collateral:team_people")
        not in marketer_client.get(reverse("collateral:audit_usage")).content.decode()
    )
    assert marketer_client.get(people_url).status_code == 403
    response = manager_client.get(people_url)
    assert [(person.username, n) for person, n in response.context["rows"]] == [
        ("rep", 2),
        ("colleague", 1),
    ]
    assert reverse("collateral:person_downloads", args=[rep.pk]) in response.content.decode()


def test_reps_cannot_list_a_teams_people(rep_client):
    assert rep_client.get(reverse("collateral:team_people")).status_code == 403
