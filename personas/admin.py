from django.contrib import admin

from personas.models import Persona


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
