"""The usage report: use downloads in the period per asset, persona, stage, type, team and week.

Three aggregate passes over the period's use rows do the heavy work, whatever the page shows:

1. per asset: downloads and unique users (distinct people; GROUP BY asset);
2. per local day: downloads, added up into weeks here for the chart;
3. per downloader: downloads, added up per team (role group) here.

Every other number is a sum of these, so it is exact. Per persona, stage and type the
per-asset numbers are added through the small mapping tables (instead of joining the million
download rows to them): downloads, and how many of their assets were used. Unique people do
not add up across assets (one rep may use three of a persona's decks), so the breakdowns do
not pretend they do; per team, pass 3 counts people directly.

None of the passes sorts every row: on a year of a million-download history (bench/) an
earlier "unique user-days per day and team" pass did, and cost more than these three together.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from django.contrib.auth.models import User
from django.core.paginator import Page
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from collateral.audit.export import local_date, type_label
from collateral.audit.filters import ReportFilters
from collateral.audit.queries import (
    audited_assets,
    last_use,
    period_uses_of,
    unique_users,
)
from collateral.audit.rollup import UseCounts
from collateral.audit.sorting import Column, Sorting, SortState
from collateral.models import Asset, BuyingStage
from personas.models import Persona
from personas.roles import MANAGERS, MARKETING, SALES

SORTING = Sorting(
    [
        Column("title", "Asset", "title", fold_case=True),
        Column("type", "Type", "type_label"),
        Column("downloads", "Downloads", "downloads", numeric=True, descending_first=True),
        Column("unique", "Unique users", "unique_users", numeric=True, descending_first=True),
        Column("last_use", "Last use", "last_used_at", descending_first=True),
    ],
    default="-downloads",
)

# (flag, group, label); "No team" is a downloader in none of the three groups.
TEAMS = [("sales", SALES, "Sales"), ("managers", MANAGERS, "Managers")]
TEAMS.append(("marketing", MARKETING, "Marketing"))

Membership = User.groups.through


@dataclass(frozen=True)
class UsageRow:
    """One line of a breakdown: a label, its use downloads, and how far the use reached: the
    number of its assets used (per persona, stage and type) or of people (per team)."""

    label: str
    downloads: int
    reach: int
    key: str = ""


class AssetUsage(NamedTuple):
    """One asset's line in the per-asset table. A tuple, not a dataclass: the report makes
    one per asset in scope (8,500 at bench scale) to sort them."""

    pk: int
    uuid: str | None  # None until the row is on the page shown (see Usage.page_of_assets)
    title: str
    asset_type: str
    type_label: str
    downloads: int
    unique_users: int
    last_used_at: datetime | None

    def get_absolute_url(self) -> str:
        return reverse("collateral:asset_detail", args=[self.uuid])


def week_start(day: date) -> date:
    """The Monday of `day`'s week (TruncWeek's convention, ISO 8601)."""
    return day - timedelta(days=day.weekday())


class Usage:
    """The usage report for one set of filters; each part is computed once, when first used."""

    def __init__(self, filters: ReportFilters):
        self.filters = filters
        self.assets_in_scope = filters.apply(audited_assets())
        self.rows = period_uses_of(self.assets_in_scope, filters.period)

    @cached_property
    def per_asset(self) -> dict[int, tuple[int, int]]:
        """Pass 1: {asset id: (downloads, unique users)} for assets used in the period."""
        grouped = (
            self.rows.values("asset")
            .annotate(downloads=Count("*"), unique=unique_users())
            .order_by()
        )
        return {row["asset"]: (row["downloads"], row["unique"]) for row in grouped}

    @cached_property
    def per_day(self) -> dict[date, int]:
        """Pass 2: {local day: use downloads}, for the weekly chart (at most 366 rows), from the
        daily roll-up and the live rows (collateral.audit.rollup)."""
        period = self.filters.period
        return UseCounts(self.assets_in_scope.values("pk")).per_day(period.start, period.end)

    @cached_property
    def per_downloader(self) -> dict[int | None, int]:
        """Pass 3: {user id: use downloads}, for the teams (one row per person who downloaded;
        None gathers deleted users' rows)."""
        grouped = self.rows.values("user").annotate(n=Count("*")).order_by()
        return {row["user"]: row["n"] for row in grouped}

    @property
    def totals(self) -> dict[str, int]:
        downloads = sum(downloads for downloads, _ in self.per_asset.values())
        return {"downloads": downloads, "unique_users": self.people}

    @property
    def people(self) -> int:
        """Distinct people who downloaded anything in scope (deleted users are not known)."""
        return sum(1 for user in self.per_downloader if user is not None)

    def by_week(self) -> list[tuple[date, int]]:
        """(Monday, use downloads) for every week the period touches, empty ones too.

        Days are local dates, so weeks start at local midnight on Monday. The first and last
        weeks are usually partial (the period starts and ends mid-week).
        """
        counts: dict[date, int] = defaultdict(int)
        for day, downloads in self.per_day.items():
            counts[week_start(day)] += downloads
        period = self.filters.period
        monday = week_start(timezone.localdate(period.start))
        last = week_start(timezone.localdate(period.end))
        weeks = []
        while monday <= last:
            weeks.append((monday, counts.get(monday, 0)))
            monday += timedelta(days=7)
        return weeks

    def by_team(self) -> list[UsageRow]:
        """Per role group of the downloader: downloads and the number of people who downloaded.
        Someone in two groups counts in both; deleted users and people in no group are "No
        team". One small query for the memberships of the people who downloaded."""
        people = [user for user in self.per_downloader if user is not None]
        groups_of: dict[int, set[str]] = defaultdict(set)
        memberships = Membership.objects.filter(
            user_id__in=people, group__name__in=[group for _, group, _ in TEAMS]
        ).values_list("user_id", "group__name")
        for user, group in memberships:
            groups_of[user].add(group)
        result = []
        for _, group, label in TEAMS:
            team = {u: n for u, n in self.per_downloader.items() if group in groups_of.get(u, ())}
            result.append(UsageRow(label, sum(team.values()), len(team), key=group))
        nobody = {u: n for u, n in self.per_downloader.items() if not groups_of.get(u)}
        result.append(UsageRow("No team", sum(nobody.values()), len(nobody)))
        return result

    def people_in(self, group: str) -> list[tuple[int, int]]:
        """(user id, use downloads) of the team's people who downloaded in scope, busiest
        first: who is behind a team's line (managers only, see views.history)."""
        members = set(
            Membership.objects.filter(
                user_id__in=[user for user in self.per_downloader if user is not None],
                group__name=group,
            ).values_list("user_id", flat=True)
        )
        people = [(user, n) for user, n in self.per_downloader.items() if user in members]
        return sorted(people, key=lambda row: (-row[1], row[0]))

    def _sum_by(self, pairs) -> dict[object, tuple[int, int]]:
        """(downloads, assets used) per key, from (key, asset id) pairs."""
        sums: dict[object, list[int]] = defaultdict(lambda: [0, 0])
        for key, asset_id in pairs:
            downloads, _ = self.per_asset.get(asset_id, (0, 0))
            sums[key][0] += downloads
            sums[key][1] += 1 if downloads else 0
        return {key: (downloads, used) for key, (downloads, used) in sums.items()}

    def by_persona(self) -> list[UsageRow]:
        """Published personas, busiest first. An asset mapped to two personas counts in both;
        one mapped to none fits every persona (AssetQuerySet.for_persona), so it counts in
        every row, as the report filtered to one persona counts it."""
        mapping = list(
            Asset.personas.through.objects.filter(
                asset__in=self.assets_in_scope.values("pk")
            ).values_list("persona_id", "asset_id")
        )
        sums = self._sum_by(mapping)
        mapped = {asset_id for _, asset_id in mapping}
        unmapped = [(None, line.pk) for line in self.asset_lines if line.pk not in mapped]
        everyone = self._sum_by(unmapped).get(None, (0, 0))
        personas = Persona.objects.published().order_by("name").values_list("pk", "slug", "name")
        rows = []
        for pk, slug, name in personas:
            downloads, used = sums.get(pk, (0, 0))
            rows.append(UsageRow(name, downloads + everyone[0], used + everyone[1], key=slug))
        return sorted(rows, key=lambda row: -row.downloads)

    def by_stage(self) -> list[UsageRow]:
        """Stages in the order of the buyer's journey."""
        mapping = Asset.stages.through.objects.filter(
            asset__in=self.assets_in_scope.values("pk")
        ).values_list("buyingstage_id", "asset_id")
        sums = self._sum_by(mapping)
        stages = BuyingStage.objects.values_list("pk", "slug", "name")
        return [UsageRow(name, *sums.get(pk, (0, 0)), key=slug) for pk, slug, name in stages]

    def by_type(self) -> list[UsageRow]:
        sums = self._sum_by((asset.asset_type, asset.pk) for asset in self.asset_lines)
        rows = [
            UsageRow(label, *sums.get(value, (0, 0)), key=value)
            for value, label in Asset.Type.choices
        ]
        return sorted(rows, key=lambda row: -row.downloads)

    @cached_property
    def assets(self) -> list[AssetUsage]:
        """Every asset in scope with its numbers (zero when unused) and its last use, one
        query for the assets (with a last-use lookup each: the CSV and that sort need it)."""
        rows = self.assets_in_scope.annotate(last_used_at=last_use()).values_list(
            "pk", "uuid", "title", "asset_type", "last_used_at"
        )
        return [
            AssetUsage(
                pk,
                uuid,
                title,
                asset_type,
                type_label(asset_type),
                *self.per_asset.get(pk, (0, 0)),
                last_used_at,
            )
            for pk, uuid, title, asset_type, last_used_at in rows
        ]

    @cached_property
    def asset_lines(self) -> list[AssetUsage]:
        """The same lines without address and last use: enough to sort by anything else."""
        if "assets" in self.__dict__:
            return self.assets
        rows = self.assets_in_scope.values_list("pk", "title", "asset_type")
        return [
            AssetUsage(
                pk,
                None,
                title,
                asset_type,
                type_label(asset_type),
                *self.per_asset.get(pk, (0, 0)),
                None,
            )
            for pk, title, asset_type in rows
        ]

    def sorted_assets(self, sort: SortState) -> list[AssetUsage]:
        return sort.sort_rows(self.assets)

    def page_of_assets(self, sort: SortState, paginate: Callable[[list], Page]) -> Page:
        """One page of the per-asset table (`paginate` cuts it). Only its rows get an address
        and a last use (one query), unless the table is sorted by last use."""
        if sort.key == "last_use":
            return paginate(self.sorted_assets(sort))
        page = paginate(sort.sort_rows(self.asset_lines))
        shown = [line.pk for line in page.object_list]
        details = {
            pk: (uuid, last_used_at)
            for pk, uuid, last_used_at in Asset.objects.filter(pk__in=shown)
            .annotate(last_used_at=last_use())
            .values_list("pk", "uuid", "last_used_at")
        }
        # An asset deleted in between (admin) leaves its line out rather than failing.
        page.object_list = [
            line._replace(uuid=details[line.pk][0], last_used_at=details[line.pk][1])
            for line in page.object_list
            if line.pk in details
        ]
        return page

    def breakdown(self, key: str) -> tuple[str, str, list[UsageRow]]:
        """(row label, label of the second number, rows) of one breakdown."""
        label, count_label, method = BREAKDOWNS[key]
        return label, count_label, getattr(self, method)()

    def breakdowns(self) -> list[tuple[str, str, str, list[UsageRow]]]:
        return [(key, *self.breakdown(key)) for key in BREAKDOWNS]


# Per persona, stage and type the second number is how many of their assets were used; per
# team it is the number of people in the team who downloaded anything in the period.
BREAKDOWNS = {
    "personas": ("Persona", "Assets used", "by_persona"),
    "stages": ("Stage", "Assets used", "by_stage"),
    "types": ("Type", "Assets used", "by_type"),
    "teams": ("Team", "People", "by_team"),
}


def breakdown_csv(
    rows: list[UsageRow], label: str, count_label: str
) -> tuple[list[str], list[list]]:
    return [label, "Downloads", count_label], [
        [row.label, row.downloads, row.reach] for row in rows
    ]


def weeks_csv(weeks: list[tuple[date, int]]) -> tuple[list[str], list[list]]:
    return ["Week starting", "Downloads"], [
        [monday.isoformat(), downloads] for monday, downloads in weeks
    ]


def assets_csv(assets: list[AssetUsage]) -> tuple[list[str], list[list]]:
    header = ["Asset", "Type", "Downloads", "Unique users", "Last use"]
    rows = [
        [
            asset.title,
            asset.type_label,
            asset.downloads,
            asset.unique_users,
            local_date(asset.last_used_at),
        ]
        for asset in assets
    ]
    return header, rows
