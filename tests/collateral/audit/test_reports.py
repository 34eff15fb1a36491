"""Each report's numbers against the hand-worked fixture in conftest.py."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from collateral.audit import coverage, stale, unused, usage
from collateral.audit.filters import ReportFilters
from collateral.audit.period import Period
from collateral.audit.queries import last_use
from collateral.audit.summary import summarise
from collateral.audit.usage import week_start
from collateral.models import Asset, Download
from tests.collateral.audit.conftest import days_ago, download, make_asset

pytestmark = pytest.mark.django_db


def filters(days: int = 90, **extra) -> ReportFilters:
    return ReportFilters(period=Period.last(days), **extra)


def unused_titles(days: int, show: str = "all", **extra) -> list[str]:
    sort = unused.SORTING.state("")
    return [a.title for a in unused.unused_assets(filters(days, **extra), sort, show)]


# --- Summary ---------------------------------------------------------------------------------


def test_summary_counts_published_never_used_and_idle_assets(world):
    summary = summarise(Period.last(90))
    assert summary.published == 7  # A B C D E H I; draft F and retired G are not audited
    assert summary.in_grace == 1  # D, published 10 days ago
    assert summary.judged == 6
    assert summary.never_used == 1  # C: only a marketer's preview, which is not use
    assert summary.never_used_percent == 17
    assert summary.not_used_in_period == 2  # B (last use 100 days ago) and C
    assert summary.not_used_percent == 33


def test_summary_compares_use_downloads_with_the_previous_period(world):
    summary = summarise(Period.last(90))
    assert summary.downloads == 10
    # rep, rep2, outsider, lead and manager; the deleted user's download is not a known person.
    assert summary.unique_users == 5
    assert summary.previous_downloads == 2  # B 100 days ago, A 150 days ago
    assert summary.change == 8
    assert summary.change_percent == 400


def test_summary_page_shows_the_headline_and_links_into_each_report(world, manager_client):
    body = manager_client.get(reverse("collateral:audit")).content.decode()
    assert "17%" in body
    assert "33%" in body
    assert "1 new, in grace period" in body
    assert "+400%" in body
    for name in ("audit_unused", "audit_usage", "audit_coverage", "audit_stale"):
        assert f'href="{reverse("collateral:" + name)}?days=90"' in body


def test_summary_with_nothing_published_says_so(db, manager_client):
    body = manager_client.get(reverse("collateral:audit")).content.decode()
    assert "No collateral is published yet" in body
    assert "No bulk actions yet" in body


# --- Unused ----------------------------------------------------------------------------------


def test_unused_lists_never_used_first_then_oldest_use(world):
    assert unused_titles(90) == world.titles("C", "B")


def test_never_used_excludes_assets_used_long_ago(world):
    assert unused_titles(90, show="never") == world.titles("C")


def test_shorter_period_adds_assets_last_used_before_it(world):
    assert unused_titles(30) == world.titles("C", "B", "H", "E")


def test_longer_period_keeps_only_what_was_never_used_within_it(world):
    assert unused_titles(365) == world.titles("C")


def test_new_assets_get_a_grace_period(world, settings):
    assert world.assets["D"].title not in unused_titles(30)
    assert unused.in_grace_count(filters(90)) == 1
    settings.ONEVOICE_UNUSED_GRACE_DAYS = 5
    assert world.assets["D"].title in unused_titles(30)


def test_unused_falls_back_to_created_at_without_published_at(world, settings):
    world.assets["D"].__class__.objects.filter(pk=world.assets["D"].pk).update(published_at=None)
    # D was created 13 days ago: still in its grace period.
    assert unused.in_grace_count(filters(90)) == 1
    settings.ONEVOICE_UNUSED_GRACE_DAYS = 12
    assert world.assets["D"].title in unused_titles(90)


def test_unused_filters_by_persona_stage_and_type(world):
    assert unused_titles(30, persona=world.personas["ivan"]) == world.titles("C", "H")
    stage = world.assets["B"].stages.get(slug="consideration")
    assert unused_titles(30, stage=stage) == world.titles("C", "B")
    assert unused_titles(30, asset_type="case_study") == world.titles("E")


def test_unused_page_shows_owner_type_personas_stages_and_last_use(world, manager_client):
    response = manager_client.get(reverse("collateral:audit_unused"))
    body = response.content.decode()
    assert [a.title for a in response.context["page_obj"]] == world.titles("C", "B")
    assert "Never used" in body
    assert "Integration Ivan" in body
    assert "Consideration" in body
    assert "Whitepaper" in body
    assert "Marketer" in body  # the owner's name
    assert "1 asset published in the last 30 days is left out" in body


# --- Usage -----------------------------------------------------------------------------------


def rows(result) -> dict[str, tuple[int, int]]:
    return {row.label: (row.downloads, row.reach) for row in result}


def test_usage_per_persona_counts_use_of_published_assets(world):
    assert rows(usage.Usage(filters()).by_persona()) == {
        "Finance Fiona": (6, 2),  # A 4 + E 2 (B unused)
        "Operations Olivia": (3, 1),  # I (B and D unused)
        "Integration Ivan": (1, 1),  # H (C unused)
    }


def test_an_asset_for_no_persona_counts_in_every_persona_as_the_persona_filter_does(world):
    anyone = make_asset("For everyone", "deck", world.users["marketer"], status="published")
    Download.objects.bulk_create(
        [download(anyone, world.users["rep"], days_ago(3)) for _ in range(5)]
    )
    per_persona = {row.key: row for row in usage.Usage(filters()).by_persona()}
    for persona in world.personas.values():
        if persona.slug in per_persona:
            alone = usage.Usage(filters(persona=persona)).totals["downloads"]
            assert per_persona[persona.slug].downloads == alone, persona.slug
    assert rows(per_persona.values())["Integration Ivan"] == (6, 2)  # H 1 + everyone's 5


def test_usage_per_stage_keeps_the_journey_order(world):
    result = usage.Usage(filters()).by_stage()
    assert [row.label for row in result] == [
        "Awareness",
        "Consideration",
        "Decision",
        "Onboarding & expansion",
    ]
    assert rows(result) == {
        "Awareness": (2, 1),  # E (B unused)
        "Consideration": (0, 0),
        "Decision": (4, 1),  # A (D unused)
        "Onboarding & expansion": (4, 2),  # H 1 + I 3
    }


def test_usage_per_type(world):
    result = rows(usage.Usage(filters()).by_type())
    assert result["Deck"] == (7, 2)  # A 4 + I 3
    assert result["Case study"] == (2, 1)
    assert result["Datasheet"] == (1, 1)
    assert result["Whitepaper"] == (0, 0)


def test_usage_per_team_follows_the_downloaders_groups(world):
    # lead is in Sales and Managers and counts in both; a deleted user's row has no team.
    # The second number is people: rep (4 downloads), rep2 (2) and lead (1) in Sales.
    assert rows(usage.Usage(filters()).by_team()) == {
        "Sales": (7, 3),
        "Managers": (2, 2),
        "Marketing": (0, 0),
        "No team": (2, 2),
    }


def test_usage_per_asset_includes_unused_assets_with_zero(world):
    sort = usage.SORTING.state("-downloads")
    result = {
        a.title: (a.downloads, a.unique_users) for a in usage.Usage(filters()).sorted_assets(sort)
    }
    assert result == {
        world.assets["A"].title: (4, 2),  # rep three times, rep2 once
        world.assets["I"].title: (3, 2),  # rep2, manager and a since-deleted user
        world.assets["E"].title: (2, 2),
        world.assets["H"].title: (1, 1),
        world.assets["B"].title: (0, 0),
        world.assets["C"].title: (0, 0),
        world.assets["D"].title: (0, 0),
    }
    assert next(iter(result)) == world.assets["A"].title


def test_weekly_series_covers_the_period_and_sums_to_the_total(world):
    weeks = usage.Usage(filters()).by_week()
    assert len(weeks) in (13, 14)  # 90 days touch 13 or 14 Monday-to-Sunday weeks
    assert [monday.weekday() for monday, _ in weeks] == [0] * len(weeks)
    assert sum(downloads for _, downloads in weeks) == 10
    counts = dict(weeks)
    # rep's two downloads of A ten days ago fall in one week.
    ten_days_ago = timezone.localdate() - timedelta(days=10)
    assert counts[week_start(ten_days_ago)] >= 2


def test_weeks_follow_the_local_day_not_utc(db, rep):
    """In summer, 23:30 UTC is 00:30 the next day in London: same day as 10:00 UTC then."""
    london = ZoneInfo("Europe/London")
    asset = make_asset("Summer deck", "deck", None, status="published")
    rows_ = [
        download(asset, rep, datetime(2026, 7, 1, 22, 30, tzinfo=ZoneInfo("UTC"))),  # 1 Jul 23:30
        download(asset, rep, datetime(2026, 7, 1, 23, 30, tzinfo=ZoneInfo("UTC"))),  # 2 Jul 00:30
        download(asset, rep, datetime(2026, 7, 2, 10, 0, tzinfo=ZoneInfo("UTC"))),  # 2 Jul 11:00
        # Sunday 5 July 23:30 UTC is Monday 6 July 00:30 in London: the week of 6 July.
        download(asset, rep, datetime(2026, 7, 5, 23, 30, tzinfo=ZoneInfo("UTC"))),
    ]
    asset.downloads.model.objects.bulk_create(rows_)
    period = Period(days=30, end=datetime(2026, 7, 20, 12, 0, tzinfo=london))
    report = usage.Usage(ReportFilters(period=period))
    assert report.totals == {"downloads": 4, "unique_users": 1}
    weeks = {monday.isoformat(): count for monday, count in report.by_week()}
    assert weeks["2026-06-29"] == 3
    assert weeks["2026-07-06"] == 1


def test_usage_page_draws_an_accessible_svg_chart_with_a_table(world, manager_client):
    response = manager_client.get(reverse("collateral:audit_usage"))
    body = response.content.decode()
    assert 'role="img"' in body
    assert 'aria-labelledby="chart-title chart-desc"' in body
    assert body.count("<title>Week of") == len(response.context["weeks"])
    assert "<details" in body
    assert "Week starting" in body
    assert "style=" not in body  # the CSP forbids inline styles
    assert "10</strong> use downloads" in body


# --- Coverage --------------------------------------------------------------------------------


def test_coverage_cells_count_assets_and_use_with_gaps_and_dead_weight(world):
    matrix = coverage.coverage(filters())
    cells = {
        (cell.persona.slug.split("-")[1], cell.stage.slug): (cell.assets, cell.downloads)
        for cell in matrix.cells
    }
    assert cells == {
        ("fiona", "awareness"): (2, 2),  # B unused, E used twice
        ("fiona", "consideration"): (1, 0),
        ("fiona", "decision"): (1, 4),
        ("fiona", "onboarding"): (0, 0),
        ("ivan", "awareness"): (0, 0),
        ("ivan", "consideration"): (1, 0),
        ("ivan", "decision"): (0, 0),
        ("ivan", "onboarding"): (1, 1),
        ("olivia", "awareness"): (1, 0),
        ("olivia", "consideration"): (1, 0),
        ("olivia", "decision"): (1, 0),  # D, new, counts as material
        ("olivia", "onboarding"): (1, 3),
    }
    states = {
        (cell.persona.slug.split("-")[1], cell.stage.slug): cell.state for cell in matrix.cells
    }
    # D is unused but in its grace period: new material, not dead weight (yet).
    assert states["olivia", "decision"] == coverage.NEW
    assert [persona.name for persona, _ in matrix.rows] == [
        "Finance Fiona",
        "Integration Ivan",
        "Operations Olivia",
    ]  # draft Dora is not a row
    assert matrix.count(coverage.GAP) == 3
    assert matrix.count(coverage.DEAD) == 4
    assert matrix.count(coverage.NEW) == 1


def test_a_cell_with_unused_old_material_is_dead_weight_even_beside_new_material(world):
    make_asset(
        "Old dispatch battlecard",
        "battlecard",
        world.users["marketer"],
        status="published",
        published_at=days_ago(200),
        personas=[world.personas["olivia"]],
        stages=["decision"],
    )
    cell = next(
        cell
        for cell in coverage.coverage(filters()).cells
        if cell.persona.slug == "operations-olivia" and cell.stage.slug == "decision"
    )
    assert (cell.assets, cell.judged, cell.state) == (2, 1, coverage.DEAD)


def test_an_asset_with_no_persona_counts_in_every_persona_row(world, manager_client):
    everyone = make_asset(
        "Company overview",
        "one_pager",
        world.users["marketer"],
        status="published",
        published_at=days_ago(200),
        stages=["onboarding"],
    )
    Download.objects.bulk_create([download(everyone, world.users["rep"], days_ago(2))])
    matrix = coverage.coverage(filters())
    onboarding = {
        cell.persona.slug: (cell.assets, cell.downloads)
        for cell in matrix.cells
        if cell.stage.slug == "onboarding"
    }
    assert onboarding == {
        "finance-fiona": (1, 1),  # was a gap
        "integration-ivan": (2, 2),  # H + the overview
        "operations-olivia": (2, 4),  # I + the overview
    }
    # The cell's link shows what the cell counts: the library lists it for that persona too.
    cell = next(
        c
        for c in matrix.cells
        if c.persona.slug == "finance-fiona" and c.stage.slug == "onboarding"
    )
    library = manager_client.get(cell.url).context["page"]
    assert [asset.title for asset in library] == ["Company overview"]


def test_coverage_page_marks_cells_with_text_and_links_to_the_library(world, manager_client):
    body = manager_client.get(reverse("collateral:audit_coverage")).content.decode()
    assert body.count("Gap: no assets</span>") == 3
    assert body.count("Dead weight: not used</span>") == 4
    assert body.count("New: in its grace period</span>") == 1
    assert (
        'href="/collateral/?persona=finance-fiona&amp;stage=onboarding&amp;status=published"'
        in body
    )


def test_coverage_type_filter_narrows_cells_and_links(world, manager_client):
    matrix = coverage.coverage(filters(asset_type="deck"))
    assert sum(cell.assets for cell in matrix.cells) == 2  # A and I
    body = manager_client.get(reverse("collateral:audit_coverage"), {"type": "deck"})
    assert "type=deck" in body.content.decode()


# --- Stale -----------------------------------------------------------------------------------


def test_stale_lists_each_reason_that_applies(world):
    sort = stale.SORTING.state("")
    result = {a.title: stale.reasons(a) for a in stale.stale_assets(filters(), sort)}
    assert result == {
        world.assets["E"].title: [stale.REASONS["review"], stale.REASONS["positioning"]],
        world.assets["C"].title: [stale.REASONS["positioning"]],
        world.assets["H"].title: [stale.REASONS["rating"]],  # average exactly 2.0
    }
    assert list(result) == world.titles("E", "C", "H")  # past review date first


def test_stale_filters_by_reason(world):
    sort = stale.SORTING.state("title")
    titles = [a.title for a in stale.stale_assets(filters(), sort, "positioning")]
    assert titles == world.titles("C", "E")


def test_nothing_is_off_message_without_an_approved_positioning(world):
    world.positionings[2].__class__.objects.update(status="retired")
    sort = stale.SORTING.state("title")
    titles = [a.title for a in stale.stale_assets(filters(), sort)]
    assert titles == world.titles("H", "E")


def test_stale_page_shows_reasons_positioning_and_rating(world, manager_client):
    body = manager_client.get(reverse("collateral:audit_stale")).content.decode()
    assert "Not on the current positioning (possibly off-message)" in body
    assert "(current v2)" in body
    assert "2.0" in body
    assert "(2 ratings)" in body


def test_usage_page_lists_each_assets_type_downloads_and_unique_users(world, manager_client):
    body = manager_client.get(reverse("collateral:audit_usage")).content.decode()
    row = (
        rf">{world.assets['A'].title}</a></td>\s*<td>Deck</td>\s*"
        rf'<td class="num">4</td>\s*<td class="num">2</td>'
    )
    assert re.search(row, body)


@pytest.mark.parametrize("role", ["marketer_client", "manager_client"])
def test_a_coverage_cell_links_to_a_library_showing_its_assets(world, request, role):
    """A marketer's library shows drafts and retired assets too; the link asks for published
    ones, so the library lists what the cell counts (fiona × decision: A, not F or G)."""
    client = request.getfixturevalue(role)
    matrix = client.get(reverse("collateral:audit_coverage")).context["matrix"]
    for cell in matrix.cells:
        library = client.get(cell.url).context["page"]
        assert library.paginator.count == cell.assets, (cell.persona.name, cell.stage.name)


@pytest.mark.parametrize("sort", ["-downloads", "title", "-last_use", "last_use"])
def test_every_usage_row_links_its_asset_and_shows_its_last_use_whatever_the_sort(
    world, manager_client, sort
):
    page = manager_client.get(reverse("collateral:audit_usage"), {"sort": sort})
    rows = page.context["page_obj"].object_list
    assert rows
    used = Asset.objects.published().annotate(last=last_use()).in_bulk()
    for row in rows:
        assert row.uuid is not None
        assert row.last_used_at == used[row.pk].last
    body = page.content.decode()
    asset = world.assets["A"]
    assert f'<a href="{asset.get_absolute_url()}">{asset.title}</a>' in body
