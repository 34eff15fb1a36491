"""Preview images (WebP) for uploaded files: page one of a PDF, a thumbnail of an image.

Both are made in a child process (personas.sandbox: a timeout, and memory and CPU caps set
before the file is opened), never in the web worker. PDFs are rendered by PDFium (pypdfium2:
the renderer Chrome ships, with wheels that bundle the library); a hostile PDF can only fail
its own preview, and the upload succeeds without one. PNG and JPEG uploads are decoded only
in the child, which is also their full check: a truncated file or one over the pixel limit is
refused there (collateral.filetypes asks), and a 40-megapixel image costs the web worker
nothing but its header.

Run as `python -m collateral.preview pdf|image <path> <max_pixels>`: writes the WebP bytes to
stdout. This module must not import Django: the child process stays small and starts fast.
"""

import io
import sys

from PIL import Image, ImageOps

from personas import sandbox

PREVIEW_WIDTH = 640
PREVIEW_TIMEOUT_SECONDS = sandbox.CHILD_TIMEOUT_SECONDS
IMAGE_FORMATS = ["PNG", "JPEG"]
USAGE = "python -m collateral.preview pdf|image <path> <max_pixels>"


class ImageRefused(Exception):
    """The child did not accept an image: `reason` is "too_many_pixels", "unreadable" or
    "unchecked" (it failed, ran out of time or memory)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def pdf_preview(path: str, timeout: float = PREVIEW_TIMEOUT_SECONDS) -> bytes | None:
    """WebP of page one of the PDF at `path`, or None if it cannot be rendered in time."""
    result = sandbox.run_child("collateral.preview", "pdf", str(path), "0", timeout=timeout)
    if not result.ok or not result.output.startswith(b"RIFF"):
        return None
    return result.output


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


def _render_first_page(path: str, _max_pixels: int = 0) -> bytes:
    import pypdfium2  # only in the child, after the memory cap

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[0]
        width, _height = page.get_size()
        bitmap = page.render(scale=min(4.0, PREVIEW_WIDTH / max(width, 1.0)))
        return to_webp(bitmap.to_pil())
    finally:
        document.close()


def main(argv: list[str]) -> int:
    work = {"pdf": _render_first_page, "image": _image_thumbnail}.get(argv[1] if argv[1:] else "")
    if work is None:
        print(f"usage: {USAGE}", file=sys.stderr)
        return sandbox.EXIT_USAGE
    return sandbox.child_main([argv[0], *argv[2:]], USAGE, work)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
