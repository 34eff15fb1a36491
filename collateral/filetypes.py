"""What an uploaded file really is, decided from its bytes (security checklist A1–A4).

The collateral library accepts a short allow-list: PDF, Word/PowerPoint/Excel (OOXML, no
macros), PNG, JPEG and MP4. The client's name and declared content type are hints at most;
`sniff()` opens the structure of the file, never extracts or executes anything, and either
returns the `FileKind` the server will store and serve, or raises `RefusedFile` with a message
that says what was found and what is allowed.
"""

import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO
from urllib.parse import quote

from django.conf import settings

from collateral import preview
from personas import sandbox


@dataclass(frozen=True)
class FileKind:
    """An allowed file type: how it is named, typed and labelled."""

    key: str
    label: str
    content_type: str
    extension: str
    # Every extension a client may reasonably use for this type (the first is canonical).
    extensions: tuple[str, ...]


PDF = FileKind("pdf", "PDF document", "application/pdf", "pdf", ("pdf",))
DOCX = FileKind(
    "docx",
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    ("docx",),
)
PPTX = FileKind(
    "pptx",
    "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
    ("pptx",),
)
XLSX = FileKind(
    "xlsx",
    "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    ("xlsx",),
)
PNG = FileKind("png", "PNG image", "image/png", "png", ("png",))
JPEG = FileKind("jpeg", "JPEG image", "image/jpeg", "jpg", ("jpg", "jpeg", "jpe"))
MP4 = FileKind("mp4", "MP4 video", "video/mp4", "mp4", ("mp4", "m4v"))

KINDS = (PDF, DOCX, PPTX, XLSX, PNG, JPEG, MP4)
ALLOWED_TEXT = "PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG, JPEG and MP4"
# Every extension that names an allowed type, to spot a file named as another allowed type.
KNOWN_EXTENSIONS = {ext: kind for kind in KINDS for ext in kind.extensions}

