"""The only way bytes leave the library: permission-checked, recorded, attachment-only.

The download view is the hot path (DESIGN §5). Its statements: the role lookup (cached per
request by personas.roles), ONE query for the asset with its current version that also
answers the permission question, then one short transaction with the INSERT of the Download
row and the UPDATE of the counters, then the file.

What is recorded: only a full GET answered with 200 writes a Download row. HEAD requests and
conditional requests answered with 304 (If-None-Match matching the ETag) do not: no file was
handed over. Range headers are not honoured (the whole file is sent), so every 200 is a full
copy and is counted once.
"""

from uuid import UUID

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from collateral import filetypes
from collateral.access import get_current_download, get_version_download
from collateral.models import Asset, AssetVersion, Download
from collateral.services import record_download
from personas.storage import open_or_404

# Served types are the allow-list's; anything else (there should be none) goes out as bytes.
SERVABLE_TYPES = {kind.content_type for kind in filetypes.KINDS}
# The file is never a document in our origin: no scripts, no plugins, a unique origin.
FILE_CSP = "default-src 'none'; sandbox"


@require_safe
def download(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The current version of an asset: the stable link used everywhere."""
    asset, version = get_current_download(request.user, uuid)
    return _serve(request, asset, version)


@require_safe
def version_download(request: HttpRequest, uuid: UUID, number: int) -> HttpResponse:
    """A specific version: any for Marketing, only the current one for everyone else."""
    asset, version = get_version_download(request.user, uuid, number)
    return _serve(request, asset, version)


@require_safe
def preview(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The current version's preview image (WebP), under the same rule as its download."""
    _asset, version = get_current_download(request.user, uuid)
    if not version.preview:
        return HttpResponse(status=404)
    etag = f'"preview-{version.sha256}"'
    # Pages link the preview with ?v=<version number>, so a new version gets a new URL and
    # the browser may keep this one for a day.
    cache = "private, max-age=86400"
    if _matches(request, etag):
        return _harden(HttpResponseNotModified(), etag, cache)
    if request.method == "HEAD":
        response = _headers_only(version.preview, "preview", "image/webp")
    else:
        response = FileResponse(open_or_404(version.preview, "preview"), content_type="image/webp")
    return _harden(response, etag, cache)


def source_of(request: HttpRequest) -> str:
    """Where the link was (`?source=`); unknown values count as "other"."""
    source = request.GET.get("source", "")
    return source if source in Download.Source.values else Download.Source.OTHER


def _serve(request: HttpRequest, asset: Asset, version: AssetVersion) -> HttpResponse:
    if _matches(request, version.etag):
        return _harden(HttpResponseNotModified(), version.etag)
    content_type = (
        version.content_type
        if version.content_type in SERVABLE_TYPES
        else "application/octet-stream"
    )
    filename = version.download_filename
    prefix = settings.ONEVOICE_ACCEL_REDIRECT_PREFIX
    if request.method == "HEAD":
        response = _headers_only(version.file, "collateral file", content_type)
    elif prefix:
        # nginx sends the bytes from an `internal` location; the headers stay ours.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{version.file.name}"
    else:
        # Opened before recording: a file storage lost is a 404 (logged), not a download.
        response = FileResponse(
            open_or_404(version.file, "collateral file"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    response["Content-Disposition"] = filetypes.attachment_header(filename)
    if request.method == "GET":
        record_download(request.user, asset, version, source_of(request))
    return _harden(response, version.etag)


def _headers_only(file, what: str, content_type: str) -> HttpResponse:
    """A HEAD's answer: the headers a GET would send, without the file. The WSGI server must
    drop a HEAD's body (gunicorn logs a warning each time), and link checkers and mail
    clients' link previews ask this way. A lost file is still a logged 404, as for a GET."""
    with open_or_404(file, what) as opened:
        size = opened.size
    response = HttpResponse(content_type=content_type)
    response["Content-Length"] = size
    return response


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def _harden(response: HttpResponse, etag: str, cache: str = "private, no-cache") -> HttpResponse:
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    # Set here, so the CSP middleware leaves it alone (it only fills a missing header).
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = cache
    return response
