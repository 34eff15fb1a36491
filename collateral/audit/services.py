"""The audit's two bulk actions. Each is one transaction that changes the assets and writes
one AuditEntry naming who did what to which assets."""

from collections import Counter
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from collateral.models import Asset, AuditEntry
from personas import changelog
from personas.changelog import ChangeLog


def _log_each(assets: list[Asset], action: str, user: User, before: dict, after: dict) -> None:
    """One change log entry per asset, with that asset's own value before (one INSERT)."""
    ChangeLog.objects.bulk_create(
        ChangeLog(
            object_type="asset",
            object_id=str(asset.pk),
            object_repr=asset.title[:200],
            user=user,
            action=action,
            before=before[asset.pk],
            after=after,
        )
        for asset in assets
    )


def _lock_published(assets: list[Asset]) -> list[Asset]:
    """The still-published subset, locked until commit (a parallel retire cannot double up)."""
    return list(
        Asset.objects.published()
        .select_for_update()
        .filter(pk__in=[asset.pk for asset in assets])
        .order_by("title", "pk")
    )


def _previous_dates(assets: list[Asset], shown: int = 5) -> str:
    """The review dates being replaced, so the trail keeps them: "2026-10-01 ×2, none"."""
    counts = Counter(asset.review_by for asset in assets)
    dates = sorted(counts, key=lambda day: (day is None, day or date.min))
    parts = [
        (day.isoformat() if day else "none") + (f" ×{counts[day]}" if counts[day] > 1 else "")
        for day in dates[:shown]
    ]
    if len(dates) > shown:
        parts.append(f"{len(dates) - shown} more dates")
    return ", ".join(parts)


def retire_assets(user: User, assets: list[Asset]) -> AuditEntry | None:
    """Retire published assets: they leave the library for sales; versions, downloads and
    ratings stay. Writes one AuditEntry; None, writing nothing, when another request retired
    them all between the form and the lock."""
    with transaction.atomic():
        locked = _lock_published(assets)
        if not locked:
            return None
        now = timezone.now()
        Asset.objects.filter(pk__in=[asset.pk for asset in locked]).update(
            status=Asset.Status.RETIRED, retired_at=now, updated_at=now
        )
        _log_each(
            locked,
            ChangeLog.Action.RETIRE,
            user,
            before={asset.pk: {"status": asset.get_status_display()} for asset in locked},
            after={"status": Asset.Status.RETIRED.label},
        )
        entry = AuditEntry.objects.create(
            user=user,
            action=AuditEntry.Action.RETIRE,
            detail=f"Retired {len(locked)} asset{'s' if len(locked) != 1 else ''} from the audit.",
        )
        entry.assets.set(locked)
    return entry


def set_review_date(user: User, assets: list[Asset], review_by: date) -> AuditEntry | None:
    """Give published assets a new review date. Writes one AuditEntry; None, writing
    nothing, when none of them is still published."""
    with transaction.atomic():
        locked = _lock_published(assets)
        if not locked:
            return None
        Asset.objects.filter(pk__in=[asset.pk for asset in locked]).update(
            review_by=review_by, updated_at=timezone.now()
        )
        _log_each(
            locked,
            ChangeLog.Action.REVIEW_DATE,
            user,
            before={
                asset.pk: {"review_by": changelog.display(asset.review_by)} for asset in locked
            },
            after={"review_by": review_by.isoformat()},
        )
        entry = AuditEntry.objects.create(
            user=user,
            action=AuditEntry.Action.REVIEW_DATE,
            detail=f"Review by {review_by.isoformat()} (was {_previous_dates(locked)})",
        )
        entry.assets.set(locked)
    return entry
