"""The SQL building blocks every report shares: which assets are audited, what counts as use,
and the key behind "unique users". Reports aggregate in the database; nothing here loops over
Download rows in Python."""

from datetime import datetime

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

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


class DayNumber(Func):
    """Whole days from 2000-01-01 to a date expression, as an integer, on both databases."""

    output_field = IntegerField()
    template = "(%(expressions)s - DATE '2000-01-01')"

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(julianday(%(expressions)s) - julianday('2000-01-01') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


# Bit widths of the "unique users" key: 16 bits of day (2000 to 2179), 24 of user id.
DAY_BITS = 16
USER_BITS = 24


def use_day_key() -> F:
    """One number per (asset, user, local day): (asset × 2^16 + day) × 2^24 + user.

    Counting these DISTINCT is "unique users": a person who downloads the same deck five
    times before one call used it once. The day is the local (settings.TIME_ZONE) date, so
    an evening download is not split at UTC midnight. An integer sorts and hashes several
    times faster than a text key on a million rows; it is exact while user ids stay below
    2^24 (16.7 million) and asset ids below 2^23 (8.3 million). Rows whose user was deleted
    share user 0: per asset and day they count once.
    """
    day = DayNumber(local_day())
    user = Coalesce("user_id", Value(0))
    return (F("asset_id") * (2**DAY_BITS) + day) * (2**USER_BITS) + user


def unique_users(condition: Q | None = None) -> Count:
    """COUNT(DISTINCT use_day_key) over Download rows, optionally filtered."""
    return Count(use_day_key(), filter=condition, distinct=True, output_field=BigIntegerField())


def unique_users_per_day() -> Count:
    """The same count for rows grouped by local day: the day is fixed, so (asset, user) is
    enough, and the time-zone conversion is done once per row (for the GROUP BY), not twice."""
    user = Coalesce("user_id", Value(0))
    key = F("asset_id") * (2**USER_BITS) + user
    return Count(key, distinct=True, output_field=BigIntegerField())


def local_day() -> TruncDate:
    """The local (settings.TIME_ZONE) date of a download."""
    return TruncDate("downloaded_at")


def last_use() -> Subquery:
    """The asset's latest use (read backwards from download_use_asset_time_idx)."""
    latest = uses().filter(asset=OuterRef("pk")).order_by("-downloaded_at")
    return Subquery(latest.values("downloaded_at")[:1])


def used_since(start: datetime) -> Exists:
    return Exists(uses().filter(asset=OuterRef("pk"), downloaded_at__gte=start))


def ever_used() -> Exists:
    return Exists(uses().filter(asset=OuterRef("pk")))


def past_grace(period: Period) -> Q:
    """Assets out long enough to be judged (`published_on` must be annotated)."""
    return Q(published_on__lte=period.grace_cutoff)
