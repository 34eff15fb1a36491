"""The material a call-prep brief recommends: per buying stage, the published assets for a
persona (or for every persona) most used in the last days.

"Use" is the audit's notion (DESIGN §5a): downloads that count as use, never marketing's own
previews or audit checks, so the brief recommends what reps actually send.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from collateral.models import Asset, BuyingStage, Download, WordingHit
from personas.models import Persona

USE_DAYS = 90
PER_STAGE = 3


@dataclass(frozen=True)
class StageMaterial:
    stage: BuyingStage
    assets: list[Asset]


def best_material(
    persona: Persona, *, days: int = USE_DAYS, per_stage: int = PER_STAGE
) -> list[StageMaterial]:
    """Every buying stage with its top `per_stage` assets for `persona`, best first.

    Two queries whatever the size of the library: the stages, and the ranked (asset, stage)
    pairs, cut to `per_stage` per stage by a window function in the database. Each asset
    carries `recent_uses`. Ties go to the all-time download count, then the title.
    """
    since = timezone.now() - timedelta(days=days)
    uses = (
        Download.objects.filter(asset=OuterRef("asset_id"), is_use=True, downloaded_at__gte=since)
        .order_by()
        .values("asset")
        .annotate(n=Count("pk"))
        .values("n")
    )
    tagged = Asset.personas.through.objects.filter(asset_id=OuterRef("asset_id"))
    pairs = (
        Asset.stages.through.objects.filter(asset__status=Asset.Status.PUBLISHED)
        .filter(Q(Exists(tagged.filter(persona_id=persona.pk))) | ~Exists(tagged))
        .annotate(recent_uses=Coalesce(Subquery(uses), Value(0)))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("buyingstage_id")],
                order_by=[
                    F("recent_uses").desc(),
                    F("asset__download_count").desc(),
                    F("asset__title").asc(),
                ],
            )
        )
        .filter(rank__lte=per_stage)
        # The brief is read right before a call: a file with retired wording says so here.
        .annotate(
            retired_wording=Exists(
                WordingHit.objects.filter(version_id=OuterRef("asset__current_version_id"))
            )
        )
        .select_related("asset__current_version")
        .order_by("buyingstage_id", "rank")
    )
    by_stage: dict[int, list[Asset]] = {}
    for pair in pairs:
        asset = pair.asset
        asset.recent_uses = pair.recent_uses
        asset.has_retired_wording = pair.retired_wording
        by_stage.setdefault(pair.buyingstage_id, []).append(asset)
    return [
        StageMaterial(stage, by_stage.get(stage.pk, []))
        for stage in BuyingStage.objects.order_by("order")
    ]
