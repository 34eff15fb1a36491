"""Preview images (WebP) for uploaded files: page one of a PDF, a thumbnail of an image.

PDFs are rendered by PDFium (pypdfium2: the renderer Chrome ships, with wheels that bundle the
library) in a separate Python process started with a timeout, which caps its own address space
before it opens the file. A hostile PDF can then only fail its own preview, never hang or bloat
the web worker; the upload succeeds without a preview.

Run as `python -m collateral.preview <path>`: writes the WebP bytes of page one to stdout.
This module must not import Django: the child process stays small and starts fast.
"""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageOps

PREVIEW_WIDTH = 640
PREVIEW_TIMEOUT_SECONDS = 20
PREVIEW_MEMORY_BYTES = 768 * 1024 * 1024
# The child imports this module by name, so it runs from the project directory.
PROJECT_DIR = Path(__file__).resolve().parent.parent

logger = logging.getLogger(__name__)


def pdf_preview(path: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> bytes | None:
    """WebP of page one of the PDF at `path`, or None if it cannot be rendered in time."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "collateral.preview", str(path)],
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("PDF preview timed out after %ss", timeout)
        return None
    except OSError:
        logger.exception("PDF preview could not start")
        return None
    if result.returncode != 0 or not result.stdout.startswith(b"RIFF"):
        logger.info("PDF preview failed (exit code %s)", result.returncode)
        return None
    return result.stdout


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


def main(argv: list[str]) -> int:
    import resource  # POSIX only, and only the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (PREVIEW_MEMORY_BYTES, PREVIEW_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (PREVIEW_TIMEOUT_SECONDS, PREVIEW_TIMEOUT_SECONDS))
    if len(argv) != 2:
        print("usage: python -m collateral.preview <file.pdf>", file=sys.stderr)
        return 2
    try:
        data = _render_first_page(argv[1])
    except Exception as error:  # any failure means "no preview"
        print(f"preview failed: {type(error).__name__}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
