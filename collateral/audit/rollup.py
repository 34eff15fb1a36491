"""The daily roll-up of downloads, and how reports read it exactly (DESIGN §5b).

`roll_up()` (run by `manage.py rollup_downloads`, e.g. nightly) counts the Download rows of
every closed local day not rolled up yet into DailyDownloads: one row per day, asset and
use/non-use.

A report's period is an instant range [start, end). `split(start, end)` cuts it into

- the *body*: the whole local days inside it that are rolled up, read from DailyDownloads;
- the rest: the partial first day, today, and any day after the last rolled-up one, read
  from the Download rows (`live_q(parts)`). `UseCounts` adds the two up per period, asset or day.

Every download falls in exactly one of the two, so roll-up + live = the raw rows, always: a
download shows in the reports at once, and a roll-up that has not run for a week only makes
the live part longer. tests/collateral/audit/test_rollup.py compares them on random data.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from collateral.audit.queries import local_day
from collateral.models import DailyDownloads, Download

BATCH = 5_000


def midnight(day: date) -> datetime:
    """The instant a local day starts."""
    return timezone.make_aware(datetime.combine(day, time.min))


def rolled_through() -> date | None:
    """The last day the roll-up covers (None before the first run)."""
    return DailyDownloads.objects.aggregate(last=Max("day"))["last"]


def roll_up(today: date | None = None, *, rebuild: bool = False) -> tuple[int, int]:
    """Roll up every closed day after the last rolled-up one; returns (days, rows written).

    The first run covers the whole history. Days with no downloads write nothing and are
    simply counted again next time, which costs an empty index range. Downloads are written
    "now", never into a closed day; after importing history (seed_demo, a migration from
    another system) `rebuild` counts everything again.
    """
    today = today or timezone.localdate()
    if rebuild:
        DailyDownloads.objects.all().delete()
    last = rolled_through()
    first = (last + timedelta(days=1)) if last else None
    if first is not None and first >= today:
        return 0, 0
    rows = Download.objects.filter(downloaded_at__lt=midnight(today))
    if first is not None:
        rows = rows.filter(downloaded_at__gte=midnight(first))
    grouped = (
        rows.annotate(day=local_day())
        .values("day", "asset", "is_use")
        .annotate(downloads=Count("*"))
        .order_by()
    )
    written = 0
    days = set()
    with transaction.atomic():
        batch = []
        for row in grouped.iterator(chunk_size=BATCH):
            days.add(row["day"])
            batch.append(
                DailyDownloads(
                    day=row["day"],
                    asset_id=row["asset"],
                    is_use=row["is_use"],
                    downloads=row["downloads"],
                )
            )
            if len(batch) == BATCH:
                written += len(DailyDownloads.objects.bulk_create(batch))
                batch = []
        written += len(DailyDownloads.objects.bulk_create(batch))
    if written and connection.vendor == "postgresql":
        # The reports' plans depend on how many roll-up rows a period holds: after the first
        # run (the whole history) the planner otherwise guesses a few hundred instead of
        # tens of thousands until autovacuum gets round to it, and picks a nested loop that
        # made the persona-filtered usage report four times slower (bench/README.md).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DailyDownloads._meta.db_table}")
    return len(days), written


@dataclass(frozen=True)
class Parts:
    """[start, end) cut into rolled-up whole days [first_day, last_day] and the live rest."""

    start: datetime
    end: datetime
    first_day: date | None = None
    last_day: date | None = None

    @property
    def has_body(self) -> bool:
        return self.first_day is not None

    @property
    def body_start(self) -> datetime:
        return midnight(self.first_day)

    @property
    def body_end(self) -> datetime:
        return midnight(self.last_day + timedelta(days=1))


def split(start: datetime, end: datetime, through: date | None) -> Parts:
    """The whole local days of [start, end) that the roll-up covers (up to `through`)."""
    if through is None:
        return Parts(start, end)
    first = timezone.localdate(start)
    if midnight(first) < start:
        first += timedelta(days=1)
    last = min(through, timezone.localdate(end) - timedelta(days=1))
    if midnight(last + timedelta(days=1)) > end:
        last -= timedelta(days=1)
    if last < first:
        return Parts(start, end)
    return Parts(start, end, first, last)


def live_q(parts: Parts) -> Q:
    """Download rows of the period that the roll-up does not cover."""
    condition = Q(downloaded_at__gte=parts.start, downloaded_at__lt=parts.end)
    if parts.has_body:
        condition &= Q(downloaded_at__lt=parts.body_start) | Q(downloaded_at__gte=parts.body_end)
    return condition


def rolled_q(parts: Parts) -> Q:
    """Roll-up rows of the period's whole days (matching nothing when it covers none)."""
    if not parts.has_body:
        return Q(pk__in=[])
    return Q(day__gte=parts.first_day, day__lte=parts.last_day)


class UseCounts:
    """Use downloads of some assets (a queryset of their pks) over periods, exactly: the
    roll-up's whole days plus the live rows, each read with one aggregate query."""

    def __init__(self, asset_pks: QuerySet):
        self.asset_pks = asset_pks
        self.through = rolled_through()

    def parts(self, start: datetime, end: datetime) -> Parts:
        return split(start, end, self.through)

    def _rolled(self) -> QuerySet[DailyDownloads]:
        return DailyDownloads.objects.filter(is_use=True, asset__in=self.asset_pks)

    def _live(self) -> QuerySet[Download]:
        return Download.objects.filter(is_use=True, asset__in=self.asset_pks)

    def totals(self, periods: dict[str, tuple[datetime, datetime]]) -> dict[str, int]:
        """{name: use downloads} for several periods at once (two queries in all)."""
        # Aliases of their own: a period named like a field ("downloads") would clash.
        cut = {f"period_{n}": self.parts(*bounds) for n, bounds in enumerate(periods.values())}
        rolled = self._rolled().aggregate(
            **{alias: Sum("downloads", filter=rolled_q(parts)) for alias, parts in cut.items()}
        )
        live_rows = self._live().filter(reduce(or_, (live_q(parts) for parts in cut.values())))
        counted = live_rows.aggregate(
            **{alias: Count("pk", filter=live_q(parts)) for alias, parts in cut.items()}
        )
        return {
            name: (rolled[alias] or 0) + (counted[alias] or 0)
            for name, alias in zip(periods, cut, strict=True)
        }

    def per_asset(self, start: datetime, end: datetime) -> dict[int, int]:
        """{asset id: use downloads in [start, end)} for assets used in it."""
        parts = self.parts(start, end)
        counts: Counter = Counter()
        if parts.has_body:
            rolled = self._rolled().filter(rolled_q(parts)).values("asset").order_by()
            counts.update(dict(rolled.annotate(n=Sum("downloads")).values_list("asset", "n")))
        live_rows = self._live().filter(live_q(parts)).values("asset").order_by()
        counts.update(dict(live_rows.annotate(n=Count("*")).values_list("asset", "n")))
        return dict(counts)

    def per_day(self, start: datetime, end: datetime) -> dict[date, int]:
        """{local day: use downloads in [start, end)} for days with any."""
        parts = self.parts(start, end)
        counts: Counter = Counter()
        if parts.has_body:
            rolled = self._rolled().filter(rolled_q(parts)).values("day").order_by()
            counts.update(dict(rolled.annotate(n=Sum("downloads")).values_list("day", "n")))
        live_rows = self._live().filter(live_q(parts)).annotate(day=local_day())
        live_days = live_rows.values("day").order_by().annotate(n=Count("*"))
        counts.update(dict(live_days.values_list("day", "n")))
        return dict(counts)
