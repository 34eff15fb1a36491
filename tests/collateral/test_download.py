"""The download view: permission, headers, recording rules, traversal, X-Accel-Redirect."""

import gc
import io
import tracemalloc
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from collateral.models import Asset, Download
from collateral.preview import image_preview
from collateral.views import files
from tests.collateral.conftest import disposition_names, image_bytes
from tests.conftest import client_for


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_rep_downloads_the_current_version_as_an_attachment(rep_client, rep, asset):
    response = rep_client.get(asset.get_download_url() + "?source=library")
    assert response.status_code == 200
    assert body_of(response) == asset.current_version.file.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ROI deck.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["ETag"] == f'"{asset.current_version.sha256}"'
    download = Download.objects.get()
    assert (download.asset, download.version, download.user) == (asset, asset.current_version, rep)
    assert download.source == "library"
    assert download.is_use is True
    asset.refresh_from_db()
    assert asset.download_count == 1
    assert asset.last_downloaded_at == download.downloaded_at


def test_a_non_ascii_name_is_encoded_safely(rep_client, make_asset):
    asset = make_asset(filename="Überblick «Flow».pdf")
    header = rep_client.get(asset.get_download_url())["Content-Disposition"]
    assert header == (
        'attachment; filename="Uberblick Flow.pdf"; '
        "filename*=utf-8''%C3%9Cberblick%20%C2%ABFlow%C2%BB.pdf"
    )


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ('Q4 "final" deck.pdf', "Q4 final deck.pdf"),
        ("report.pdf;.bat", "report.pdf.pdf"),
        ('a\\b";x=1.pdf', "abx1.pdf"),
        ("50% off, today.pdf", "50 off today.pdf"),
        ("日本語.pdf", "download.pdf"),
    ],
)
def test_the_ascii_fallback_name_has_no_quotes_or_separators(
    rep_client, make_asset, name, fallback
):
    asset = make_asset(filename=name)
    header = rep_client.get(asset.get_download_url())["Content-Disposition"]
    assert header.split("; filename*=")[0] == f'attachment; filename="{fallback}"'
    assert "\\" not in header
    # filename* carries the real name (as cleaned at upload), which modern browsers use.
    assert disposition_names(header) == (fallback, asset.current_version.download_filename)


