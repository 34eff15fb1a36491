"""The SQL building blocks every report shares: which assets are audited, what counts as use,
and the key behind "unique users". Reports aggregate in the database; nothing here loops over
Download rows in Python."""

from datetime import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, Trim, TruncDate

from collateral.audit.period import Period
from collateral.models import Asset, Download


def audited_assets() -> QuerySet[Asset]:
    """Published assets, each with the date it went out (`published_on`).

    Drafts were never offered to sales and retired assets already left, so neither is audited.
    Assets published before `published_at` existed fall back to their creation date.
    """
    return Asset.objects.published().annotate(published_on=Coalesce("published_at", "created_at"))


def uses() -> QuerySet[Download]:
    """Downloads that count as use (DESIGN §5a): not the owner's, uploader's or Marketing's."""
    return Download.objects.filter(is_use=True)


def uses_between(start: datetime, end: datetime) -> QuerySet[Download]:
    return uses().filter(downloaded_at__gte=start, downloaded_at__lt=end)


def period_uses_of(assets: QuerySet[Asset], period: Period) -> QuerySet[Download]:
    """Use downloads in the period of the given assets (an IN subquery, not a join)."""
    return uses_between(period.start, period.end).filter(asset__in=assets.values("pk"))


def unique_users(condition: Q | None = None) -> Count:
    """COUNT(DISTINCT user) over Download rows: the people who used something. Rows whose
    user was deleted are not counted (nobody can tell whether they were one person or more)."""
    return Count("user", filter=condition, distinct=True)


def owner_name() -> Lower:
    """The owner's name as the reports show it (export.person_name): the full name, or the
    username for someone without one; lower-cased so the sort ignores case."""
    full = Trim(Concat("owner__first_name", Value(" "), "owner__last_name"))
    unnamed = Q(owner__first_name="") & Q(owner__last_name="")
    return Lower(Case(When(unnamed, then=F("owner__username")), default=full))


def local_day() -> TruncDate:
    """The local (settings.TIME_ZONE) date of a download."""
    return TruncDate("downloaded_at")


def last_use() -> Subquery:
    """The asset's latest use (read backwards from download_use_asset_user_idx)."""
    latest = uses().filter(asset=OuterRef("pk")).order_by("-downloaded_at")
    return Subquery(latest.values("downloaded_at")[:1])


def used_since(start: datetime) -> Exists:
    return Exists(uses().filter(asset=OuterRef("pk"), downloaded_at__gte=start))


def ever_used() -> Exists:
    return Exists(uses().filter(asset=OuterRef("pk")))


def past_grace(period: Period) -> Q:
    """Assets out long enough to be judged (`published_on` must be annotated)."""
    return Q(published_on__lte=period.grace_cutoff)
