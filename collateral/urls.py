"""Collateral URLs. An asset has one URL for its whole life (`<uuid>/`); files leave only
through the download and preview views. Audit pages are added from collateral/audit/urls.py."""

from django.urls import path

from collateral.audit.urls import urlpatterns as audit_urlpatterns
from collateral.views import assets, files, history, library, notices, requests

app_name = "collateral"

urlpatterns = [
    path("", library.library, name="library"),
    path("upload/", assets.asset_upload, name="upload"),
    path("outdated/", notices.outdated_list, name="outdated"),
    path("new/", notices.whats_new, name="whats_new"),
    path("requests/", requests.request_queue, name="request_queue"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/mine/", requests.requests_mine, name="requests_mine"),
    path("requests/<int:pk>/", requests.request_respond, name="request_respond"),
    path("downloads/", history.my_downloads, name="my_downloads"),
    path("people/", history.team_people, name="team_people"),
    path("people/<int:pk>/downloads/", history.person_downloads, name="person_downloads"),
    path("<uuid:uuid>/", assets.asset_detail, name="asset_detail"),
    path("<uuid:uuid>/edit/", assets.asset_edit, name="asset_edit"),
    path("<uuid:uuid>/feedback/", assets.asset_feedback, name="feedback"),
    path("<uuid:uuid>/publish/", assets.asset_publish, name="publish"),
    path("<uuid:uuid>/unpublish/", assets.asset_unpublish, name="unpublish"),
    path("<uuid:uuid>/retire/", assets.asset_retire, name="retire"),
    path("<uuid:uuid>/outdated/dismiss/", notices.outdated_dismiss, name="outdated_dismiss"),
    path("<uuid:uuid>/history/", assets.asset_history, name="history"),
    path("<uuid:uuid>/download/", files.download, name="download"),
    path("<uuid:uuid>/preview/", files.preview, name="preview"),
    path("<uuid:uuid>/versions/new/", assets.version_new, name="version_new"),
    path(
        "<uuid:uuid>/versions/<int:number>/download/",
        files.version_download,
        name="version_download",
    ),
    *audit_urlpatterns,
]
