"""The usage report: use downloads in the period per asset, persona, stage, type, team and week.

Two aggregate passes over the period's use rows do the heavy work, whatever the page shows:

1. per asset: downloads and unique users (GROUP BY asset);
2. per day and team: the same two numbers (GROUP BY local day and the downloader's role
   groups), added up into weeks here.

Every other number is a sum of these. That is exact, not an estimate: "unique users" counts
distinct (user, asset, day), and such triples of different assets (or of different users, or
weeks) never coincide, so they add up. Per persona and stage the per-asset numbers are added
through the small mapping tables, instead of joining the million download rows to them.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from django.contrib.auth.models import User
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from collateral.audit.export import local_date
from collateral.audit.filters import ReportFilters
from collateral.audit.queries import (
    audited_assets,
    last_use,
    local_day,
    period_uses_of,
    unique_users,
    unique_users_per_day,
)
from collateral.audit.sorting import Column, Sorting, SortState
from collateral.models import Asset, BuyingStage
from personas.models import Persona
from personas.roles import MANAGERS, MARKETING, SALES

SORTING = Sorting(
    [
        Column("title", "Asset", "title"),
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


@dataclass(frozen=True)
class UsageRow:
    """One line of a breakdown: a label, its use downloads and unique users."""

    label: str
    downloads: int
    unique_users: int
    key: str = ""


@dataclass(frozen=True)
class AssetUsage:
    """One asset's line in the per-asset table."""

    pk: int
    uuid: str
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
    def per_day_and_team(self) -> list[dict]:
        """Pass 2: downloads and unique users per local day and combination of role groups.

        Each downloader has one combination (a user in Sales and Managers has both flags), so
        the rows partition the downloads: summed over flags they give the days (and weeks),
        summed over days the teams. Deleted users' rows have no flags. At most 8 rows a day.
        """
        memberships = User.groups.through.objects.values("user_id")
        flags = {
            flag: ExpressionWrapper(
                Q(user_id__in=memberships.filter(group__name=group)), output_field=BooleanField()
            )
            for flag, group, _ in TEAMS
        }
        return list(
            self.rows.annotate(day=local_day(), **flags)
            .values("day", *flags)
            .annotate(downloads=Count("*"), unique=unique_users_per_day())
            .order_by()
        )

    @property
    def totals(self) -> dict[str, int]:
        downloads = sum(downloads for downloads, _ in self.per_asset.values())
        unique = sum(unique for _, unique in self.per_asset.values())
        return {"downloads": downloads, "unique_users": unique}

    def by_week(self) -> list[tuple[date, int, int]]:
        """(Monday, downloads, unique users) for every week the period touches, empty ones too.

        Days are local dates, so weeks start at local midnight on Monday. The first and last
        weeks are usually partial (the period starts and ends mid-week).
        """
        counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        for row in self.per_day_and_team:
            week = counts[week_start(row["day"])]
            week[0] += row["downloads"]
            week[1] += row["unique"]
        period = self.filters.period
        monday = week_start(timezone.localdate(period.start))
        last = week_start(timezone.localdate(period.end))
        weeks = []
        while monday <= last:
            weeks.append((monday, *counts.get(monday, (0, 0))))
            monday += timedelta(days=7)
        return weeks

    def by_team(self) -> list[UsageRow]:
        """Per role group of the downloader; someone in two groups counts in both."""
        result = []
        for flag, group, label in TEAMS:
            rows = [row for row in self.per_day_and_team if row[flag]]
            result.append(self._row(label, rows, key=group))
        nobody = [row for row in self.per_day_and_team if not any(row[f] for f, _, _ in TEAMS)]
        result.append(self._row("No team", nobody))
        return result

    @staticmethod
    def _row(label: str, rows: list[dict], key: str = "") -> UsageRow:
        downloads = sum(row["downloads"] for row in rows)
        return UsageRow(label, downloads, sum(row["unique"] for row in rows), key=key)

    def _sum_by(self, pairs) -> dict[object, tuple[int, int]]:
        """Add per-asset numbers up by a key, from (key, asset id) pairs."""
        sums: dict[object, list[int]] = defaultdict(lambda: [0, 0])
        for key, asset_id in pairs:
            downloads, unique = self.per_asset.get(asset_id, (0, 0))
            sums[key][0] += downloads
            sums[key][1] += unique
        return {key: (downloads, unique) for key, (downloads, unique) in sums.items()}

    def by_persona(self) -> list[UsageRow]:
        """Published personas, busiest first. An asset mapped to two personas counts in both."""
        mapping = Asset.personas.through.objects.filter(
            asset__in=self.assets_in_scope.values("pk")
        ).values_list("persona_id", "asset_id")
        sums = self._sum_by(mapping)
        personas = Persona.objects.published().order_by("name").values_list("pk", "slug", "name")
        rows = [UsageRow(name, *sums.get(pk, (0, 0)), key=slug) for pk, slug, name in personas]
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
        sums = self._sum_by((asset.asset_type, asset.pk) for asset in self.assets)
        rows = [
            UsageRow(label, *sums.get(value, (0, 0)), key=value)
            for value, label in Asset.Type.choices
        ]
        return sorted(rows, key=lambda row: -row.downloads)

    @cached_property
    def assets(self) -> list[AssetUsage]:
        """Every asset in scope with its numbers (zero when unused), one query for the assets."""
        labels = dict(Asset.Type.choices)
        rows = self.assets_in_scope.annotate(last_used_at=last_use()).values_list(
            "pk", "uuid", "title", "asset_type", "last_used_at"
        )
        return [
            AssetUsage(
                pk,
                uuid,
                title,
                asset_type,
                labels.get(asset_type, asset_type),
                *self.per_asset.get(pk, (0, 0)),
                last_used_at,
            )
            for pk, uuid, title, asset_type, last_used_at in rows
        ]

    def sorted_assets(self, sort: SortState) -> list[AssetUsage]:
        return sort.sort_rows(self.assets)

    def breakdown(self, key: str) -> tuple[str, list[UsageRow]]:
        label, method = BREAKDOWNS[key]
        return label, getattr(self, method)()

    def breakdowns(self) -> list[tuple[str, str, list[UsageRow]]]:
        return [(key, *self.breakdown(key)) for key in BREAKDOWNS]


BREAKDOWNS = {
    "personas": ("Persona", "by_persona"),
    "stages": ("Stage", "by_stage"),
    "types": ("Type", "by_type"),
    "teams": ("Team", "by_team"),
}


def breakdown_csv(rows: list[UsageRow], label: str) -> tuple[list[str], list[list]]:
    return [label, "Downloads", "Unique users"], [
        [row.label, row.downloads, row.unique_users] for row in rows
    ]


def weeks_csv(weeks: list[tuple[date, int, int]]) -> tuple[list[str], list[list]]:
    return ["Week starting", "Downloads", "Unique users"], [
        [monday.isoformat(), downloads, unique] for monday, downloads, unique in weeks
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
