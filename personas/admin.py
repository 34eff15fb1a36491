from django.contrib import admin

from personas.models import ChangeLog, Persona


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "buying_role", "segment", "status", "reviewed_at", "owner"]
    list_filter = ["status", "buying_role", "company_size", "segment"]
    search_fields = ["name", "slug", "job_titles", "segment", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["owner"]
    date_hierarchy = "reviewed_at"
    # Photos go through the persona editor, which validates and re-encodes them; the admin's
    # plain ImageField would store an upload as sent.
    readonly_fields = ["photo", "thumbnail", "created_at", "updated_at"]
    autocomplete_fields = ["owner"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """History that nobody edits: no add, change or delete (used by every app's admin)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    """The change log is history: superusers may read it here, nobody adds, edits or deletes."""

    list_display = ["created_at", "object_type", "object_repr", "action", "user"]
    list_filter = ["object_type", "action"]
    search_fields = ["object_repr", "object_id"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