# OOXML: the main part each type must have, and its content type in [Content_Types].xml.
OOXML_MAIN_PARTS = {
    DOCX: (
        "word/document.xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    PPTX: (
        "ppt/presentation.xml",
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    XLSX: (
        "xl/workbook.xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V "}
PDF_TAIL_BYTES = 2048
IMAGE_FORMATS = preview.IMAGE_FORMATS


class RefusedFile(Exception):
    """The upload is not on the allow-list; `message` is shown to the uploader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refuse(found: str) -> RefusedFile:
    return RefusedFile(
        f"This file looks like {found}, which the library does not accept. "
        f"Allowed types: {ALLOWED_TEXT}."
    )


@dataclass(frozen=True)
class Inspected:
    """What `inspect` found: the allowed type, and for an image the preview made while
    decoding it (so it is decoded once)."""

    kind: FileKind
    preview: bytes | None = None


def inspect(file: BinaryIO) -> Inspected:
    """The full check of an upload: its type by content, and for PNG/JPEG a complete decode.

    Images are decoded only in the resource-limited child of collateral.preview (a
    40-megapixel PNG is 160 MB of pixels however small the file); the web worker reads the
    header and gets back the thumbnail. Raises `RefusedFile`.
    """
    kind = _sniff_structure(file)
    if kind not in (PNG, JPEG):
        return Inspected(kind)
    try:
        return Inspected(kind, preview.image_preview(file, settings.MAX_IMAGE_PIXELS))
    except preview.ImageRefused as error:
        if error.reason == "too_many_pixels":
            raise _too_many_pixels(settings.MAX_IMAGE_PIXELS) from error
        if error.reason == "unreadable":
            raise _damaged_image() from error
        raise RefusedFile(
            "This image could not be checked: it took too long or needed too much memory. "
            "Export it again at a smaller size and re-upload it."
        ) from error


def sniff(file: BinaryIO) -> FileKind:
    """Return the allowed type of `file` judged by its content, or raise `RefusedFile`.

    The same full check as `inspect`. The file is read from the start and left at 0.
    """
    return inspect(file).kind


def _sniff_structure(file: BinaryIO) -> FileKind:
    """The type from the bytes and the structure; images only as far as their header."""
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    try:
        if not head:
            raise RefusedFile("The file is empty. Choose the file again and re-upload it.")
        if head.startswith(b"%PDF-"):
            return _check_pdf(file)
        if head.startswith(b"PK\x03\x04"):
            return _check_ooxml(file)
        if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
            return _check_image(file)
        if head[4:8] == b"ftyp":
            return _check_mp4(head)
        raise refuse(describe_unknown(head))
    finally:
        file.seek(0)


def _check_pdf(file: BinaryIO) -> FileKind:
    file.seek(0, 2)
    size = file.tell()
    file.seek(max(0, size - PDF_TAIL_BYTES))
    tail = file.read()
    # A real PDF ends with a trailer: "startxref", an offset and "%%EOF". A file that only
    # starts with "%PDF-" (a polyglot, or a truncated upload) does not.
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise RefusedFile(
            "This file starts like a PDF but is incomplete or damaged (no PDF trailer). "
            "Export it again from the original application and re-upload it."
        )
    return PDF


def _check_ooxml(file: BinaryIO) -> FileKind:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise RefusedFile("This file looks like a damaged ZIP or Office document.") from error
    with archive:
        entries = archive.infolist()
        # Limits are checked on the central directory, before a single member is read.
        if len(entries) > ZIP_MAX_ENTRIES:
            raise refuse(f"an archive with {len(entries)} entries")
        if sum(entry.file_size for entry in entries) > ZIP_MAX_UNCOMPRESSED:
            raise refuse("an archive that expands to more than 200 MB")
        names = set()
        for entry in entries:
            if not _safe_member_name(entry):
                raise refuse("an archive with unsafe entry names (paths or links)")
            names.add(entry.filename)
        if any(PurePosixPath(name).name.lower() == "vbaproject.bin" for name in names):
            raise refuse("a macro-enabled Office document")
        if "[Content_Types].xml" not in names:
            raise refuse("a ZIP archive")
        content_types = _read_capped(archive, "[Content_Types].xml", CONTENT_TYPES_MAX_BYTES)
        if b"macroenabled" in content_types.lower():
            raise refuse("a macro-enabled Office document")
        for kind, (main_part, main_type) in OOXML_MAIN_PARTS.items():
            if main_part in names and main_type in content_types:
                return kind
    raise refuse("an Office document of a kind the library does not accept (or a ZIP archive)")


def _safe_member_name(entry: zipfile.ZipInfo) -> bool:
    name = entry.filename
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if len(name) > 1 and name[1] == ":":  # a Windows drive letter
        return False
    if ".." in PurePosixPath(name).parts:
        return False
    mode = entry.external_attr >> 16
    return not stat.S_ISLNK(mode)


def _read_capped(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise refuse("an Office document with an oversized manifest")
    return data


def _check_image(file: BinaryIO) -> FileKind:
    """PNG or JPEG by its header and pixel count; nothing is decoded here (see `inspect`)."""
    limit = settings.MAX_IMAGE_PIXELS
    try:
        image_format, _pixels = sandbox.check_header(file, IMAGE_FORMATS, limit)
    except sandbox.TooManyPixels as error:
        raise _too_many_pixels(limit) from error
    except sandbox.Unreadable as error:
        raise _damaged_image() from error
    return PNG if image_format == "PNG" else JPEG


def _too_many_pixels(limit: int) -> RefusedFile:
    return RefusedFile(
        f"This image has more than the {limit:,} pixels the library accepts. "
        "Scale it down and re-upload it."
    )


def _damaged_image() -> RefusedFile:
    return RefusedFile(
        "This file starts like an image but is damaged or truncated. "
        "Export it again and re-upload it."
    )


def _check_mp4(head: bytes) -> FileKind:
    brand = head[8:12]
    if brand in MP4_BRANDS:
        return MP4
    raise refuse(f"a media file of a kind the library does not accept (brand {brand!r})")


def describe_unknown(head: bytes) -> str:
    """A human name for what a refused file appears to be, for the error message."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"MZ"):
        return "a Windows program (.exe)"
    if head.startswith(b"\x7fELF"):
        return "a Linux program"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF image"
    if head.startswith((b"PK\x05\x06", b"PK\x07\x08")):
        return "a ZIP archive"
    if b"<svg" in text[:1024]:
        return "an SVG image"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")) or (
        b"<html" in text[:1024]
    ):
        return "an HTML page"
    if text.startswith(b"<?xml"):
        return "an XML file"
    if text.startswith(b"#!"):
        return "a script"
    if text.startswith(b"{\\rtf"):
        return "an RTF document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Office document (.doc/.ppt/.xls)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "a file of an unknown type"
    return "a plain text file"


def clean_filename(name: str, limit: int = 255) -> str:
    """The client's filename as safe display data (checklist B9).

    The browser's escapes undone; NFC; control, format and separator characters (NUL, CR/LF,
    U+202E, U+200B, BOM …) and path separators removed; at most `limit` characters, keeping a
    short extension. Never a path.
    """
    # Browsers send ", CR and LF in a multipart file name as %22, %0D and %0A (HTML spec),
    # and Django passes them on: 'Deck "final".pdf' arrived as 'Deck %22final%22.pdf'.
    name = name or ""
    for escaped, char in (("%22", '"'), ("%0D", "\r"), ("%0A", "\n")):
        name = name.replace(escaped, char)
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        char
        for char in name
        if unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp", "Cs"} and char not in "/\\"
    )
    name = name.strip().strip(".").strip()
    if len(name) > limit:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and 0 < len(extension) <= 10:
            name = stem[: limit - len(extension) - 1] + "." + extension
        else:
            name = name[:limit]
    return name


