"""Demo personas for `manage.py seed_demo`: the buyers of Brightline Flow.

Creates Finance Fiona, Operations Olivia and Integration Ivan (published, each with a drawn
avatar photo) and Procurement Paula (a draft, initials only). Personas are looked up by slug
and left alone when they exist, so running it again changes nothing (photos included).
"""

import io
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from personas import services
from personas.demo_content import PERSONAS
from personas.images import validate_and_process
from personas.models import Persona

SIZE = 512
SCALE = 2  # drawn at twice the size, then scaled down, for smooth edges


def seed(users: dict[str, User]) -> None:
    """Create the demo personas that do not exist yet; running it again changes nothing."""
    for entry in PERSONAS:
        if not Persona.objects.filter(slug=entry["slug"]).exists():
            _create(entry, owner=users["marketer"])


def _create(entry: dict, owner: User) -> Persona:
    fields = {
        key: "\n".join(value) if isinstance(value, list) else value
        for key, value in entry.items()
        if key not in ("reviewed_days_ago", "avatar")
    }
    persona = Persona(
        **fields,
        owner=owner,
        reviewed_at=timezone.localdate() - timedelta(days=entry["reviewed_days_ago"]),
    )
    written: list[str] = []
    try:
        with transaction.atomic():
            if entry["avatar"]:
                # The same path as an upload: decoded, checked and re-encoded as WebP.
                png = draw_avatar(**entry["avatar"])
                services.attach_photo(persona, validate_and_process(png), written=written)
            persona.save()
    except BaseException:
        for name in written:
            persona.photo.storage.delete(name)
        raise
    return persona


def draw_avatar(
    background: tuple[str, str], skin: str, hair: str, shirt: str, style: str
) -> io.BytesIO:
    """A friendly flat-illustration head and shoulders on a gradient, as PNG bytes."""
    s = SIZE * SCALE
    image = _gradient(s, *background)
    draw = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (int(x0 * s), int(y0 * s), int(x1 * s), int(y1 * s))

    def pt(x: float, y: float) -> tuple[int, int]:
        return (int(x * s), int(y * s))

    # Hair behind the head (longer styles), shoulders, neck.
    if style == "bob":
        draw.rounded_rectangle(box(0.29, 0.22, 0.71, 0.66), radius=int(0.12 * s), fill=hair)
    if style == "bun":
        draw.ellipse(box(0.41, 0.08, 0.59, 0.24), fill=hair)
    draw.ellipse(box(0.14, 0.67, 0.86, 1.25), fill=shirt)
    draw.rectangle(box(0.44, 0.56, 0.56, 0.71), fill=_shade(skin, 0.9))
    draw.polygon([pt(0.40, 0.69), pt(0.5, 0.81), pt(0.60, 0.69)], fill=_shade(skin, 0.9))
    # Head, and ears unless the hair covers them.
    if style != "bob":
        draw.ellipse(box(0.305, 0.30, 0.345, 0.43), fill=_shade(skin, 0.95))
        draw.ellipse(box(0.655, 0.30, 0.695, 0.43), fill=_shade(skin, 0.95))
    draw.ellipse(box(0.32, 0.17, 0.68, 0.62), fill=skin)
    # Hair on top.
    if style in ("bob", "bun"):
        draw.chord(box(0.31, 0.15, 0.69, 0.50), start=180, end=360, fill=hair)
        draw.pieslice(box(0.30, 0.15, 0.60, 0.47), start=180, end=300, fill=hair)
    else:
        draw.chord(box(0.315, 0.14, 0.685, 0.42), start=180, end=360, fill=hair)
        draw.rectangle(box(0.32, 0.27, 0.35, 0.34), fill=hair)
        draw.rectangle(box(0.65, 0.27, 0.68, 0.34), fill=hair)
    # Face: eyes, brows, smile, cheeks.
    ink = "#2b2220"
    for cx in (0.43, 0.57):
        draw.ellipse(box(cx - 0.018, 0.385, cx + 0.018, 0.42), fill=ink)
        draw.line(
            [pt(cx - 0.04, 0.355), pt(cx + 0.035, 0.35)],
            fill=_shade(hair, 0.8),
            width=int(0.012 * s),
        )
        outward = -0.02 if cx < 0.5 else 0.02
        draw.ellipse(
            box(cx + outward - 0.03, 0.45, cx + outward + 0.03, 0.48), fill=_shade(skin, 0.92)
        )
    draw.arc(box(0.44, 0.44, 0.56, 0.53), start=20, end=160, fill=ink, width=int(0.012 * s))
    if style == "short":
        # Glasses for the architect.
        for cx in (0.43, 0.57):
            draw.ellipse(box(cx - 0.05, 0.365, cx + 0.05, 0.445), outline=ink, width=int(0.01 * s))
        draw.line([pt(0.48, 0.40), pt(0.52, 0.40)], fill=ink, width=int(0.01 * s))
    # A collar to finish the shoulders.
    draw.polygon(
        [pt(0.40, 0.71), pt(0.5, 0.82), pt(0.46, 0.87), pt(0.36, 0.75)], fill=_shade(shirt, 1.25)
    )
    draw.polygon(
        [pt(0.60, 0.71), pt(0.5, 0.82), pt(0.54, 0.87), pt(0.64, 0.75)], fill=_shade(shirt, 1.25)
    )

    # Zoom in on head and shoulders: avatars are shown small, in a circle.
    image = image.crop(box(0.12, 0.06, 0.88, 0.82)).resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def _gradient(size: int, top: str, bottom: str) -> Image.Image:
    start, end = _rgb(top), _rgb(bottom)
    column = Image.new("RGB", (1, size))
    for y in range(size):
        t = y / (size - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        )
    return column.resize((size, size))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


def _shade(colour: str, factor: float) -> tuple[int, int, int]:
    return tuple(min(255, round(c * factor)) for c in _rgb(colour))
