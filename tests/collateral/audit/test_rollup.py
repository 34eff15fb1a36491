"""The daily roll-up is exact: roll-up + live rows = the raw Download rows, for every period,
whether it ran last night, a week ago or never (DESIGN §5b, #18.3)."""

import io
import random
from collections import Counter
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from collateral.audit import coverage, rollup, usage
from collateral.audit.filters import ReportFilters
from collateral.audit.period import PERIOD_CHOICES, Period
from collateral.audit.queries import local_day
from collateral.audit.rollup import UseCounts, roll_up, rolled_through, split
from collateral.audit.summary import summarise
from collateral.models import Asset, DailyDownloads, Download
from collateral.services import record_download
from tests.collateral.audit.conftest import download, make_asset


def random_history(world, rng: random.Random, rows: int = 1_500) -> list[Asset]:
    """Downloads over 800 days at random instants, many close to local midnight."""
    personas = list(world.personas.values())
    users = [*world.users.values(), None]
    assets = [
        make_asset(
            f"Random asset {n}",
            rng.choice(Asset.Type.values),
            world.users["marketer"],
            status=rng.choice(["published", "published", "retired"]),
            published_at=timezone.now() - timedelta(days=rng.randint(0, 900)),
            personas=rng.sample(personas, rng.randint(0, 2)),
            stages=rng.sample(["awareness", "consideration", "decision", "onboarding"], 2),
        )
        for n in range(12)
    ]
    today = timezone.localdate()

    def when() -> datetime:
        day = today - timedelta(days=rng.randint(0, 800))
        minute = rng.choice([0, 1, 30, 23 * 60 + 59, rng.randint(0, 24 * 60 - 1)])
        moment = timezone.make_aware(datetime.combine(day, time(minute // 60, minute % 60)))
        return min(moment, timezone.now())

    Download.objects.bulk_create(
        download(rng.choice(assets), rng.choice(users), when(), is_use=rng.random() > 0.15)
        for _ in range(rows)
    )
    return assets


def raw_uses(assets, start: datetime, end: datetime):
    return Download.objects.filter(
        is_use=True, asset__in=assets, downloaded_at__gte=start, downloaded_at__lt=end
    )


def report_numbers(period_days: int, now: datetime) -> tuple:
    """Everything the reports show that the roll-up feeds, for one period."""
    filters = ReportFilters(period=Period.last(period_days, now=now))
    report = usage.Usage(filters)
    return (
        summarise(filters.period),
        report.by_week(),
        report.totals,
        coverage.coverage(filters),
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_roll_up_plus_live_rows_equal_the_raw_rows_on_random_data(world, seed):
    rng = random.Random(seed)
    now = timezone.now()
    assets = random_history(world, rng)
    published = Asset.objects.published().values("pk")
    periods = [(now - timedelta(days=days), now) for days in (*PERIOD_CHOICES, 1, 2, 400, 700)]
    periods += [(now - timedelta(days=2 * n), now - timedelta(days=n)) for n in PERIOD_CHOICES]
    # Rolled up to 3 weeks ago (the nightly job stopped), then fully; compare each time.
    for rolled_to in (timezone.localdate() - timedelta(days=21), timezone.localdate()):
        roll_up(today=rolled_to)
        assert rolled_through() < rolled_to
        counts = UseCounts(published)
        for start, end in periods:
            raw = raw_uses(published, start, end)
            assert counts.totals({"p": (start, end)}) == {"p": raw.count()}
            per_asset = dict(raw.values("asset").annotate(n=Count("*")).values_list("asset", "n"))
            assert counts.per_asset(start, end) == per_asset
            per_day = raw.annotate(day=local_day()).values("day").annotate(n=Count("*"))
            assert counts.per_day(start, end) == dict(per_day.values_list("day", "n"))
    assert len(assets) == 12


def test_the_reports_show_the_same_numbers_before_and_after_the_roll_up(world):
    random_history(world, random.Random(3), rows=800)
    now = timezone.now()
    before = [report_numbers(days, now) for days in PERIOD_CHOICES]
    roll_up()
    assert DailyDownloads.objects.exists()
    after = [report_numbers(days, now) for days in PERIOD_CHOICES]
    assert after == before


def test_the_roll_up_counts_each_closed_day_per_asset_and_kind(world):
    random_history(world, random.Random(4), rows=600)
    roll_up()
    today = timezone.localdate()
    expected = Counter()
    closed = Download.objects.filter(
        downloaded_at__lt=timezone.make_aware(datetime.combine(today, time.min))
    )
    for day, asset, is_use in closed.annotate(day=local_day()).values_list(
        "day", "asset", "is_use"
    ):
        expected[day, asset, is_use] += 1
    rolled = {
        (row.day, row.asset_id, row.is_use): row.downloads for row in DailyDownloads.objects.all()
    }
    assert rolled == dict(expected)
    assert DailyDownloads.objects.aggregate(n=Sum("downloads"))["n"] == sum(expected.values())
    assert not DailyDownloads.objects.filter(day__gte=today).exists()


def test_a_download_shows_in_the_reports_at_once(world, rep):
    roll_up()
    before = summarise(Period.last(30)).downloads
    asset = world.assets["A"]
    record_download(rep, asset, asset.current_version, Download.Source.LIBRARY)
    assert summarise(Period.last(30)).downloads == before + 1


def test_the_command_rolls_up_once_and_says_how_far(world):
    random_history(world, random.Random(5), rows=300)
    out = io.StringIO()
    call_command("rollup_downloads", stdout=out)
    rows = DailyDownloads.objects.count()
    yesterday = timezone.localdate() - timedelta(days=1)
    assert "now covers up to" in out.getvalue()
    assert rolled_through() <= yesterday
    out = io.StringIO()
    call_command("rollup_downloads", stdout=out)
    assert out.getvalue().startswith("Rolled up 0 days (0 rows)")
    assert DailyDownloads.objects.count() == rows
    # History imported into closed days: --rebuild counts it.
    random_history(world, random.Random(6), rows=50)
    call_command("rollup_downloads", "--rebuild", stdout=io.StringIO())
    assert DailyDownloads.objects.aggregate(n=Sum("downloads"))["n"] == (
        Download.objects.filter(downloaded_at__lt=rollup.midnight(timezone.localdate())).count()
    )


def test_split_keeps_partial_days_live(settings):
    start = timezone.make_aware(datetime(2026, 3, 1, 15, 0))
    end = timezone.make_aware(datetime(2026, 3, 10, 9, 0))
    parts = split(start, end, through=datetime(2026, 3, 30).date())
    assert (parts.first_day.isoformat(), parts.last_day.isoformat()) == (
        "2026-03-02",
        "2026-03-09",
    )
    assert split(start, end, through=None).has_body is False
    early = split(start, end, through=datetime(2026, 3, 4).date())
    assert early.last_day.isoformat() == "2026-03-04"


@pytest.mark.django_db
def test_report_queries_are_never_jit_compiled_on_postgresql():
    """PostgreSQL's JIT compiled the stale CSV's query for 320 of its 370 ms (bench/)."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL feature")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
