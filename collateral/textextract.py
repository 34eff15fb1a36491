"""The words inside an uploaded file, page by page (PDF), slide by slide (PowerPoint, with the
speaker notes), page by page where Word recorded its page breaks (Word) and sheet by sheet
(Excel); and the thumbnail a PowerPoint or Word file carries.

Runs only inside the guarded preview child (see `collateral.preview`): memory, CPU and time
are capped before any of this reads a byte. Office files are read straight from their XML parts
with the standard library's expat parser, streamed, with document type declarations and
entities refused (no XXE, no billion laughs; checklist A5) and every read capped. No LibreOffice
and no third-party Office library runs on uploaded files.

This module must not import Django: the child process stays small and starts fast.
"""

import contextlib
import io
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

# Caps on what one file may produce; past them the rest of the file is not read.
MAX_TEXT_CHARS = 4_000_000
MAX_PAGES = 5_000
MAX_SHARED_STRINGS = 1_000_000
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024
THUMBNAIL_MAX_PIXELS = 40_000_000
CHUNK = 64 * 1024

RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
NOTES_REL = RELS_NS + "/notesSlide"


@dataclass
class Page:
    """Text of one page, slide or sheet; `number` counts from 1, `name` is a sheet's name."""

    number: int
    text: str
    name: str = ""


class TooMuchText(Exception):
    """The file holds more text than one version may store; what was read is kept."""


class UnsafeXML(Exception):
    """An Office part declared a document type or entities; OOXML never needs either."""


def clean(text: str) -> str:
    """Text safe to store: no NUL (PostgreSQL refuses it), no lone surrogates, trimmed lines,
    at most one blank line in a row."""
    text = text.replace("\x00", "").replace("\r\n", "\n")
    text = text.encode("utf-8", "replace").decode("utf-8")
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


class Budget:
    """Counts characters across a whole file so a text bomb stops early."""

    def __init__(self, limit: int | None = None):
        self.left = MAX_TEXT_CHARS if limit is None else limit

    def take(self, text: str) -> str:
        if len(text) > self.left:
            text = text[: self.left]
            self.left = 0
            return text
        self.left -= len(text)
        return text


def _finish(pages: list[Page]) -> list[Page]:
    """Cleaned pages that have text, in order, at most MAX_PAGES."""
    kept = []
    for page in pages[:MAX_PAGES]:
        text = clean(page.text)
        if text:
            kept.append(Page(page.number, text, page.name))
    return kept


# --- PDF --------------------------------------------------------------------------------


def pdf_pages(path: str) -> list[Page]:
    """Text of each PDF page through PDFium's text API (the text layer; no OCR)."""
    import pypdfium2

    budget = Budget()
    pages = []
    document = pypdfium2.PdfDocument(path)
    try:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(Page(index + 1, budget.take(textpage.get_text_range())))
            finally:
                textpage.close()
                page.close()
            if not budget.left:
                break
    finally:
        document.close()
    return _finish(pages)


# --- Office Open XML ----------------------------------------------------------------------


def _refuse(*_args) -> None:
    raise UnsafeXML("document type declarations and entities are not allowed")


def parse_part(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict], None],
    end: Callable[[str], None] = lambda _name: None,
    text: Callable[[str], None] = lambda _data: None,
) -> None:
    """Stream one XML part through expat; element names arrive as local names.

    Attribute names keep their namespace as "uri local" so relationship ids can be told apart.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = lambda tag, attrs: start(tag.rpartition(" ")[2], attrs)
    parser.EndElementHandler = lambda tag: end(tag.rpartition(" ")[2])
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def open_package(path: str) -> zipfile.ZipFile:
    """The OOXML package, with the same size limits the upload check applies."""
    archive = zipfile.ZipFile(path)
    entries = archive.infolist()
    if len(entries) > ZIP_MAX_ENTRIES or (
        sum(entry.file_size for entry in entries) > ZIP_MAX_UNCOMPRESSED
    ):
        archive.close()
        raise ValueError("package too large")
    return archive


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """{relationship id: (type, resolved part name)} of `part` ("" for the package)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in archive.NameToInfo:
        return {}
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), resolved)

    parse_part(archive, rels_name, start)
    return found


