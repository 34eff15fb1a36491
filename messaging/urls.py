"""Messaging URLs. Items live at /messaging/<kind>/<key>/ (the key is shared by all versions);
one version at /messaging/<kind>/<key>/v<n>/, the positioning at /messaging/positioning/v<n>/."""

from django.urls import path, register_converter

from messaging.models import KINDS
from messaging.views import editing, items, pages


class KindConverter:
    """The URL segment of a messaging kind: positioning, pillars, messages, …"""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")

app_name = "messaging"

urlpatterns = [
    path("", pages.messaging_home, name="home"),
    path("review/", pages.review_queue, name="review"),
    path("approved/", pages.newly_approved, name="newly_approved"),
    path("glossary/", pages.glossary, name="glossary"),
    path("objections/", pages.objections, name="objections"),
    path("wording/", pages.wording, name="wording"),
    path("positioning/", items.positioning_current, name="positioning"),
    path("positioning/v<int:version>/", items.positioning_detail, name="positioning_detail"),
    # Each kind's own address, by key: what models' get_absolute_url() names.
    path("pillars/<uuid:key>/", items.item_detail, {"kind": "pillars"}, name="pillar_detail"),
    path("messages/<uuid:key>/", items.item_detail, {"kind": "messages"}, name="message_detail"),
    path(
        "boilerplates/<uuid:key>/",
        items.item_detail,
        {"kind": "boilerplates"},
        name="boilerplate_detail",
    ),
    path("glossary/<uuid:key>/", items.item_detail, {"kind": "glossary"}, name="term_detail"),
    path(
        "objections/<uuid:key>/",
        items.item_detail,
        {"kind": "objections"},
        name="objection_detail",
    ),
    path("wording/<uuid:key>/", items.item_detail, {"kind": "wording"}, name="wording_detail"),
    path("<kind:kind>/new/", editing.create, name="create"),
    path("<kind:kind>/<uuid:key>/edit/", editing.edit, name="edit"),
    path("<kind:kind>/<uuid:key>/history/", items.history, name="history"),
    path("<kind:kind>/<uuid:key>/changes/", items.changes, name="changes"),
    path(
        "<kind:kind>/<uuid:key>/compare/v<int:old>-v<int:new>/",
        items.compare_versions,
        name="compare",
    ),
    path("<kind:kind>/<uuid:key>/v<int:version>/", items.version_detail, name="version"),
    path("<kind:kind>/<uuid:key>/v<int:version>/submit/", editing.submit, name="submit"),
    path("<kind:kind>/<uuid:key>/v<int:version>/approve/", editing.approve, name="approve"),
    path("<kind:kind>/<uuid:key>/v<int:version>/sign/", editing.sign, name="sign"),
    path("<kind:kind>/<uuid:key>/v<int:version>/retire/", editing.retire, name="retire"),
]
