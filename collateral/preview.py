"""Preview images (WebP) and the text inside uploaded files.

Everything that opens an uploaded file's content runs in a child process (personas.sandbox:
a timeout, and memory and CPU caps set before the file is opened), never in the web worker:
- PDFs, PowerPoint, Word and Excel files: PDFium (pypdfium2: the renderer Chrome ships, with
  wheels that bundle the library) renders page one of a PDF, the thumbnail an Office file
  carries is re-encoded, and the text of every page, slide or sheet is extracted
  (`collateral.textextract`). A hostile file can only fail its own preview and text; the
  upload succeeds without.
- PNG and JPEG uploads are decoded only in the child, which is also their full check: a
  truncated file or one over the pixel limit is refused there (collateral.filetypes asks), and
  a 40-megapixel image costs the web worker nothing but its header.

Run as `python -m collateral.preview pdf|pptx|docx|xlsx <path> 0` (writes JSON: the preview as
base64 WebP and the pages as [number, name, text]) or `... image <path> <max_pixels>` (writes
the WebP bytes). This module must not import Django: the child stays small and starts fast.
"""

import base64
import io
import json
import sys
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from personas import sandbox

PREVIEW_WIDTH = 640
PREVIEW_TIMEOUT_SECONDS = sandbox.CHILD_TIMEOUT_SECONDS
IMAGE_FORMATS = ["PNG", "JPEG"]
# The document kinds the child opens (FileKind.key); images have their own entry point.
CHILD_KINDS = ("pdf", "pptx", "docx", "xlsx")
USAGE = "python -m collateral.preview pdf|pptx|docx|xlsx|image <path> <max_pixels>"


class TextStatus:
    """What text extraction found (stored on AssetVersion.text_status)."""

    PENDING = "pending"  # not extracted yet (`manage.py reindex` will)
    FOUND = "found"
    EMPTY = "empty"  # read, but no text in it (a scan, a picture-only deck)
    FAILED = "failed"  # could not be read within the limits
    SKIPPED = "skipped"  # images and videos: no text to look for


@dataclass
class Processed:
    """What the child made of one file: a WebP preview, the text per page, and a status."""

    preview: bytes | None = None
    pages: list = field(default_factory=list)  # textextract.Page
    text_status: str = TextStatus.SKIPPED


class ImageRefused(Exception):
    """The child did not accept an image: `reason` is "too_many_pixels", "unreadable" or
    "unchecked" (it failed, ran out of time or memory)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def process_file(path: str, kind: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> Processed:
    """Preview and text of the document at `path` (a FileKind key), made in the guarded child.

    Never raises: a child that fails, crashes or runs out of time gives no preview and
    `TextStatus.FAILED`.
    """
    from collateral.textextract import Page

    if kind not in CHILD_KINDS:
        return Processed()
    failed = Processed(text_status=TextStatus.FAILED)
    result = sandbox.run_child("collateral.preview", kind, str(path), "0", timeout=timeout)
    if not result.ok:
        return failed
    try:
        made = json.loads(result.output)
        preview = base64.b64decode(made["preview"]) if made["preview"] else None
        pages = [Page(int(number), str(text), str(name)) for number, name, text in made["pages"]]
        status = made["text"]
    except (ValueError, KeyError, TypeError):
        return failed
    if preview is not None and not preview.startswith(b"RIFF"):
        preview = None
    return Processed(preview=preview, pages=pages, text_status=status)


def pdf_preview(path: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> bytes | None:
    """WebP of page one of the PDF at `path`, or None if it cannot be rendered in time."""
    return process_file(path, "pdf", timeout).preview


def image_preview(file, max_pixels: int | None = None) -> bytes:
    """WebP thumbnail of the PNG/JPEG in `file` (a file object), decoded and checked in the
    child within `max_pixels` (default: the MAX_IMAGE_PIXELS setting); raises ImageRefused.
    Re-encoding drops EXIF and text chunks."""
    if max_pixels is None:
        from django.conf import settings  # the parent's side only; the child has no Django

        max_pixels = settings.MAX_IMAGE_PIXELS
    with sandbox.local_path(file) as path:
        result = sandbox.run_child("collateral.preview", "image", path, str(max_pixels))
    if result.returncode == sandbox.EXIT_TOO_MANY_PIXELS:
        raise ImageRefused("too_many_pixels")
    if result.returncode == sandbox.EXIT_UNREADABLE:
        raise ImageRefused("unreadable")
    if not result.ok or not result.output.startswith(b"RIFF"):
        raise ImageRefused("unchecked")
    return result.output


# ---- Inside the child --------------------------------------------------------------------


def to_webp(image: Image.Image) -> bytes:
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    image.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 2))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


def _image_thumbnail(path: str, max_pixels: int) -> bytes:
    with sandbox.decode_image(path, IMAGE_FORMATS, max_pixels) as image:
        # Shrink first (in place, from the decoded pixels) so the copies below are small.
        image.thumbnail((PREVIEW_WIDTH * 2, PREVIEW_WIDTH * 4))
        return to_webp(ImageOps.exif_transpose(image))


def _render_first_page(path: str) -> bytes:
    import pypdfium2  # only in the child, after the memory cap

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[0]
        width, _height = page.get_size()
        bitmap = page.render(scale=min(4.0, PREVIEW_WIDTH / max(width, 1.0)))
        return to_webp(bitmap.to_pil())
    finally:
        document.close()


def _office_thumbnail(path: str) -> bytes | None:
    from collateral import textextract

    data = textextract.ooxml_thumbnail(path)
    return to_webp(textextract.thumbnail_image(data)) if data else None


def work(kind: str, path: str) -> dict:
    """The child's job, in-process: preview and text of one document, each failing on its own.

    Call it only under the limits the child sets (tests call it directly on small files).
    """
    from collateral import textextract

    made: dict = {"preview": None, "pages": [], "text": TextStatus.FAILED}
    make_preview = {
        "pdf": _render_first_page,
        "pptx": _office_thumbnail,
        "docx": _office_thumbnail,
    }.get(kind)
    try:
        data = make_preview(path) if make_preview else None
        made["preview"] = base64.b64encode(data).decode() if data else None
    except Exception as error:  # any failure means "no preview"
        print(f"preview failed: {type(error).__name__}", file=sys.stderr)
    try:
        pages = textextract.EXTRACTORS[kind](path)
    except Exception as error:  # any failure means "no text found"
        print(f"text failed: {type(error).__name__}", file=sys.stderr)
    else:
        made["pages"] = [[page.number, page.name, page.text] for page in pages]
        made["text"] = TextStatus.FOUND if pages else TextStatus.EMPTY
    return made


def main(argv: list[str]) -> int:
    kind = argv[1] if argv[1:] else ""
    if kind == "image":
        return sandbox.child_main([argv[0], *argv[2:]], USAGE, _image_thumbnail)
    if kind in CHILD_KINDS:
        # The renderer and the parsers are imported inside work(), after the limits.
        return sandbox.child_main(
            [argv[0], *argv[2:]], USAGE, lambda path, _: json.dumps(work(kind, path)).encode()
        )
    print(f"usage: {USAGE}", file=sys.stderr)
    return sandbox.EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main(sys.argv))
