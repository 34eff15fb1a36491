"""Generated demo files: slide decks and one-pagers as real multi-page PDFs, and images.

Pillow draws each page (text, bars, shapes); the PDF carries the same words as a text layer
(collateral.textpdf); nothing is downloaded. Fonts
come from the system when present (DejaVu on Debian) and fall back to Pillow's own.
"""

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from collateral import textpdf

INK = "#1c2430"
SOFT = "#4a5566"
BRAND = "#1f5fbf"
BRAND_DARK = "#174a96"
ACCENT = "#f2b705"
PALE = "#e8f0fc"
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"]

SLIDE = (1280, 720)
PAGE = (850, 1100)


@cache
def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        try:
            return ImageFont.truetype(f"{folder}/{name}", size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, width: int, face) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _page(
    size: tuple[int, int],
    title: str,
    heading: str,
    bullets: list[str],
    number: int,
    total: int,
    chart: list[int] | None,
) -> Image.Image:
    width, height = size
    slide = size == SLIDE
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    band = 96 if slide else 120
    draw.rectangle((0, 0, width, band), fill=BRAND)
    draw.rectangle((0, band, width, band + 6), fill=ACCENT)
    draw.text((48, band // 2), "Brightline Flow", font=font(26, True), fill="white", anchor="lm")
    draw.text((width - 48, band // 2), title[:60], font=font(18), fill="#dfe8f7", anchor="rm")
    y = band + 48
    heading_font = font(44 if slide else 36, True)
    for line in _wrap(draw, heading, width - 96, heading_font)[:3]:
        draw.text((48, y), line, font=heading_font, fill=INK)
        y += heading_font.size + 14
    y += 18
    text_width = (width // 2 - 72) if (chart and slide) else width - 120
    body = font(26 if slide else 22)
    for bullet in bullets:
        draw.ellipse((52, y + 10, 64, y + 22), fill=BRAND)
        for line in _wrap(draw, bullet, text_width, body):
            draw.text((84, y), line, font=body, fill=SOFT)
            y += body.size + 10
        y += 14
    if chart:
        _bars(draw, chart, size, slide, y)
    draw.line((48, height - 56, width - 48, height - 56), fill="#d9dee6", width=2)
    draw.text(
        (48, height - 32),
        "Brightline · for customer conversations",
        font=font(16),
        fill=SOFT,
        anchor="lm",
    )
    draw.text(
        (width - 48, height - 32), f"{number} / {total}", font=font(16), fill=SOFT, anchor="rm"
    )
    return image


def _bars(draw, values: list[int], size, slide: bool, top: int) -> None:
    width, height = size
    if slide:
        left, right, bottom, ceiling = width // 2 + 40, width - 80, height - 110, 250
    else:
        left, right, bottom, ceiling = 90, width - 90, height - 120, max(top + 40, height - 420)
    draw.rectangle((left - 20, ceiling - 30, right + 20, bottom + 20), fill=PALE)
    step = (right - left) / len(values)
    peak = max(values) or 1
    for index, value in enumerate(values):
        x0 = left + index * step + step * 0.18
        x1 = left + (index + 1) * step - step * 0.18
        y0 = bottom - (bottom - ceiling) * value / peak
        draw.rectangle((x0, y0, x1, bottom), fill=BRAND if index < len(values) - 1 else ACCENT)
        draw.text(((x0 + x1) / 2, y0 - 8), str(value), font=font(18, True), fill=INK, anchor="md")


def cover(title: str, subtitle: str, total: int) -> Image.Image:
    """A title slide: brand panel on the left, the title and its promise on the right."""
    width, height = SLIDE
    image = Image.new("RGB", SLIDE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 420, height), fill=BRAND)
    draw.rectangle((420, 0, 432, height), fill=ACCENT)
    draw.text((56, 70), "Brightline", font=font(40, True), fill="white")
    draw.text((56, 120), "Flow", font=font(40), fill="#dfe8f7")
    for index, size in enumerate((150, 100, 60)):
        x = 120 + index * 70
        draw.ellipse(
            (x, 420 + index * 40, x + size, 420 + index * 40 + size), outline="white", width=4
        )
    y = 170
    face = font(52, True)
    for line in _wrap(draw, title, width - 540, face)[:4]:
        draw.text((490, y), line, font=face, fill=INK)
        y += 66
    y += 24
    body = font(26)
    for line in _wrap(draw, subtitle, width - 560, body)[:6]:
        draw.text((490, y), line, font=body, fill=SOFT)
        y += 38
    draw.text(
        (490, height - 60), f"Customer conversations · {total} pages", font=font(18), fill=SOFT
    )
    return image


def pdf(
    title: str,
    subtitle: str,
    pages: list[tuple[str, list[str]]],
    *,
    slides: bool = True,
    chart: list[int] | None = None,
) -> bytes:
    """A multi-page PDF: a cover (slides) or a lead paragraph (documents), then content pages;
    `chart` puts a bar chart on the first content page."""
    if slides:
        total = len(pages) + 1
        images = [cover(title, subtitle, total)] + [
            _page(SLIDE, title, heading, bullets, n + 2, total, chart if n == 0 else None)
            for n, (heading, bullets) in enumerate(pages)
        ]
        texts = [[title, subtitle]] + [[heading, *bullets] for heading, bullets in pages]
    else:
        _heading, first_bullets = pages[0]
        images = [_page(PAGE, title, title, [subtitle, *first_bullets], 1, len(pages), chart)] + [
            _page(PAGE, title, heading, bullets, n + 2, len(pages), None)
            for n, (heading, bullets) in enumerate(pages[1:])
        ]
        texts = [[title, subtitle, *first_bullets]] + [
            [heading, *bullets] for heading, bullets in pages[1:]
        ]
    # The words each page shows, also as a text layer, so the drift check can read them.
    return textpdf.with_text_layer(images, texts)


def diagram(title: str, steps: list[str], fmt: str = "PNG") -> bytes:
    """A flow diagram (boxes and arrows) as PNG or JPEG."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height), "#f5f7fa")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 110), fill=BRAND_DARK)
    draw.text((60, 55), title, font=font(40, True), fill="white", anchor="lm")
    box_width = (width - 120 - 40 * (len(steps) - 1)) / len(steps)
    for index, step in enumerate(steps):
        x0 = 60 + index * (box_width + 40)
        draw.rounded_rectangle(
            (x0, 330, x0 + box_width, 570), radius=18, fill="white", outline=BRAND, width=4
        )
        draw.ellipse((x0 + 20, 350, x0 + 70, 400), fill=ACCENT)
        draw.text((x0 + 45, 375), str(index + 1), font=font(24, True), fill=INK, anchor="mm")
        y = 420
        for line in _wrap(draw, step, int(box_width) - 40, font(26, True))[:4]:
            draw.text((x0 + 20, y), line, font=font(26, True), fill=INK)
            y += 34
        if index < len(steps) - 1:
            ax = x0 + box_width + 6
            draw.polygon([(ax, 435), (ax + 28, 450), (ax, 465)], fill=BRAND)
    draw.text(
        (60, height - 60),
        "Brightline Flow · exceptions are routed, not emailed",
        font=font(22),
        fill=SOFT,
        anchor="lm",
    )
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=85)
    return buffer.getvalue()
