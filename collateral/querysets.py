"""Queryset methods of the collateral models: who sees what, and the library's filters.

Kept apart from models.py so the model definitions stay readable; the querysets reach related
models through `self.model`, never by importing models.py (which imports this module).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber
from django.utils import timezone

from personas import roles

PUBLISHED = "published"
# The library's search box: words beyond these are ignored (each one is a condition).
MAX_QUERY_WORDS = 10
RETIRED = "retired"

# The library's sort orders (the `sort` URL parameter). Ties break on newest, then id, so
# pagination is stable.
SORTS = {
    "newest": ("-created_at", "-id"),
    "downloads": ("-download_count", "-created_at", "-id"),
    # rating_average is 0 until someone rates, so unrated assets come last.
    "rating": ("-rating_average", "-rating_count", "-created_at", "-id"),
}


@dataclass(frozen=True)
class StageShelf:
    """One buying stage on the persona page: its best assets and how many it has in all."""

    slug: str
    name: str
    total: int
    assets: list

    @property
    def more(self) -> int:
        return self.total - len(self.assets)


class AssetQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssetQuerySet":
        """Marketing sees everything; everyone else sees published assets only."""
        if roles.can_edit(user):
            return self
        return self.filter(status=PUBLISHED)

    def published(self) -> "AssetQuerySet":
        return self.filter(status=PUBLISHED)

    def for_persona(self, persona) -> "AssetQuerySet":
        """Assets for `persona`: mapped to it, or mapped to no persona at all ("fits every
        persona", as the upload form says). EXISTS on the mapping, so none is listed twice.

        The one rule the library's persona filter, the persona page and the audit use.
        """
        through = self.model.personas.through
        return self.filter(
            Exists(through.objects.filter(asset_id=OuterRef("pk"), persona_id=persona.pk))
            | ~Exists(through.objects.filter(asset_id=OuterRef("pk")))
        )

    def best_by_stage(self, persona, per_stage: int = 5) -> list["StageShelf"]:
        """The persona page's collateral: per buying stage, the `per_stage` most downloaded
        published assets for `persona` (see for_persona), and how many there are in all.

        Two queries whatever the library's size. The first ranks every (asset, stage) pair of
        the persona with ROW_NUMBER() and COUNT() over a window per stage and returns only
        the top ids (Django wraps the window filter in a subquery); the second reads those
        few assets with their versions. Joining the versions into the ranking instead made
        PostgreSQL hash every version for every pair: 70 ms against 39 ms for a persona with
        2,000 assets. The page's size and query count stay the same with 20 assets or 2,000
        (tests/test_bounded_pages.py).
        """
        by_stage = F("stages__id")
        ranked = (
            self.published()
            .for_persona(persona)
            .filter(stages__isnull=False)
            .annotate(
                stage_id=by_stage,
                stage_total=Window(Count("pk"), partition_by=[by_stage]),
                stage_rank=Window(
                    RowNumber(),
                    partition_by=[by_stage],
                    order_by=[F("download_count").desc(), F("title").asc(), F("pk").asc()],
                ),
            )
            .filter(stage_rank__lte=per_stage)
            .order_by("stages__order", "stage_id", "stage_rank")
            .values_list("pk", "stage_id", "stages__slug", "stages__name", "stage_total")
        )
        rows = list(ranked)
        assets = (
            self.select_related("current_version")
            .with_wording_flag()
            .in_bulk({row[0] for row in rows})
        )
        shelves: dict[int, StageShelf] = {}
        for pk, stage_id, slug, name, total in rows:
            shelf = shelves.get(stage_id)
            if shelf is None:
                shelf = shelves[stage_id] = StageShelf(slug, name, total, [])
            shelf.assets.append(assets[pk])
        return list(shelves.values())

    def with_card_data(self) -> "AssetQuerySet":
        """Everything a library card or table row shows, in a constant number of queries."""
        return (
            self.with_wording_flag()
            .select_related("current_version", "owner")
            .prefetch_related("personas", "stages", "pillars")
        )

    def with_wording_flag(self) -> "AssetQuerySet":
        """`has_retired_wording`: the current file holds approved retired wording (an EXISTS
        on the drift check's hits, in the same query)."""
        version_model = self.model._meta.get_field("current_version").related_model
        hits = version_model._meta.get_field("wording_hits").related_model.objects
        return self.annotate(
            has_retired_wording=Exists(hits.filter(version_id=OuterRef("current_version_id")))
        )

    def matching(
        self,
        *,
        q: str = "",
        persona=None,
        stage=None,
        asset_type: str = "",
        pillar_key=None,
        owner=None,
        status: str = "",
    ) -> "AssetQuerySet":
        """The library's filters. M2M filters use EXISTS so no asset is listed twice.

        `q` is words, each found in the title or the description ("payback walkthrough"
        finds "Payback model walkthrough"; the whole phrase as one substring found nothing).
        Quotes are dropped; the full-text search page is for phrases and file text.
        """
        queryset = self
        for word in q.replace('"', " ").split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(
                models.Q(title__icontains=word) | models.Q(description__icontains=word)
            )
        if persona is not None:
            queryset = queryset.for_persona(persona)
        if stage is not None:
            through = self.model.stages.through
            queryset = queryset.filter(
                Exists(through.objects.filter(asset_id=OuterRef("pk"), buyingstage_id=stage.pk))
            )
        if pillar_key is not None:
            # Pillars are versioned; every version of a pillar shares its key.
            through = self.model.pillars.through
            queryset = queryset.filter(
                Exists(through.objects.filter(asset_id=OuterRef("pk"), pillar__key=pillar_key))
            )
        if asset_type:
            queryset = queryset.filter(asset_type=asset_type)
        if owner is not None:
            queryset = queryset.filter(owner=owner)
        if status:
            queryset = queryset.filter(status=status)
        return queryset

    def sorted_by(self, sort: str) -> "AssetQuerySet":
        return self.order_by(*SORTS.get(sort, SORTS["newest"]))

    def new_or_updated_since(self, since, persona_ids=()) -> "AssetQuerySet":
        """Published assets that came out, or got a new version, after `since`.

        Limited to assets for `persona_ids` (and material for every persona) when given.
        `is_update` tells a new version of older material from new material.
        """
        # The new versions as a subquery, not a join: with the join PostgreSQL hashed every
        # version to test an OR across two tables (53 ms for home's two queries at 10k
        # assets; 15 ms so).
        versions = self.model._meta.get_field("current_version").related_model.objects
        queryset = self.published().filter(
            models.Q(published_at__gte=since)
            | models.Q(current_version__in=versions.filter(created_at__gte=since))
        )
        if persona_ids:
            through = self.model.personas.through
            for_mine = through.objects.filter(asset_id=OuterRef("pk"), persona_id__in=persona_ids)
            any_persona = through.objects.filter(asset_id=OuterRef("pk"))
            queryset = queryset.filter(Exists(for_mine) | ~Exists(any_persona))
        return (
            queryset.annotate(
                is_update=models.ExpressionWrapper(
                    models.Q(published_at__lt=since), output_field=models.BooleanField()
                ),
                # SQLite's MAX() of a NULL is NULL; an asset published by a data import may
                # have no publication time, so its version's time stands in.
                news_at=Greatest(
                    Coalesce("published_at", "current_version__created_at"),
                    "current_version__created_at",
                ),
            )
            .select_related("current_version")
            .order_by("-news_at", "-pk")
        )

    def due_for_review_owned_by(self, user) -> "AssetQuerySet":
        """`user`'s published assets whose review date has passed, the most overdue first."""
        return (
            self.published()
            .filter(owner=user, review_by__lt=timezone.localdate())
            .order_by("review_by", "pk")
        )

    def related_to(self, asset, limit: int = 4) -> "AssetQuerySet":
        """Published assets sharing at least one persona and one stage with `asset`.

        Reads the asset's prefetched personas and stages, so it costs one query.
        """
        persona_ids = [persona.pk for persona in asset.personas.all()]
        stage_ids = [stage.pk for stage in asset.stages.all()]
        if not persona_ids or not stage_ids:
            return self.none()
        personas = self.model.personas.through.objects.filter(
            asset_id=OuterRef("pk"), persona_id__in=persona_ids
        )
        stages = self.model.stages.through.objects.filter(
            asset_id=OuterRef("pk"), buyingstage_id__in=stage_ids
        )
        return (
            self.published()
            .exclude(pk=asset.pk)
            .filter(Exists(personas), Exists(stages))
            .select_related("current_version")
            .order_by("-download_count", "-created_at", "-id")[:limit]
        )


class DownloadQuerySet(models.QuerySet):
    def history_of(self, user) -> "DownloadQuerySet":
        """`user`'s downloads, newest first, with what a history row shows. Served by
        download_user_time_idx, so a page of it costs the same for any size of table."""
        return (
            self.filter(user=user)
            .select_related("asset", "version")
            .order_by("-downloaded_at", "-pk")
        )


class FeedbackQuerySet(models.QuerySet):
    def on_assets_owned_by(self, user) -> "FeedbackQuerySet":
        """Recent ratings on `user`'s assets, newest first (marketing's queue page)."""
        return (
            self.filter(asset__owner=user).select_related("asset", "user").order_by("-updated_at")
        )


class ContentRequestQuerySet(models.QuerySet):
    def queue(self) -> "ContentRequestQuerySet":
        """Marketing's work list: open and planned requests, oldest first."""
        return (
            self.filter(status__in=["open", "planned"])
            .select_related("persona", "stage", "requester")
            .order_by("created_at")
        )

    def recently_fulfilled_for(self, user, days: int = 30) -> "ContentRequestQuerySet":
        """`user`'s requests that marketing closed as done, with the asset, in the last days.

        Listed on the requester's home page beside their open requests (config.home).
        """
        since = timezone.now() - timedelta(days=days)
        return (
            self.filter(requester=user, status="done", closed_at__gte=since)
            .select_related("persona", "stage", "fulfilled_by")
            .order_by("-closed_at")
        )

    def same_as(self, asked, minutes: int = 10) -> "ContentRequestQuerySet":
        """`asked`'s twin: the same person's open request with the same words and filters,
        made in the last minutes. A double submit (a slow answer, a reload) finds the first
        instead of asking Marketing twice."""
        return self.filter(
            requester=asked.requester,
            status="open",
            description=asked.description,
            persona=asked.persona,
            stage=asked.stage,
            asset_type=asked.asset_type,
            created_at__gte=timezone.now() - timedelta(minutes=minutes),
        )

    def of_user(self, user) -> "ContentRequestQuerySet":
        """Everything `user` asked for, newest first ("Your requests")."""
        return (
            self.filter(requester=user)
            .select_related("persona", "stage", "fulfilled_by")
            .order_by("-created_at")
        )
