"""The headline numbers of the audit page, in three aggregate queries."""

from dataclasses import dataclass

from django.db.models import Count, Q

from collateral.audit.filters import ReportFilters
from collateral.audit.period import Period
from collateral.audit.queries import (
    audited_assets,
    ever_used,
    past_grace,
    used_since,
)
from collateral.audit.rollup import UseCounts
from collateral.audit.usage import Usage
from collateral.models import Asset, AuditEntry


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Summary:
    published: int
    in_grace: int
    never_used: int
    not_used_in_period: int
    downloads: int
    previous_downloads: int
    unique_users: int

    @property
    def judged(self) -> int:
        """Published assets out of their grace period: the base of the percentages."""
        return self.published - self.in_grace

    @property
    def never_used_percent(self) -> int | None:
        return percent(self.never_used, self.judged)

    @property
    def not_used_percent(self) -> int | None:
        return percent(self.not_used_in_period, self.judged)

    @property
    def change(self) -> int:
        return self.downloads - self.previous_downloads

    @property
    def change_percent(self) -> int | None:
        """Change against the previous period; None when there is nothing to compare with."""
        return percent(self.change, self.previous_downloads)


def summarise(period: Period) -> Summary:
    """Asset counts (one query with EXISTS per asset), downloads of this and the previous
    period (the daily roll-up plus the live rows: three small queries), and the people who
    downloaded in this period (the usage report's per-downloader pass).

    People are counted for this period only; the comparison is made on downloads.
    """
    judged = past_grace(period)
    assets = audited_assets().aggregate(
        published=Count("pk"),
        in_grace=Count("pk", filter=~judged),
        never_used=Count("pk", filter=judged & ~Q(ever_used())),
        not_used_in_period=Count("pk", filter=judged & ~Q(used_since(period.start))),
    )
    downloads = UseCounts(Asset.objects.published().values("pk")).totals(
        {
            "downloads": (period.start, period.end),
            "previous_downloads": (period.previous_start, period.start),
        }
    )
    unique = Usage(ReportFilters(period=period)).people
    return Summary(**assets, **downloads, unique_users=unique)


def recent_actions(limit: int = 5) -> list[AuditEntry]:
    """The latest bulk actions, with how many assets each touched (one query)."""
    return list(
        AuditEntry.objects.select_related("user")
        .annotate(asset_count=Count("assets"))
        .order_by("-created_at", "-pk")[:limit]
    )
