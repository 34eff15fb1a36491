"""Sniffing by content and cleaning client filenames (collateral/filetypes.py)."""

import io
import struct
import zlib

import pytest

from collateral import filetypes
from collateral.filetypes import RefusedFile, clean_filename, download_name, sniff
from tests.collateral.conftest import image_bytes, mp4_bytes, ooxml_bytes, pdf_bytes


def sniffed(data: bytes) -> filetypes.FileKind:
    return sniff(io.BytesIO(data))


def refusal(data: bytes) -> str:
    with pytest.raises(RefusedFile) as caught:
        sniffed(data)
    return caught.value.message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes(), filetypes.PDF),
        (ooxml_bytes("docx"), filetypes.DOCX),
        (ooxml_bytes("pptx"), filetypes.PPTX),
        (ooxml_bytes("xlsx"), filetypes.XLSX),
        (image_bytes("PNG"), filetypes.PNG),
        (image_bytes("JPEG"), filetypes.JPEG),
        (mp4_bytes(), filetypes.MP4),
    ],
)
def test_every_allowed_type_is_recognised_by_content(data, kind):
    assert sniffed(data) is kind


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "Windows program"),
        (b"\x7fELF\x02\x01" + b"\x00" * 100, "Linux program"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML page"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
        (b'<?xml version="1.0"?>\n<svg onload="alert(1)"/>', "SVG"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;/*", "GIF"),
        (b"#!/bin/sh\nrm -rf /\n", "script"),
        (b"just some notes\n", "plain text"),
        (b"PK\x05\x06" + b"\x00" * 18, "ZIP archive"),
    ],
)
def test_other_content_is_refused_naming_what_was_found(data, found):
    message = refusal(data)
    assert found in message
    assert "Allowed types: PDF" in message


def test_an_empty_file_is_refused():
    assert "empty" in refusal(b"")


def test_a_pdf_without_a_trailer_is_refused():
    assert "PDF trailer" in refusal(b"%PDF-1.7\n<html><script>alert(1)</script></html>")


def test_a_plain_zip_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "ZIP archive" in refusal(buffer.getvalue())


def test_a_macro_enabled_document_renamed_docx_is_refused():
    docm = ooxml_bytes(
        "docx",
        main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
        extra={"word/vbaProject.bin": b"\x00" * 32},
    )
    assert "macro-enabled" in refusal(docm)


def test_a_macro_content_type_alone_is_refused():
    docm = ooxml_bytes("docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "macro-enabled" in refusal(docm)


@pytest.mark.parametrize("name", ["../evil.sh", "word/../../evil", "/etc/passwd", "C:/x.txt"])
def test_an_archive_with_an_unsafe_entry_name_is_refused(name):
    assert "unsafe entry names" in refusal(ooxml_bytes("docx", extra={name: b"x"}))


def test_a_docx_without_content_types_is_refused():
    assert "ZIP archive" in refusal(ooxml_bytes("docx", content_types=False))


def test_an_archive_with_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(filetypes, "ZIP_MAX_ENTRIES", 3)
    data = ooxml_bytes("docx", extra={f"word/media/{n}.xml": b"x" for n in range(3)})
    assert "entries" in refusal(data)


def test_an_archive_that_expands_too_far_is_refused_without_reading_it(monkeypatch):
    monkeypatch.setattr(filetypes, "ZIP_MAX_UNCOMPRESSED", 10_000)
    data = ooxml_bytes("docx", extra={"word/media/big.xml": b"\x00" * 20_000})
    assert "expands" in refusal(data)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    assert "pixels" in refusal(png_header_claiming(2000, 1000))


def test_a_header_claiming_65535_squared_pixels_is_refused():
    assert "pixels" in refusal(png_header_claiming(65535, 65535))


def test_pillows_bomb_warning_is_a_refusal_not_a_warning(settings):
    # Between Pillow's MAX_IMAGE_PIXELS and twice that, Pillow only warns.
    from PIL import Image

    settings.MAX_IMAGE_PIXELS = 10**10
    width = 10_000
    height = Image.MAX_IMAGE_PIXELS // width + 10
    assert "pixels" in refusal(png_header_claiming(width, height))


def test_a_truncated_png_is_refused():
    data = image_bytes("PNG", size=(200, 200))
    assert "damaged or truncated" in refusal(data[: len(data) // 2])


def test_a_header_only_jpeg_is_refused():
    assert "damaged or truncated" in refusal(image_bytes("JPEG")[:20])


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("deck.pdf", "deck.pdf"),
        ("../../x.pdf", "x.pdf"),
        ("..\\x.pdf", "x.pdf"),
        ("/etc/passwd.pdf", "etcpasswd.pdf"),
        ("a\x00b\r\nc.pdf", "abc.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("zero\u200bwidth\ufeff.pdf", "zerowidth.pdf"),
        ("Cafe\u0301.pdf", "Café.pdf"),
        ("Deck %22final%22 v2.pdf", 'Deck "final" v2.pdf'),  # as Chromium sends it
        ("two%0D%0Alines.pdf", "twolines.pdf"),
        ("", ""),
    ],
)
def test_client_filenames_are_cleaned_to_data(raw, clean):
    assert clean_filename(raw) == clean


def test_a_long_filename_is_capped_at_255_characters_keeping_its_extension():
    cleaned = clean_filename("a" * 1000 + ".pdf")
    assert len(cleaned) == 255
    assert cleaned.endswith(".pdf")


def test_emoji_names_are_capped_by_characters_not_bytes():
    cleaned = clean_filename("🚚" * 300 + ".pdf")
    assert len(cleaned) == 255
    assert cleaned.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deck.pdf", "deck.pdf"),
        ("deck.PDF", "deck.PDF"),
        ("deck", "deck.pdf"),
        ('report.pdf";.bat', 'report.pdf";.pdf'),
        ("report.pdf;.bat", "report.pdf;.pdf"),
        ("", "download.pdf"),
    ],
)
def test_the_download_name_always_ends_in_the_sniffed_extension(name, expected):
    assert download_name(name, "pdf") == expected


def test_a_png_named_pdf_is_refused_as_a_mismatch():
    with pytest.raises(RefusedFile) as caught:
        filetypes.check_name_agrees("deck.pdf", filetypes.PNG)
    assert "PNG image but its name ends in .pdf" in caught.value.message


def test_jpeg_accepts_its_usual_extensions():
    for name in ["photo.jpg", "photo.jpeg", "photo.JPG", "photo"]:
        filetypes.check_name_agrees(name, filetypes.JPEG)
