"""Upload: one form for metadata and file; refused files write nothing anywhere."""

import hashlib
import re

import pytest
from django.urls import reverse

from collateral import services
from collateral.models import Asset, AssetVersion, PendingUpload
from tests.collateral.conftest import (
    disposition_names,
    image_bytes,
    media_listing,
    mp4_bytes,
    ooxml_bytes,
    pdf_bytes,
    upload_file,
)

STORED_NAME = re.compile(r"^collateral/[0-9a-f]{32}\.(pdf|docx|pptx|xlsx|png|jpg|mp4)$")


@pytest.fixture
def post_upload(marketer_client, marketer, stages, persona):
    def post(name: str, data: bytes, **fields):
        payload = {
            "title": "Payback in 9 months",
            "asset_type": Asset.Type.DECK,
            "stages": [stages["decision"].pk],
            "personas": [persona.pk],
            "owner": marketer.pk,
            "note": "",
            "file": upload_file(name, data, fields.pop("content_type", "application/pdf")),
            **fields,
        }
        return marketer_client.post(reverse("collateral:upload"), payload)

    return post


def snapshot(media_root) -> tuple:
    return (Asset.objects.count(), AssetVersion.objects.count(), media_listing(media_root))


def test_marketer_uploads_a_pdf_with_its_metadata(post_upload, marketer, persona, media_root):
    data = pdf_bytes(pages=2)
    response = post_upload("Payback deck.pdf", data, publish="on", note="From Q3")
    asset = Asset.objects.get()
    assert response.status_code == 302
    assert response["Location"] == asset.get_absolute_url()
    version = asset.current_version
    assert asset.status == Asset.Status.PUBLISHED
    assert asset.published_at is not None
    assert list(asset.personas.all()) == [persona]
    assert version.number == 1
    assert version.note == "From Q3"
    assert version.original_filename == "Payback deck.pdf"
    assert version.content_type == "application/pdf"
    assert version.extension == "pdf"
    assert version.uploaded_by == marketer
    assert STORED_NAME.match(version.file.name)
    assert version.size == len(data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.file.read() == data


def test_an_upload_without_publish_stays_a_draft(post_upload):
    post_upload("deck.pdf", pdf_bytes())
    assert Asset.objects.get().status == Asset.Status.DRAFT


def test_a_pdf_upload_gets_a_webp_preview_of_page_one(post_upload, real_previews):
    post_upload("deck.pdf", pdf_bytes())
    version = AssetVersion.objects.get()
    assert version.preview.name.startswith("collateral/previews/")
    assert version.preview.read()[:4] == b"RIFF"


def test_an_image_upload_gets_a_webp_thumbnail(post_upload):
    post_upload("photo.jpg", image_bytes("JPEG", size=(1600, 900)), asset_type="image")
    version = AssetVersion.objects.get()
    assert version.content_type == "image/jpeg"
    assert version.extension == "jpg"
    assert version.preview.read()[:4] == b"RIFF"


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        (
            "brief.docx",
            ooxml_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "pitch.pptx",
            ooxml_bytes("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        (
            "model.xlsx",
            ooxml_bytes("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("demo.mp4", mp4_bytes(), "video/mp4", "mp4"),
        ("diagram.png", image_bytes("PNG"), "image/png", "png"),
    ],
)
def test_other_allowed_types_are_stored_and_served_with_their_sniffed_type(
    post_upload, rep_client, name, data, content_type, extension
):
    response = post_upload(name, data, content_type="text/html", publish="on")
    assert response.status_code == 302
    version = AssetVersion.objects.get()
    assert version.content_type == content_type
    assert version.extension == extension
    assert bool(version.preview) == (extension == "png")
    download = rep_client.get(version.asset.get_download_url())
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_file_without_an_extension_gets_the_canonical_one_on_download(post_upload):
    post_upload("Payback deck", pdf_bytes())
    version = AssetVersion.objects.get()
    assert version.original_filename == "Payback deck"
    assert version.download_filename == "Payback deck.pdf"


REFUSED = [
    ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500, "Windows program"),
    ("deck.pdf", b"<!doctype html><html><body><script>alert(1)</script></body></html>", "HTML"),
    ("deck.html", b"<html><script>alert(document.cookie)</script></html>", "HTML"),
    (
        "logo.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG",
    ),
    ("logo.svg", b'<?xml version="1.0"?><svg onload="alert(1)"></svg>', "SVG"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00;", "GIF"),
    ("diagram.pdf", image_bytes("PNG"), "PNG image but its name ends in .pdf"),
    (
        "report.docx",
        ooxml_bytes(
            "docx",
            main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
            extra={"word/vbaProject.bin": b"\x00" * 16},
        ),
        "macro-enabled",
    ),
    ("slip.docx", ooxml_bytes("docx", extra={"../../evil.sh": b"#!/bin/sh"}), "unsafe entry"),
    ("empty.pdf", b"", "empty"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
@pytest.mark.parametrize("declared", ["application/pdf", "application/octet-stream", ""])
def test_refused_files_get_a_clear_error_and_write_nothing(
    post_upload, media_root, name, data, message, declared
):
    before = snapshot(media_root)
    response = post_upload(name, data, content_type=declared)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Please correct the" in body
    assert snapshot(media_root) == before


def test_a_refused_upload_keeps_what_the_user_typed(post_upload):
    response = post_upload("deck.pdf", b"MZ" + b"\x00" * 100, title="Keep this title")
    assert 'value="Keep this title"' in response.content.decode()


def test_an_oversize_file_is_refused_with_the_limit_named(post_upload, settings, media_root):
    settings.MAX_UPLOAD_MB = 1
    before = snapshot(media_root)
    response = post_upload("big.pdf", pdf_bytes() + b"\n" * (1024 * 1024))
    body = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 1 MB" in body
    assert snapshot(media_root) == before


def test_the_size_limit_help_text_follows_the_setting(marketer_client, settings):
    settings.MAX_UPLOAD_MB = 7
    response = marketer_client.get(reverse("collateral:upload"))
    assert "Up to 7 MB." in response.content.decode()


def test_missing_metadata_refuses_the_upload_and_keeps_only_the_file_for_the_retry(
    post_upload, media_root
):
    response = post_upload("deck.pdf", pdf_bytes(), title="", stages=[])
    assert response.status_code == 200
    assert (Asset.objects.count(), AssetVersion.objects.count()) == (0, 0)
    # The good file waits for the corrected form (see test_kept_upload.py), nothing else.
    kept = PendingUpload.objects.get()
    assert media_listing(media_root) == {kept.file.name}


def test_a_failure_while_saving_leaves_no_rows_and_no_files(post_upload, media_root, monkeypatch):
    before = snapshot(media_root)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # Fail after the file and preview are written, inside the transaction.
    monkeypatch.setattr(Asset, "save", _fail_on_current_version(Asset.save, explode))
    with pytest.raises(RuntimeError):
        post_upload("deck.pdf", pdf_bytes())
    assert snapshot(media_root) == before


def _fail_on_current_version(original, explode):
    def save(self, *args, **kwargs):
        if "current_version" in (kwargs.get("update_fields") or []):
            explode()
        return original(self, *args, **kwargs)

    return save


def test_a_storage_failure_after_the_file_is_written_leaves_nothing(
    post_upload, media_root, monkeypatch
):
    before = snapshot(media_root)

    def broken_preview_storage(*args, **kwargs):
        raise OSError("storage went away")

    # The version's file is already written when the preview write fails.
    monkeypatch.setattr(services, "ContentFile", broken_preview_storage)
    with pytest.raises(OSError, match="storage went away"):
        post_upload("deck.pdf", pdf_bytes())
    assert snapshot(media_root) == before


HOSTILE_NAMES = [
    "../../x.pdf",
    "..\\x.pdf",
    "/etc/x.pdf",
    "&#46;&#46;/x.pdf",
    "a\x00b.pdf",
    "deck\r\nX-Injected: yes.pdf",
    'deck".pdf',
    "report.pdf;.bat",
    "evil\u202efdp.pdf",
    "zero\u200bwidth\ufeff.pdf",
    "🚚" * 200 + ".pdf",
    "a" * 1000 + ".pdf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_filenames_are_stored_under_a_generated_name(
    post_upload, rep_client, media_root, name
):
    response = post_upload(name, pdf_bytes(), publish="on")
    assert response.status_code == 302
    version = AssetVersion.objects.get()
    assert STORED_NAME.match(version.file.name)
    assert len(version.original_filename) <= 255
    for bad in ["\x00", "\r", "\n", "\u202e", "\u200b", "\ufeff", "/", "\\"]:
        assert bad not in version.original_filename
    assert media_listing(media_root) == {version.file.name, version.preview.name}
    # The download header is one safe attachment whose name ends in .pdf.
    download = rep_client.get(version.asset.get_download_url())
    header = download["Content-Disposition"]
    assert "\r" not in header
    assert "\n" not in header
    assert ";.bat" not in header
    fallback, real = disposition_names(header)
    assert fallback.endswith(".pdf")
    assert real.endswith(".pdf")
    assert real == version.download_filename
    assert '\\"' not in header


def raw_upload(client, filename: bytes, data: bytes):
    """A multipart POST with the file part's name exactly as given (browsers and the test
    client would cap or re-encode it)."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nDeck\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n--B--\r\n"
    )
    return client.post(
        reverse("collateral:upload"), body, content_type="multipart/form-data; boundary=B"
    )


@pytest.mark.parametrize("name", ["🚚" * 256 + ".pdf", "a" * 996 + ".pdf"])
def test_a_name_too_long_for_the_multipart_parser_is_a_400_that_says_so(
    marketer, stages, media_root, name
):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(marketer)
    before = snapshot(media_root)
    response = raw_upload(client, name.encode(), pdf_bytes())
    # Over 1 KB of part headers: Django refuses them before any view code runs (a 400, not
    # a 500). Up to the parser's limit, names are capped as data.
    assert response.status_code == 400
    body = response.content.decode()
    assert "The upload could not be read" in body
    assert "file name that is too long" in body
    assert snapshot(media_root) == before


@pytest.mark.parametrize("name", [b"", b".", b"..", b"\xff\xfe.pdf"])
def test_a_file_whose_name_django_drops_is_told_so(marketer_client, media_root, name):
    before = snapshot(media_root)
    response = raw_upload(marketer_client, name, pdf_bytes())
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("No file arrived.")
    assert "its name could not be read (empty, only dots, or not valid text)" in error
    assert snapshot(media_root) == before


def test_a_file_one_byte_over_the_limit_says_so_to_the_byte(post_upload, settings):
    settings.MAX_UPLOAD_MB = 1
    data = pdf_bytes()
    data += b"\n" * (1024 * 1024 + 1 - len(data))
    body = post_upload("big.pdf", data).content.decode()
    assert "This file is 1,048,577 bytes; the limit is 1 MB (1,048,576 bytes)." in body


def test_a_much_bigger_file_gives_its_size_in_megabytes_too(post_upload, settings):
    settings.MAX_UPLOAD_MB = 1
    data = pdf_bytes() + b"\n" * (3 * 1024 * 1024)
    body = post_upload("big.pdf", data).content.decode()
    assert f"This file is {len(data):,} bytes (3.0 MB); the limit is 1 MB" in body


def test_no_file_named_by_the_client_appears_anywhere(post_upload, media_root):
    import tempfile
    import uuid
    from pathlib import Path

    marker = f"ovtest-{uuid.uuid4().hex}"
    post_upload(f"../../../{marker}.pdf", pdf_bytes())
    version = AssetVersion.objects.get()
    assert (media_root / version.file.name).resolve().is_relative_to(media_root.resolve())
    for folder in [media_root, media_root.parent, Path(tempfile.gettempdir())]:
        assert not list(folder.rglob(f"{marker}*"))


def test_the_upload_form_has_a_progress_bar_and_works_without_js(marketer_client):
    body = marketer_client.get(reverse("collateral:upload")).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "data-upload-form" in body
    assert '<progress id="upload-progress" max="100" value="0">' in body
    assert 'role="status"' in body
    assert "js/collateral-upload.js" in body


def test_the_upload_javascript_sends_the_csrf_header():
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "static/js/collateral-upload.js"
    text = script.read_text()
    assert 'setRequestHeader("X-CSRFToken"' in text
    assert 'upload.addEventListener("progress"' in text


def test_two_files_in_one_field_store_only_a_validated_file(
    marketer_client, marketer, stages, media_root
):
    before = snapshot(media_root)
    response = marketer_client.post(
        reverse("collateral:upload"),
        {
            "title": "Two files",
            "asset_type": "deck",
            "stages": [stages["decision"].pk],
            "owner": marketer.pk,
            "file": [
                upload_file("good.pdf", pdf_bytes()),
                upload_file("evil.pdf", b"<html><script>alert(1)</script></html>"),
            ],
        },
    )
    # Django hands the field its last part; that one is checked and refused.
    assert response.status_code == 200
    assert "HTML page" in response.content.decode()
    assert snapshot(media_root) == before


ACTIVE_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R "
    b"/OpenAction << /S /JavaScript /JS (app.alert(document.cookie)) >> >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)


def test_a_pdf_with_javascript_is_only_ever_served_as_a_sandboxed_attachment(
    post_upload, rep_client
):
    # Decision (checklist A8): PDFs with active content are accepted like any PDF, because
    # they only leave as downloads: attachment, nosniff, a sandbox CSP, never embedded here.
    response = post_upload("active.pdf", ACTIVE_PDF, publish="on")
    assert response.status_code == 302
    asset = Asset.objects.get()
    download = rep_client.get(asset.get_download_url())
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    page = rep_client.get(asset.get_absolute_url()).content.decode()
    assert "<iframe" not in page
    assert "<embed" not in page
    assert "<object" not in page
