"""Preview images (WebP) and the text inside uploaded files.

PDFs, PowerPoint, Word and Excel files are opened in a separate Python process started with a
timeout, which caps its own address space and CPU time before it opens the file. In that one
process PDFium (pypdfium2: the renderer Chrome ships, with wheels that bundle the library)
renders page one of a PDF, the thumbnail an Office file carries is re-encoded, and the text of
every page, slide or sheet is extracted (`collateral.textextract`). A hostile file can then only
fail its own preview and text, never hang or bloat the web worker; the upload succeeds without.

Run as `python -m collateral.preview <kind> <path>`: writes JSON to stdout, the preview as
base64 WebP and the pages as [number, name, text].
This module must not import Django: the child process stays small and starts fast.
"""

import base64
import io
import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

PREVIEW_WIDTH = 640
PREVIEW_TIMEOUT_SECONDS = 20
PREVIEW_MEMORY_BYTES = 768 * 1024 * 1024
# The child imports this module by name, so it runs from the project directory.
PROJECT_DIR = Path(__file__).resolve().parent.parent

logger = logging.getLogger(__name__)


# The kinds the child opens (FileKind.key); images and videos are handled without it.
CHILD_KINDS = ("pdf", "pptx", "docx", "xlsx")


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


def process_file(path: str, kind: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> Processed:
    """Preview and text of the file at `path` (a FileKind key), made in the guarded child.

    Never raises: a child that fails, crashes or runs out of time gives no preview and
    `TextStatus.FAILED`.
    """
    from collateral.textextract import Page

    if kind not in CHILD_KINDS:
        return Processed()
    failed = Processed(text_status=TextStatus.FAILED)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "collateral.preview", kind, str(path)],
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Preview and text of a %s timed out after %ss", kind, timeout)
        return failed
    except OSError:
        logger.exception("The preview process could not start")
        return failed
    if result.returncode != 0:
        logger.info("Preview process failed (exit code %s)", result.returncode)
        return failed
    try:
        made = json.loads(result.stdout)
        preview = base64.b64decode(made["preview"]) if made["preview"] else None
        pages = [Page(int(number), str(text), str(name)) for number, name, text in made["pages"]]
        status = made["text"]
    except (ValueError, KeyError, TypeError):
        logger.info("Preview process wrote unreadable output")
        return failed
    if preview is not None and not preview.startswith(b"RIFF"):
        preview = None
    return Processed(preview=preview, pages=pages, text_status=status)


def pdf_preview(path: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> bytes | None:
    """WebP of page one of the PDF at `path`, or None if it cannot be rendered in time."""
    return process_file(path, "pdf", timeout).preview


def image_preview(file) -> bytes | None:
    """WebP thumbnail of an already validated PNG/JPEG; re-encoding drops EXIF and text chunks."""
    try:
        file.seek(0)
        with Image.open(file, formats=["PNG", "JPEG"]) as image:
            image = ImageOps.exif_transpose(image)
            return _to_webp(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        logger.info("Image preview failed", exc_info=True)
        return None
    finally:
        file.seek(0)


def _to_webp(image: Image.Image) -> bytes:
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    image.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 2))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


def _render_first_page(path: str) -> bytes:
    import pypdfium2  # only in the child, after the memory cap

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[0]
        width, _height = page.get_size()
        bitmap = page.render(scale=min(4.0, PREVIEW_WIDTH / max(width, 1.0)))
        return _to_webp(bitmap.to_pil())
    finally:
        document.close()


def _office_thumbnail(path: str) -> bytes | None:
    from collateral import textextract

    data = textextract.ooxml_thumbnail(path)
    return _to_webp(textextract.thumbnail_image(data)) if data else None


def work(kind: str, path: str) -> dict:
    """The child's job, in-process: preview and text of one file, each failing on its own.

    Call it only under the limits `main` sets (tests call it directly on small files).
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
    import resource  # POSIX only, and only the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (PREVIEW_MEMORY_BYTES, PREVIEW_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (PREVIEW_TIMEOUT_SECONDS, PREVIEW_TIMEOUT_SECONDS))
    if len(argv) != 3 or argv[1] not in CHILD_KINDS:
        print("usage: python -m collateral.preview pdf|pptx|docx|xlsx <path>", file=sys.stderr)
        return 2
    # The renderer (_render_first_page) and the parsers are imported inside work(), after
    # the limits above are in force.
    sys.stdout.write(json.dumps(work(argv[1], argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
