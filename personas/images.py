"""Persona photos: decode uploads defensively, store clean re-encoded WebP copies.

An upload is only ever opened here. It must be a JPEG, PNG or WebP that Pillow fully decodes
within the pixel limit; what gets stored is a fresh WebP encoding of the pixels (so EXIF, GPS,
text chunks and anything smuggled after the image data are gone) and a square thumbnail.
Everything happens in memory: a refused file never touches storage.
"""

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

ACCEPTED_FORMATS = ["JPEG", "PNG", "WEBP"]
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
# A portrait photo has no business being larger than this, whatever MAX_UPLOAD_MB allows.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDE = 1024
THUMBNAIL_SIDE = 256


@dataclass(frozen=True)
class ProcessedPhoto:
    """The two WebP files to store for one accepted upload."""

    photo: bytes
    thumbnail: bytes


def open_image(file: IO[bytes]) -> Image.Image:
    """Return the fully decoded image in `file`, or raise ValidationError.

    Order matters: the pixel count is read from the header and checked before any pixel data
    is decoded, `verify()` checks the structure, and only then is a fresh handle decoded in
    full (`verify()` leaves the first one unusable). Truncated files fail in `load()` because
    LOAD_TRUNCATED_IMAGES stays off.
    """
    if getattr(file, "size", 0) > MAX_PHOTO_BYTES:
        raise ValidationError(
            "This file is larger than %(limit)d MB. Please choose a smaller photo.",
            code="too_big",
            params={"limit": MAX_PHOTO_BYTES // (1024 * 1024)},
        )
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; here a warning is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            file.seek(0)
            with Image.open(file, formats=ACCEPTED_FORMATS) as probe:
                width, height = probe.size
                _check_pixels(width, height)
                probe.verify()
            file.seek(0)
            image = Image.open(file, formats=ACCEPTED_FORMATS)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except Exception:
            # Pillow's decoders raise many exception types on hostile or broken input
            # (OSError, SyntaxError, ValueError, struct.error, ...). All mean the same to us.
            raise ValidationError(
                "This file is not a photo we can read. Upload a JPEG, PNG or WebP image; "
                "it may be damaged or incomplete.",
                code="invalid_image",
            ) from None
    return image


def _check_pixels(width: int, height: int) -> None:
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        "This image is too large (more than %(limit)s megapixels). Please use a smaller photo.",
        code="too_many_pixels",
        params={"limit": f"{settings.MAX_IMAGE_PIXELS / 1_000_000:g}"},
    )


def process_photo(image: Image.Image) -> ProcessedPhoto:
    """Re-encode a decoded image as a WebP photo (at most 1024 px) and a 256 px square thumb."""
    image = ImageOps.exif_transpose(image)
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette, 1-bit, 16-bit and CMYK images cannot be resampled smoothly as they are.
        image = image.convert(mode)
    # Shrink before anything else, so every copy below is at most 1024 px a side: a 40 MP
    # upload then costs one full-size bitmap of memory, not four.
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image holds only pixels: no EXIF, XMP, ICC or text chunks come along.
    photo = Image.new(mode, image.size)
    photo.paste(image.convert(mode))
    thumbnail = ImageOps.fit(photo, (THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(photo=_webp(photo, quality=85), thumbnail=_webp(thumbnail, quality=80))


def _webp(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=quality, method=4, exif=b"", icc_profile=None)
    return buffer.getvalue()


def validate_and_process(file: IO[bytes]) -> ProcessedPhoto:
    """The one entry point for uploads (the form) and generated avatars (the demo)."""
    with open_image(file) as image:
        return process_photo(image)
