"""Report pages run a fixed number of queries, however many assets and downloads there are."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collateral.audit.rollup import roll_up
from collateral.models import Asset, Download, Feedback
from tests.collateral.audit.conftest import days_ago, download, make_asset

# The exact queries of each page. Every page starts with 3: session, user, the user's
# permissions (has_perm, one query); HTML pages add the role groups for the header's label.
# Pages with persona and stage filters add 2 to list their choices.
PAGES = {
    # + asset counts, downloads of both periods (how far the roll-up goes, its sums, the live
    #   rows'), downloads per person, recent actions
    "audit": 10,
    # + choices (2), grace-period count, page count, rows, their personas, their stages
    "audit_unused": 11,
    # + choices (2), per asset, per day (how far the roll-up goes, its days when it has any,
    #   the live rows'), per downloader, their groups, the assets, the shown page's addresses
    #   and last uses, persona mapping and names, stage mapping and names (the page count is
    #   the length of a list; sorted by last use, every asset's is read with the assets)
    "audit_usage": 18,
    # + downloads per asset (how far the roll-up goes, its sums when it has any, the live
    #   rows'), assets in their grace period, asset→persona and asset→stage mappings, stages,
    #   personas
    "audit_coverage": 12,
    # + choices (2), page count, rows
    "audit_stale": 8,
    # + rows, their personas, their stages
    "audit_unused_csv": 6,
    # + per asset, the assets
    "audit_usage_csv": 5,
    # the same as the page, less the header's groups
    "audit_coverage_csv": 11,
    # + rows
    "audit_stale_csv": 4,
}


def grow(world, assets: int = 40, downloads: int = 400) -> None:
    """Many more assets, mappings, ratings and downloads of every kind."""
    rng = random.Random(6)
    personas = list(world.personas.values())
    users = [*world.users.values(), None]
    stages = ["awareness", "consideration", "decision", "onboarding"]
    made = [
        make_asset(
            f"Extra asset {number}",
            rng.choice(Asset.Type.values),
            world.users["marketer"],
            status="published",
            published_at=days_ago(rng.randint(1, 700)),
            personas=rng.sample(personas, 2),
            stages=rng.sample(stages, 2),
            review_by=days_ago(rng.randint(-50, 50)).date(),
            positioning=world.positionings[rng.choice([1, 2])],
        )
        for number in range(assets)
    ]
    Download.objects.bulk_create(
        download(rng.choice(made), rng.choice(users), days_ago(rng.randint(0, 400)))
        for _ in range(downloads)
    )
    Feedback.objects.bulk_create(
        Feedback(asset=asset, user=world.users["rep"], rating=rng.randint(1, 5)) for asset in made
    )


def count_queries(client, name: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(f"collateral:{name}"), params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("name", "budget"), PAGES.items())
def test_report_queries_do_not_grow_with_assets_and_downloads(
    world, manager_client, django_assert_max_num_queries, name, budget
):
    with django_assert_max_num_queries(budget):
        small = count_queries(manager_client, name)
    grow(world)
    with django_assert_max_num_queries(budget):
        large = count_queries(manager_client, name)
    assert large == small


@pytest.mark.parametrize(("name", "budget"), PAGES.items())
def test_report_queries_do_not_grow_with_a_daily_roll_up_either(
    world, manager_client, django_assert_max_num_queries, name, budget
):
    grow(world)
    roll_up()
    with django_assert_max_num_queries(budget):
        small = count_queries(manager_client, name)
    grow(world)
    roll_up(rebuild=True)
    with django_assert_max_num_queries(budget):
        large = count_queries(manager_client, name)
    assert large == small


def test_filters_sorting_and_later_pages_cost_the_same(world, manager_client):
    grow(world, assets=120, downloads=100)
    persona = world.personas["fiona"].slug
    first = count_queries(manager_client, "audit_usage")
    second_page = count_queries(manager_client, "audit_usage", {"page": 2, "sort": "title"})
    assert second_page == first
    # A persona filter validates its slug: one more query, whatever the data.
    filtered = count_queries(manager_client, "audit_unused", {"persona": persona, "page": 2})
    assert filtered == count_queries(manager_client, "audit_unused", {"persona": persona})
