"""Demo data for "your copy is outdated" and the change history, ready to try.

- Ravi (rep) holds version 2 of the overview deck while version 3 is current, so his home
  page and the deck's page say "a newer version, v3, is current".
- Ravi downloaded the payback deck (version 1); Priya (rep2) never did. Upload a version 2
  as Maya (marketer) and Ravi is told at once; Priya is not.
- The retired 2025 price list names its replacement: whoever downloaded it is told it is
  withdrawn and what to send instead.
- The battlecard was renamed once; its History page shows the old and the new title.

Idempotent: each step checks its own result first.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import F
from django.utils import timezone

from collateral.models import Asset, Download
from personas.changelog import ChangeLog

OVERVIEW = "Brightline Flow overview deck"
PAYBACK = "Payback model walkthrough"
PRICE_LIST = "2025 price list"
REPLACEMENT = "Warehouse task routing datasheet"
BATTLECARD = "Battlecard: Flow vs. spreadsheets and e-mail"
OLD_BATTLECARD = "Battlecard: status quo"


def seed(people: dict[str, User]) -> None:
    titles = [OVERVIEW, PAYBACK, PRICE_LIST, REPLACEMENT, BATTLECARD]
    assets = {
        asset.title: asset
        for asset in Asset.objects.select_related("current_version").filter(title__in=titles)
    }
    rep, other = people["rep"], people["rep2"]
    now = timezone.now()
    if OVERVIEW in assets:
        overview = assets[OVERVIEW]
        previous = overview.versions.filter(number=overview.current_version.number - 1).first()
        if previous is not None:
            Download.objects.filter(
                asset=overview, user=rep, version=overview.current_version
            ).update(version=previous)
    if PAYBACK in assets:
        payback = assets[PAYBACK]
        Download.objects.filter(asset=payback, user=other).update(user=people["rep3"])
        if not Download.objects.filter(asset=payback, user=rep).exists():
            Download.objects.create(
                asset=payback,
                version=payback.current_version,
                user=rep,
                downloaded_at=now - timedelta(days=3),
                source=Download.Source.PERSONA,
            )
            Asset.objects.filter(pk=payback.pk).update(download_count=F("download_count") + 1)
    if PRICE_LIST in assets and REPLACEMENT in assets:
        Asset.objects.filter(pk=assets[PRICE_LIST].pk, replaced_by__isnull=True).update(
            replaced_by=assets[REPLACEMENT]
        )
    if BATTLECARD in assets:
        battlecard = assets[BATTLECARD]
        renamed = ChangeLog.objects.filter(
            object_type="asset", object_id=str(battlecard.pk), action=ChangeLog.Action.EDIT
        )
        if not renamed.exists():
            ChangeLog.objects.create(
                object_type="asset",
                object_id=str(battlecard.pk),
                object_repr=battlecard.title,
                user=people["marketer"],
                action=ChangeLog.Action.EDIT,
                before={"title": OLD_BATTLECARD},
                after={"title": battlecard.title},
                created_at=now - timedelta(days=20),
            )
