"""Audit URLs, added to the `collateral` namespace by collateral/urls.py (names start "audit")."""

from django.urls import path

from collateral.audit import actions, views

urlpatterns = [
    path("audit/", views.summary, name="audit"),
    path("audit/unused/", views.unused, name="audit_unused"),
    path("audit/unused.csv", views.unused_csv, name="audit_unused_csv"),
    path("audit/usage/", views.usage, name="audit_usage"),
    path("audit/usage.csv", views.usage_csv, name="audit_usage_csv"),
    path("audit/coverage/", views.coverage, name="audit_coverage"),
    path("audit/coverage.csv", views.coverage_csv, name="audit_coverage_csv"),
    path("audit/stale/", views.stale, name="audit_stale"),
    path("audit/stale.csv", views.stale_csv, name="audit_stale_csv"),
    path("audit/bulk/", actions.bulk, name="audit_bulk"),
    path("audit/retire/", actions.retire, name="audit_retire"),
]
