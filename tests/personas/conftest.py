"""Persona fixtures: personas in each status, and image files built in memory."""

import io
import struct
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, PngImagePlugin

from personas.models import Persona


def make_persona(**fields) -> Persona:
    n = Persona.objects.count() + 1
    defaults = {
        "name": f"Persona {n}",
        "slug": f"persona-{n}",
        "buying_role": Persona.BuyingRole.USER,
        "summary": "Runs the warehouse floor and owns on-time dispatch.",
        "status": Persona.Status.PUBLISHED,
        "reviewed_at": timezone.localdate() - timedelta(days=10),
    }
    return Persona.objects.create(**{**defaults, **fields})


@pytest.fixture
def published(db) -> Persona:
    return make_persona(
        name="Operations Olivia",
        slug="operations-olivia",
        segment="Mid-market logistics",
        goals="Hit the carrier cut-offs\nFewer exceptions",
        objections="My team won't use another screen",
    )


@pytest.fixture
def draft(db) -> Persona:
    return make_persona(name="Draft Dora", slug="draft-dora", status=Persona.Status.DRAFT)


@pytest.fixture
def archived(db) -> Persona:
    return make_persona(name="Old Otto", slug="old-otto", status=Persona.Status.ARCHIVED)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), **save_options) -> bytes:
    """A real image with some detail (a gradient), so truncating it really cuts pixel data."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_exif() -> bytes:
    """A landscape 60×40 JPEG whose EXIF says "rotate 90°" and carries camera and GPS data."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the stored pixels must be turned to stand upright.
    exif[0x010F] = "SpyCam"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.0)
    return image_bytes("JPEG", size=(60, 40), exif=exif)


def png_with_text_chunk(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return image_bytes("PNG", pnginfo=info)


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def stored_files(media_root) -> list[str]:
    """Every file under MEDIA_ROOT, as sorted relative paths."""
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())
