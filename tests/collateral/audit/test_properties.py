"""Property tests (Hypothesis) over every report filter and bulk-action field of the audit:
never a 500, and a refused input writes nothing (issue #14, point 13)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from collateral.models import Asset, AuditEntry
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely

REPORTS = [
    "collateral:audit",
    "collateral:audit_unused",
    "collateral:audit_unused_csv",
    "collateral:audit_usage",
    "collateral:audit_usage_csv",
    "collateral:audit_coverage",
    "collateral:audit_coverage_csv",
    "collateral:audit_stale",
    "collateral:audit_stale_csv",
]


def report_params(world) -> st.SearchStrategy[dict]:
    slugs = [persona.slug for persona in world.personas.values()]
    return params_for(
        {
            "days": hostile(30, 90, 180, 365, 7),
            "persona": hostile(*slugs),
            "stage": hostile("awareness", "decision", "nowhere"),
            "type": hostile(*Asset.Type.values),
            "show": hostile("all", "never"),
            "reason": hostile("review", "positioning", "rating"),
            "sort": hostile("title", "-title", "downloads", "-last_used", "owner", "-"),
            "table": hostile("assets", "personas", "stages", "types", "teams"),
            "page": hostile(1, 2, 0, -1, "last"),
        }
    )


@pytest.mark.parametrize("name", REPORTS)
def test_report_filters_never_fail(world, manager_client, name):
    @PAGE_PROPERTY
    @given(params=report_params(world))
    def check(params):
        get_safely(manager_client, reverse(name), params)

    check()


def selections(world) -> st.SearchStrategy:
    """Published assets, and assets no one may act on (draft, retired), and junk."""
    uuids = [str(asset.uuid) for asset in world.assets.values()]
    return st.one_of(hostile(*uuids), st.lists(hostile(*uuids), min_size=1, max_size=4))


def test_bulk_actions_never_fail_and_refusals_write_nothing(world, manager_client):
    @PROPERTY
    @given(
        params=params_for(
            {
                "action": hostile("retire", "review_date"),
                "review_by": hostile("2031-01-01", "2001-01-01"),
                "next": hostile("/collateral/audit/unused/", "abc", "//evil.example"),
            }
        ),
        assets=selections(world),
    )
    def check(params, assets):
        post_safely(manager_client, reverse("collateral:audit_bulk"), {**params, "assets": assets})

    check()


def test_confirmed_retirement_never_fails_and_refusals_write_nothing(world, manager_client):
    draft, retired = world.assets["F"], world.assets["G"]

    @PROPERTY
    @given(assets=selections(world), next_url=hostile("/collateral/audit/", "abc"))
    def check(assets, next_url):
        post_safely(
            manager_client,
            reverse("collateral:audit_retire"),
            {"assets": assets, "next": next_url},
        )

    check()
    # Assets nobody may act on stay as they were, whatever was sent.
    assert Asset.objects.get(pk=draft.pk).status == Asset.Status.DRAFT
    assert Asset.objects.get(pk=retired.pk).status == Asset.Status.RETIRED
    assert not AuditEntry.objects.filter(assets__in=[draft, retired]).exists()
