"""The unused report: published assets, past their grace period, with no use in the period.

"Never used" assets (no use at all, ever) are the strongest subset and are marked as such.
"""

from collections import defaultdict
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from collateral.audit.export import OWNER_NAME_FIELDS, full_name, local_date, type_label
from collateral.audit.filters import ReportFilters
from collateral.audit.queries import (
    audited_assets,
    last_use,
    owner_name,
    past_grace,
    used_since,
)
from collateral.audit.sorting import Column, Sorting, SortState
from collateral.models import Asset
from personas.models import Persona

SORTING = Sorting(
    [
        Column("title", "Asset", "title", fold_case=True),
        Column("type", "Type", "asset_type"),
        Column("owner", "Owner", "owner_name", empty_last=True),
        Column("personas", "Personas"),
        Column("stages", "Stages"),
        Column("published", "Published", "published_on"),
        Column("last_use", "Last use", "last_used_at", descending_first=True),
    ],
    default="last_use",
)


def unused_assets(filters: ReportFilters, sort: SortState, show: str = "all") -> QuerySet[Asset]:
    """The rows of the report, page and CSV alike (one query, plus two prefetches).

    `last_used_at` is the latest use ever (None: never used), read per asset from the
    partial index download_use_asset_user_idx, as is the NOT EXISTS test for the period.
    """
    period = filters.period
    assets = (
        filters.apply(audited_assets())
        .filter(past_grace(period))
        .annotate(
            last_used_at=last_use(),
            used_in_period=used_since(period.start),
            owner_name=owner_name(),
        )
        .filter(used_in_period=False)
    )
    if show == "never":
        assets = assets.filter(last_used_at__isnull=True)
    return (
        assets.select_related("owner")
        .prefetch_related("personas", "stages")
        .order_by(*sort.order_by())
    )


def in_grace_count(filters: ReportFilters) -> int:
    """How many published assets are too new to judge (left out of the report)."""
    return filters.apply(audited_assets()).exclude(past_grace(filters.period)).count()


def age_days(asset: Asset, now: datetime) -> int:
    """Calendar days since the asset went out (`published_on` annotated by audited_assets),
    counted in the site's time zone like the "Published" date beside it: an asset published
    yesterday evening is one day old this morning, whatever the hour."""
    return (timezone.localdate(now) - timezone.localdate(asset.published_on)).days


def names_by_asset(assets: QuerySet[Asset]) -> tuple[dict, dict]:
    """({asset id: persona names}, {asset id: stage names}) of the given assets, in the order
    the page shows them, read as plain values: prefetching them onto thousands of model
    instances cost four times the report's own SQL (bench/: 1 s for 8,500 rows)."""
    scope = assets.values("pk")
    personas, stages = defaultdict(list), defaultdict(list)
    # Published personas only, for every reader, as on the page: the audit is about what
    # sales sees, and a draft persona's name stays inside Marketing.
    persona_links = Asset.personas.through.objects.filter(
        asset__in=scope, persona__status=Persona.Status.PUBLISHED
    )
    for asset_id, name in persona_links.order_by("persona__name").values_list(
        "asset_id", "persona__name"
    ):
        personas[asset_id].append(name)
    stage_links = Asset.stages.through.objects.filter(asset__in=scope)
    for asset_id, name in stage_links.order_by("buyingstage__order").values_list(
        "asset_id", "buyingstage__name"
    ):
        stages[asset_id].append(name)
    return personas, stages


def csv_rows(assets: QuerySet[Asset], now: datetime) -> tuple[list[str], list[list]]:
    assets = assets.prefetch_related(None)
    personas, stages = names_by_asset(assets)
    header = [
        "Asset",
        "Type",
        "Owner",
        "Personas",
        "Stages",
        "Published",
        "Age (days)",
        "Last use",
        "Never used",
        "Review by",
    ]
    fields = ("pk", "title", "asset_type", *OWNER_NAME_FIELDS, "published_on", "last_used_at")
    fields += ("review_by",)
    rows = [
        [
            asset.title,
            type_label(asset.asset_type),
            full_name(asset.owner__first_name, asset.owner__last_name, asset.owner__username),
            "; ".join(personas[asset.pk]),
            "; ".join(stages[asset.pk]),
            local_date(asset.published_on),
            age_days(asset, now),
            local_date(asset.last_used_at),
            "yes" if asset.last_used_at is None else "no",
            local_date(asset.review_by),
        ]
        for asset in assets.values_list(*fields, named=True)
    ]
    return header, rows
