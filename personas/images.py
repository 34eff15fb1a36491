"""Persona photos: decode uploads defensively, store clean re-encoded WebP copies.

The upload is never decoded in the web worker: a child process (personas.photo_worker, under
the memory and CPU caps of personas.sandbox) decodes it within the pixel limit and returns a
fresh WebP encoding of the pixels, so EXIF, GPS, text chunks and anything smuggled after the
image data are gone, and a square thumbnail. Everything happens before storage: a refused
file never touches it.
"""

from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

from personas import photo_worker, sandbox

ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
# A portrait photo has no business being larger than this, whatever MAX_UPLOAD_MB allows.
MAX_PHOTO_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ProcessedPhoto:
    """The two WebP files to store for one accepted upload."""

    photo: bytes
    thumbnail: bytes


def validate_and_process(file: IO[bytes]) -> ProcessedPhoto:
    """The one entry point for uploads (the form) and generated avatars (the demo).

    Returns the photo and thumbnail to store, or raises ValidationError saying why not.
    """
    if getattr(file, "size", 0) > MAX_PHOTO_BYTES:
        raise ValidationError(
            "This file is larger than %(limit)d MB. Please choose a smaller photo.",
            code="too_big",
            params={"limit": MAX_PHOTO_BYTES // (1024 * 1024)},
        )
    limit = settings.MAX_IMAGE_PIXELS
    try:
        # The header alone refuses most bad files (not an image, a bomb) without a child.
        sandbox.check_header(file, photo_worker.ACCEPTED_FORMATS, limit)
    except sandbox.TooManyPixels:
        raise _too_many_pixels() from None
    except sandbox.Unreadable:
        raise _unreadable() from None
    with sandbox.local_path(file) as path:
        result = sandbox.run_child("personas.photo_worker", path, str(limit))
    if result.returncode == sandbox.EXIT_TOO_MANY_PIXELS:
        raise _too_many_pixels()
    if result.returncode == sandbox.EXIT_UNREADABLE:
        raise _unreadable()
    if not result.ok:
        raise ValidationError(
            "We could not process this photo. Please try again, or use a smaller image.",
            code="not_processed",
        )
    photo, thumbnail = photo_worker.split(result.output)
    return ProcessedPhoto(photo=photo, thumbnail=thumbnail)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        "This image is too large (more than %(limit)s megapixels). Please use a smaller photo.",
        code="too_many_pixels",
        params={"limit": f"{settings.MAX_IMAGE_PIXELS / 1_000_000:g}"},
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        "This file is not a photo we can read. Upload a JPEG, PNG or WebP image; "
        "it may be damaged or incomplete.",
        code="invalid_image",
    )