class _Runs:
    """Collects the text of <t> runs, with breaks at paragraph ends."""

    def __init__(self, budget: Budget, text_tag: str = "t", skip: tuple[str, ...] = ()):
        self.budget = budget
        self.text_tag = text_tag
        self.skip = skip
        self.parts: list[str] = []
        self.in_text = 0
        self.skipping = 0

    def start(self, tag: str, attrs: dict) -> None:
        if tag in self.skip:
            self.skipping += 1
        elif tag == self.text_tag:
            self.in_text += 1
        elif tag == "tab":
            self.add("\t")
        elif tag in ("br", "cr"):
            self.add("\n")

    def end(self, tag: str) -> None:
        if tag in self.skip:
            self.skipping -= 1
        elif tag == self.text_tag:
            self.in_text -= 1
        elif tag == "p":
            self.add("\n")

    def text(self, data: str) -> None:
        if self.in_text and not self.skipping:
            self.add(data)

    def add(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(self.budget.take(data))
            if not self.budget.left:
                raise TooMuchText

    def value(self) -> str:
        return "".join(self.parts)


def _part_text(archive: zipfile.ZipFile, name: str, budget: Budget) -> str:
    # Fields (<a:fld>) in slides and notes hold the slide number and date: not content.
    runs = _Runs(budget, skip=("fld",))
    with contextlib.suppress(TooMuchText):
        parse_part(archive, name, runs.start, runs.end, runs.text)
    return runs.value()


def pptx_pages(path: str) -> list[Page]:
    """One page per slide, in presentation order: the slide's text, then its speaker notes."""
    budget = Budget()
    pages = []
    with open_package(path) as archive:
        rels = relationships(archive, "ppt/presentation.xml")
        slide_ids: list[str] = []

        def start(tag: str, attrs: dict) -> None:
            if tag == "sldId":
                slide_ids.append(attrs.get(f"{RELS_NS} id", ""))

        parse_part(archive, "ppt/presentation.xml", start)
        for number, rel_id in enumerate(slide_ids, start=1):
            _type, slide = rels.get(rel_id, ("", ""))
            if slide not in archive.NameToInfo:
                continue
            text = _part_text(archive, slide, budget)
            for rel_type, target in relationships(archive, slide).values():
                if rel_type == NOTES_REL and target in archive.NameToInfo and budget.left:
                    text += "\n" + _part_text(archive, target, budget)
            pages.append(Page(number, text))
            if not budget.left:
                break
    return _finish(pages)


def docx_pages(path: str) -> list[Page]:
    """Paragraphs and table cells of the body, split into pages where Word recorded it laid a
    page out (`lastRenderedPageBreak`), or at hard page breaks when it recorded none."""
    budget = Budget()
    # Two splits are collected at once; which one is used is known only at the end.
    rendered: list[list[str]] = [[]]
    hard: list[list[str]] = [[]]
    state = {"in_text": 0, "skip": 0}
    skip_tags = ("delText", "instrText")

    def add(data: str) -> None:
        data = budget.take(data)
        rendered[-1].append(data)
        hard[-1].append(data)
        if not budget.left:
            raise TooMuchText

    def start(tag: str, attrs: dict) -> None:
        if tag in skip_tags:
            state["skip"] += 1
        elif tag == "t":
            state["in_text"] += 1
        elif tag == "tab":
            add("\t")
        elif tag == "lastRenderedPageBreak":
            rendered.append([])
        elif tag == "br":
            if attrs.get("http://schemas.openxmlformats.org/wordprocessingml/2006/main type") == (
                "page"
            ):
                hard.append([])
            else:
                add("\n")
        elif tag == "cr":
            add("\n")

    def end(tag: str) -> None:
        if tag in skip_tags:
            state["skip"] -= 1
        elif tag == "t":
            state["in_text"] -= 1
        elif tag == "p":
            add("\n")
        elif tag == "tc":
            add("\t")

    def text(data: str) -> None:
        if state["in_text"] and not state["skip"]:
            add(data)

    with open_package(path) as archive:
        main = next(
            (
                target
                for rel_type, target in relationships(archive, "").values()
                if rel_type.endswith("/officeDocument")
            ),
            "word/document.xml",
        )
        with contextlib.suppress(TooMuchText):
            parse_part(archive, main, start, end, text)
    split = rendered if len(rendered) > 1 else hard
    return _finish([Page(n, "".join(parts)) for n, parts in enumerate(split, start=1)])


def xlsx_pages(path: str) -> list[Page]:
    """One page per worksheet (named after the sheet): every cell's value, a row a line."""
    budget = Budget()
    pages = []
    with open_package(path) as archive:
        rels = relationships(archive, "xl/workbook.xml")
        shared = _shared_strings(archive, rels)
        sheets: list[tuple[str, str]] = []

        def start(tag: str, attrs: dict) -> None:
            if tag == "sheet":
                sheets.append((attrs.get("name", ""), attrs.get(f"{RELS_NS} id", "")))

        parse_part(archive, "xl/workbook.xml", start)
        for number, (name, rel_id) in enumerate(sheets, start=1):
            _type, part = rels.get(rel_id, ("", ""))
            if part not in archive.NameToInfo or not part.startswith("xl/worksheets/"):
                continue  # chart sheets and missing parts hold no cells
            pages.append(Page(number, _sheet_text(archive, part, shared, budget), name[:100]))
            if not budget.left:
                break
    return _finish(pages)


def _shared_strings(archive: zipfile.ZipFile, rels: dict) -> list[str]:
    part = next(
        (target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None
    )
    if part is None or part not in archive.NameToInfo:
        return []
    strings: list[str] = []
    current: list[str] = []
    state = {"in_t": 0, "phonetic": 0}

    def start(tag: str, attrs: dict) -> None:
        if tag == "si":
            current.clear()
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t":
            state["in_t"] += 1

    def end(tag: str) -> None:
        if tag == "si":
            if len(strings) >= MAX_SHARED_STRINGS:
                raise TooMuchText
            strings.append("".join(current))
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["in_t"] -= 1

    def text(data: str) -> None:
        if state["in_t"] and not state["phonetic"]:
            current.append(data)

    with contextlib.suppress(TooMuchText):
        parse_part(archive, part, start, end, text)
    return strings


def _sheet_text(archive: zipfile.ZipFile, part: str, shared: list[str], budget: Budget) -> str:
    rows: list[str] = []
    row: list[str] = []
    cell = {"type": "", "value": [], "capture": 0}

    def start(tag: str, attrs: dict) -> None:
        if tag == "c":
            cell["type"] = attrs.get("t", "n")
            cell["value"] = []
        elif tag in ("v", "t"):
            cell["capture"] += 1

    def end(tag: str) -> None:
        if tag in ("v", "t"):
            cell["capture"] -= 1
        elif tag == "c":
            value = "".join(cell["value"])
            if cell["type"] == "s":
                index = int(value) if value.isdigit() else -1
                value = shared[index] if 0 <= index < len(shared) else ""
            if value:
                row.append(budget.take(value))
                if not budget.left:
                    raise TooMuchText
        elif tag == "row":
            if row:
                rows.append("\t".join(row))
            row.clear()

    def text(data: str) -> None:
        if cell["capture"]:
            cell["value"].append(data)

    try:
        parse_part(archive, part, start, end, text)
    except TooMuchText:
        if row:
            rows.append("\t".join(row))
    return "\n".join(rows)


def ooxml_thumbnail(path: str) -> bytes | None:
    """The JPEG/PNG thumbnail a PowerPoint or Word file carries (docProps/thumbnail.jpeg),
    as raw bytes; None when there is none or it is another format (Windows metafiles)."""
    with open_package(path) as archive:
        for rel_type, target in relationships(archive, "").values():
            if rel_type != THUMBNAIL_REL or target not in archive.NameToInfo:
                continue
            if archive.getinfo(target).file_size > THUMBNAIL_MAX_BYTES:
                return None
            data = archive.read(target)
            if data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
                return data
    return None


def thumbnail_image(data: bytes):
    """Decode a thumbnail defensively (JPEG/PNG only, pixel cap) into a Pillow image."""
    from PIL import Image

    image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
    width, height = image.size
    if width * height > THUMBNAIL_MAX_PIXELS:
        raise ValueError("thumbnail too large")
    image.load()
    return image


EXTRACTORS = {"pdf": pdf_pages, "pptx": pptx_pages, "docx": docx_pages, "xlsx": xlsx_pages}
