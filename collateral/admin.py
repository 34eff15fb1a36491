"""Admin for superusers: look things up and fix metadata. Files are uploaded through the app
(which validates them); download records are read-only history."""

from django.contrib import admin

from collateral.models import (
    Asset,
    AssetVersion,
    AuditEntry,
    BuyingStage,
    ContentRequest,
    Download,
    Feedback,
)
from personas.admin import ReadOnlyAdmin


class AssetVersionInline(admin.TabularInline):
    model = AssetVersion
    fields = ["number", "original_filename", "content_type", "size", "uploaded_by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["title", "asset_type", "status", "owner", "download_count", "created_at"]
    list_filter = ["status", "asset_type", "stages", "personas"]
    search_fields = ["title", "description", "uuid"]
    list_select_related = ["owner"]
    filter_horizontal = ["personas", "stages", "pillars"]
    readonly_fields = [
        "uuid",
        "current_version",
        "download_count",
        "last_downloaded_at",
        "rating_average",
        "rating_count",
        "published_at",
        "retired_at",
        "created_at",
    ]
    inlines = [AssetVersionInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Assets retire; their downloads and versions are history (PROTECT would refuse anyway).
        return False


@admin.register(AssetVersion)
class AssetVersionAdmin(ReadOnlyAdmin):
    list_display = ["asset", "number", "original_filename", "content_type", "size", "created_at"]
    search_fields = ["asset__title", "original_filename", "sha256"]
    list_select_related = ["asset"]


@admin.register(Download)
class DownloadAdmin(ReadOnlyAdmin):
    list_display = ["asset", "version", "user", "downloaded_at", "source", "is_use"]
    list_filter = ["source", "is_use", "downloaded_at"]
    search_fields = ["asset__title", "user__username"]
    list_select_related = ["asset", "version", "user"]
    date_hierarchy = "downloaded_at"
    show_full_result_count = False  # the table grows to millions of rows


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["asset", "user", "rating", "updated_at"]
    list_filter = ["rating"]
    search_fields = ["asset__title", "user__username", "comment"]
    list_select_related = ["asset", "user"]

    # Moderation keeps the asset's denormalised rating in step.
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        obj.asset.refresh_rating()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        obj.asset.refresh_rating()

    def delete_queryset(self, request, queryset) -> None:
        assets = {feedback.asset for feedback in queryset.select_related("asset")}
        super().delete_queryset(request, queryset)
        for asset in assets:
            asset.refresh_rating()


@admin.register(ContentRequest)
class ContentRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "requester", "persona", "stage", "status", "created_at"]
    list_filter = ["status", "persona", "stage"]
    search_fields = ["description", "response"]
    list_select_related = ["requester", "persona", "stage"]
    raw_id_fields = ["fulfilled_by"]


@admin.register(BuyingStage)
class BuyingStageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "user", "action", "created_at"]
    list_filter = ["action"]