def test_the_same_etag_gets_a_304_and_writes_no_row(rep_client, asset):
    first = rep_client.get(asset.get_download_url())
    second = rep_client.get(asset.get_download_url(), headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 304
    assert second["ETag"] == first["ETag"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert Download.objects.count() == 1
    asset.refresh_from_db()
    assert asset.download_count == 1


def test_a_stale_etag_gets_the_file_and_is_recorded(rep_client, asset):
    response = rep_client.get(asset.get_download_url(), headers={"If-None-Match": '"old"'})
    assert response.status_code == 200
    assert Download.objects.count() == 1


def test_a_head_request_is_not_recorded(rep_client, asset):
    response = rep_client.head(asset.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert Download.objects.count() == 0


def test_a_head_request_gets_the_headers_without_the_file(rf, rep, asset):
    """The view itself sends no body (the test client would strip one and hide it)."""
    request = rf.head(asset.get_download_url())
    request.user = rep
    response = files.download(request, asset.uuid)
    assert response.status_code == 200
    assert not response.streaming
    assert response.content == b""
    assert response["Content-Length"] == str(asset.current_version.size)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["ETag"] == asset.current_version.etag


def test_a_head_request_for_a_lost_file_is_a_404(rep_client, asset):
    asset.current_version.file.storage.delete(asset.current_version.file.name)
    assert rep_client.head(asset.get_download_url()).status_code == 404


def test_a_range_request_gets_the_whole_file_once_and_is_recorded(rep_client, asset):
    response = rep_client.get(asset.get_download_url(), headers={"Range": "bytes=0-0"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert len(body_of(response)) == asset.current_version.size
    assert Download.objects.count() == 1


def test_download_is_get_only(rep_client, asset):
    assert rep_client.post(asset.get_download_url()).status_code == 405
    assert Download.objects.count() == 0


@pytest.mark.parametrize(
    ("source", "recorded"),
    [
        ("persona", "persona"),
        ("asset", "asset"),
        ("search", "search"),
        ("call_prep", "call_prep"),
        ("evil<script>", "other"),
        ("", "other"),
    ],
)
def test_the_source_parameter_is_validated(rep_client, asset, source, recorded):
    rep_client.get(f"{asset.get_download_url()}?source={source}")
    assert Download.objects.get().source == recorded


def test_a_marketers_download_is_recorded_but_not_as_use(marketer_client, asset):
    marketer_client.get(asset.get_download_url())
    download = Download.objects.get()
    assert download.is_use is False
    asset.refresh_from_db()
    assert asset.download_count == 1


def test_the_owners_download_is_not_use_even_outside_marketing(manager, manager_client, asset):
    asset.owner = manager
    asset.save(update_fields=["owner"])
    manager_client.get(asset.get_download_url())
    assert Download.objects.get().is_use is False


def test_the_uploader_of_the_version_is_not_use(rep, rep_client, asset):
    version = asset.current_version
    version.uploaded_by = rep
    version.save(update_fields=["uploaded_by"])
    rep_client.get(asset.get_download_url())
    assert Download.objects.get().is_use is False


def test_counts_as_use_is_one_rule(rep, marketer, manager, admin_user, asset):
    version = asset.current_version
    assert Download.counts_as_use(rep, asset, version) is True
    assert Download.counts_as_use(manager, asset, version) is True
    assert Download.counts_as_use(marketer, asset, version) is False
    assert Download.counts_as_use(admin_user, asset, version) is False
    assert Download.counts_as_use(rep, asset, version, Download.Source.AUDIT) is False


def test_a_download_started_from_the_audit_is_recorded_but_not_as_use(manager_client, asset):
    response = manager_client.get(f"{asset.get_download_url()}?source=audit")
    assert response.status_code == 200
    download = Download.objects.get()
    assert download.source == Download.Source.AUDIT
    assert download.is_use is False


@pytest.mark.parametrize("status", [Asset.Status.DRAFT, Asset.Status.RETIRED])
def test_rep_gets_404_for_a_draft_or_retired_asset(rep_client, make_asset, status):
    asset = make_asset(status=status)
    assert rep_client.get(asset.get_download_url()).status_code == 404
    assert rep_client.get(asset.get_absolute_url()).status_code == 404
    assert rep_client.get(reverse("collateral:preview", args=[asset.uuid])).status_code == 404
    assert Download.objects.count() == 0


@pytest.mark.parametrize("status", [Asset.Status.DRAFT, Asset.Status.RETIRED])
def test_marketer_can_download_drafts_and_retired_assets(marketer_client, make_asset, status):
    asset = make_asset(status=status)
    assert marketer_client.get(asset.get_download_url()).status_code == 200


def test_rep_gets_404_for_an_old_version_but_marketing_gets_it(
    rep_client, marketer_client, make_asset
):
    asset = make_asset(versions=3)
    old = asset.versions.get(number=1)
    current = asset.versions.get(number=3)
    assert rep_client.get(old.get_download_url()).status_code == 404
    assert rep_client.get(current.get_download_url()).status_code == 200
    response = marketer_client.get(old.get_download_url())
    assert response.status_code == 200
    assert body_of(response) == old.file.open("rb").read()
    assert Download.objects.filter(version=old).count() == 1


def test_an_unknown_uuid_or_version_is_404(rep_client, marketer_client, asset):
    missing = "00000000-0000-4000-8000-000000000000"
    assert rep_client.get(f"/collateral/{missing}/download/").status_code == 404
    assert (
        marketer_client.get(
            reverse("collateral:version_download", args=[asset.uuid, 99])
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "path",
    [
        "/collateral/..%2F..%2Fconfig%2Fsettings.py/download/",
        "/collateral/%2E%2E/%2E%2E/etc/passwd/download/",
        "/collateral/../../etc/passwd",
        "/collateral/{uuid}/download/..%2F..%2Fsettings.py",
        "/collateral/{uuid}/versions/..%2F1/download/",
        "/collateral/{uuid}/versions/1/download/%2e%2e%2f%2e%2e%2fmanage.py",
        "/collateral/{uuid}/download/?file=../../manage.py",
        "/media/{name}",
        "/static/{name}",
    ],
)
def test_crafted_paths_reach_no_file(path, marketer, asset):
    client = Client()
    client.force_login(marketer)
    url = path.format(uuid=asset.uuid, name=asset.current_version.file.name)
    response = client.get(url)
    if response.status_code == 200:
        # Only the real download URL with a junk query string answers, with the asset's file.
        assert url.startswith(f"/collateral/{asset.uuid}/download/?")
        assert body_of(response) == asset.current_version.file.open("rb").read()
    else:
        assert response.status_code == 404


def test_media_is_not_under_static_root(settings):
    assert (
        not Path(settings.MEDIA_ROOT)
        .resolve()
        .is_relative_to(Path(settings.STATIC_ROOT).resolve())
    )


@pytest.mark.parametrize("role", ["marketer", "rep"])
def test_a_missing_file_is_a_logged_404_without_a_phantom_download(request, role, asset, caplog):
    client = request.getfixturevalue(f"{role}_client")
    name = asset.current_version.file.name
    asset.current_version.file.storage.delete(name)
    response = client.get(asset.get_download_url())
    assert response.status_code == 404
    assert Download.objects.count() == 0
    asset.refresh_from_db()
    assert asset.download_count == 0
    errors = [r for r in caplog.records if r.name == "onevoice.files"]
    assert [r.levelname for r in errors] == ["ERROR"]
    assert name in errors[0].getMessage()


def test_a_missing_preview_is_a_logged_404(rep_client, asset, caplog):
    version = asset.current_version
    version.preview.save("p.webp", ContentFile(b"RIFF"), save=True)
    version.preview.storage.delete(version.preview.name)
    assert rep_client.get(asset.get_preview_url()).status_code == 404
    assert any(r.name == "onevoice.files" and r.levelname == "ERROR" for r in caplog.records)


def test_a_head_request_for_the_preview_gets_the_headers_without_the_image(rf, rep, asset):
    version = asset.current_version
    version.preview.save("p.webp", ContentFile(b"RIFF0000WEBP"), save=True)
    request = rf.head(asset.get_preview_url())
    request.user = rep
    response = files.preview(request, asset.uuid)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == "12"
    assert response["Content-Type"] == "image/webp"


def test_x_accel_redirect_hands_the_file_to_nginx(rep_client, asset, settings):
    settings.ONEVOICE_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    response = rep_client.get(asset.get_download_url())
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{asset.current_version.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="ROI deck.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert Download.objects.count() == 1


def test_an_unexpected_stored_type_is_served_as_bytes(rep_client, asset):
    version = asset.current_version
    version.content_type = "text/html"
    version.save(update_fields=["content_type"])
    response = rep_client.get(asset.get_download_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_the_preview_is_served_as_webp_with_the_download_rules(
    rep_client, make_asset, marketer_client
):
    asset = make_asset()
    version = asset.current_version
    version.preview.save("p.webp", ContentFile(image_preview(io.BytesIO(image_bytes()))))
    response = rep_client.get(asset.get_preview_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "attachment" not in response.get("Content-Disposition", "")
    again = rep_client.get(asset.get_preview_url(), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert Download.objects.count() == 0
    asset.status = Asset.Status.DRAFT
    asset.save(update_fields=["status"])
    assert rep_client.get(asset.get_preview_url()).status_code == 404
    assert marketer_client.get(asset.get_preview_url()).status_code == 200


def test_an_asset_without_a_preview_has_no_preview_url_response(rep_client, asset):
    assert rep_client.get(asset.get_preview_url()).status_code == 404


def test_the_asset_page_never_embeds_the_file(rep_client, asset):
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    for tag in ["<iframe", "<embed", "<object"]:
        assert tag not in body


def test_the_download_runs_one_lookup_and_one_write(rep_client, asset, django_assert_num_queries):
    # session, user, the user's role groups, ONE lookup (asset + current version + permission),
    # then the record. PostgreSQL: ONE statement (a CTE that INSERTs the row and UPDATEs the
    # counters). SQLite: a transaction with the INSERT and the UPDATE (inside the test's own
    # transaction atomic() adds a SAVEPOINT and its RELEASE).
    expected = 5 if connection.vendor == "postgresql" else 8
    with django_assert_num_queries(expected) as captured:
        rep_client.get(asset.get_download_url())
    sqls = [query["sql"] for query in captured.captured_queries]
    assert len([sql for sql in sqls if "INSERT" in sql]) == 1
    assert len([sql for sql in sqls if "UPDATE" in sql]) == 1
    lookups = [sql for sql in sqls if sql.startswith("SELECT") and "collateral_asset" in sql]
    assert len(lookups) == 1
    asset.refresh_from_db()
    assert (asset.download_count, Download.objects.count()) == (1, 1)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The one-statement record is PostgreSQL's."
)
def test_with_a_shared_cache_a_download_is_three_statements(
    settings, rep, asset, django_assert_num_queries
):
    """Sessions and role facts come from the cache: the user, the lookup, the record."""
    settings.ONEVOICE_CACHE_ROLES = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    client = client_for(rep)
    client.get(asset.get_download_url())  # fills the cache
    with django_assert_num_queries(3) as captured:
        response = client.get(asset.get_download_url())
    assert response.status_code == 200
    assert "auth_user" in captured.captured_queries[0]["sql"]
    assert captured.captured_queries[2]["sql"].startswith("WITH recorded AS (INSERT")
    asset.refresh_from_db()
    assert (asset.download_count, Download.objects.count()) == (2, 2)
    assert Download.objects.filter(is_use=True, user=rep).count() == 2


def test_a_20_mb_download_streams_without_holding_the_file(rep_client, make_asset):
    """The file goes out in chunks: memory grows by far less than its size."""
    big = make_asset("Big deck", data=b"%PDF-1.7\n" + b"x" * (20 * 1024 * 1024))
    gc.collect()
    tracemalloc.start()
    try:
        response = rep_client.get(big.get_download_url())
        sent = sum(len(chunk) for chunk in response.streaming_content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sent == big.current_version.size
    assert peak < 10 * 1024 * 1024, f"peak {peak:,} bytes while sending {sent:,}"
