"""The child process that turns an uploaded persona photo into the two WebP files we store.

Run as `python -m personas.photo_worker <path> <max_pixels>` (personas.images does): decodes
the JPEG, PNG or WebP defensively (personas.sandbox.decode_image) under the child's memory
and CPU caps, and writes to stdout the photo (at most 1024 px a side) and the 256 px square
thumbnail, each a fresh WebP encoding of the pixels only: EXIF, GPS, text chunks and anything
smuggled after the image data are gone. Framing: 8 bytes of photo length, photo, thumbnail.
This module must not import Django.
"""

import io
import sys

from PIL import Image, ImageOps

from personas import sandbox

ACCEPTED_FORMATS = ["JPEG", "PNG", "WEBP"]
PHOTO_MAX_SIDE = 1024
THUMBNAIL_SIDE = 256
LENGTH_BYTES = 8
USAGE = "python -m personas.photo_worker <path> <max_pixels>"


def process(path: str, max_pixels: int) -> bytes:
    with sandbox.decode_image(path, ACCEPTED_FORMATS, max_pixels) as image:
        photo, thumbnail = reencode(image)
    return len(photo).to_bytes(LENGTH_BYTES, "big") + photo + thumbnail


def split(output: bytes) -> tuple[bytes, bytes]:
    """The photo and the thumbnail from a child's output (the parent's side of the framing)."""
    length = int.from_bytes(output[:LENGTH_BYTES], "big")
    return output[LENGTH_BYTES : LENGTH_BYTES + length], output[LENGTH_BYTES + length :]


def reencode(image: Image.Image) -> tuple[bytes, bytes]:
    """WebP photo (at most 1024 px) and a 256 px square thumbnail from its centre."""
    image = ImageOps.exif_transpose(image)
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette, 1-bit, 16-bit and CMYK images cannot be resampled smoothly as they are.
        image = image.convert(mode)
    # Shrink before anything else, so every copy below is at most 1024 px a side.
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image holds only pixels: no EXIF, XMP, ICC or text chunks come along.
    photo = Image.new(mode, image.size)
    photo.paste(image.convert(mode))
    thumbnail = ImageOps.fit(photo, (THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return _webp(photo, quality=85), _webp(thumbnail, quality=80)


def _webp(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=quality, method=4, exif=b"", icc_profile=None)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(
        sandbox.child_main(
            sys.argv, "python -m personas.photo_worker <path> <max_pixels>", process
        )
    )
