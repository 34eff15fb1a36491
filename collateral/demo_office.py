"""Generated PowerPoint and Word files for the demo library and the tests.

Written with python-pptx and python-docx (development dependencies: they only *write* demo
files here; uploaded files are read by `collateral.textextract`, never by these libraries).
The thumbnail each package carries (docProps/thumbnail.jpeg) is replaced by a picture of the
title slide or page, so the library's preview shows the real cover.
"""

import io
import zipfile

from PIL import Image


def _with_thumbnail(data: bytes, thumbnail: Image.Image | None) -> bytes:
    """The package with its docProps/thumbnail.jpeg replaced by `thumbnail` (or unchanged)."""
    if thumbnail is None:
        return data
    picture = io.BytesIO()
    small = thumbnail.convert("RGB")
    small.thumbnail((512, 512))
    small.save(picture, "JPEG", quality=85)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            body = source.read(entry.filename)
            if entry.filename == "docProps/thumbnail.jpeg":
                body = picture.getvalue()
            target.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pptx(
    title: str,
    subtitle: str,
    slides: list[tuple[str, list[str], str]],
    thumbnail: Image.Image | None = None,
) -> bytes:
    """A deck: a title slide, then one slide per (heading, bullets, speaker notes)."""
    from pptx import Presentation

    deck = Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = subtitle
    for heading, bullets, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = bullets[0] if bullets else ""
        for bullet in bullets[1:]:
            body.add_paragraph().text = bullet
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return _with_thumbnail(buffer.getvalue(), thumbnail)


def docx(
    title: str,
    sections: list[tuple[str, list[str], list[list[str]]]],
    thumbnail: Image.Image | None = None,
) -> bytes:
    """A document: one page per (heading, paragraphs, table rows), hard page breaks between."""
    from docx import Document

    document = Document()
    document.add_heading(title, level=0)
    for index, (heading, paragraphs, rows) in enumerate(sections):
        if index:
            document.add_page_break()
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_thumbnail(buffer.getvalue(), thumbnail)