def extension_of(name: str) -> str:
    """The lowercase extension of a client's filename, or "" when there is none."""
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def check_name_agrees(name: str, kind: FileKind) -> None:
    """Refuse a file named as a *different* allowed type (a PNG called deck.pdf).

    Such a mismatch is a mistake or a polyglot. Other extensions (none, .bat, .tmp …) are only
    a hint: the download name gets the canonical extension instead (see `download_name`).
    """
    named_as = KNOWN_EXTENSIONS.get(extension_of(name))
    if named_as is not None and named_as != kind:
        raise RefusedFile(
            f"This file's content is a {kind.label} but its name ends in "
            f".{extension_of(name)}. Rename it to .{kind.extension}, or choose the "
            f"{named_as.label} you meant to upload."
        )


def download_name(name: str, kind_extension: str) -> str:
    """The name to offer in Content-Disposition: the cleaned name with a truthful extension."""
    name = clean_filename(name) or "download"
    allowed = next(
        (kind.extensions for kind in KINDS if kind.extension == kind_extension),
        (kind_extension,),
    )
    if extension_of(name) in allowed:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= 10:
        name = stem
    return clean_filename(f"{name[:240]}.{kind_extension}")


# What may stay in the plain `filename=` of Content-Disposition: letters, digits and a few
# harmless marks. Quotes, backslashes, `;`, `,` and `%` are what header parsers (and
# reflected-file-download tricks) trip over; everything else folds to ASCII or goes.
_UNSAFE_IN_FALLBACK = re.compile(r"[^A-Za-z0-9 ._()\[\]+&!~-]+")


def ascii_fallback(name: str) -> str:
    """An ASCII-only, quote-free stand-in for `name`, keeping its extension ("Überblick
    «Flow».pdf" → "Uberblick Flow.pdf"). For clients that do not read `filename*`."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = folded.rpartition(".")
    if not dot:
        stem, extension = folded, ""
    stem = " ".join(_UNSAFE_IN_FALLBACK.sub("", stem).split()).strip(". ")
    extension = _UNSAFE_IN_FALLBACK.sub("", extension).strip(". ")
    return f"{stem or 'download'}.{extension}" if extension else stem or "download"


def attachment_header(name: str) -> str:
    """The Content-Disposition value for downloading `name` (checklist C12, RFC 6266).

    `filename*` carries the real UTF-8 name; the plain `filename` is a safe ASCII fallback
    (no quotes, backslashes or `;`) and is the only parameter when it already is the name.
    """
    fallback = ascii_fallback(name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=utf-8''{quote(name, safe='')}"
    return header
