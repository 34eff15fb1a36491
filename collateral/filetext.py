"""Reading the text of a stored file per page or slide, for the drift check.

A stand-in behind one small interface, `read_text(path, extension) -> FileText`: the file text
extraction of issue #15 (stored once per version, shared with search) had not landed when the
drift check was built. When it lands, `collateral.wording.text_of()` reads its stored pages
instead and this module goes.

Like the PDF previews (collateral.preview), the file is opened only in a separate Python
process whose memory and CPU time are capped before it reads anything, with a wall-clock
timeout, so a hostile or huge file (a 500-page PDF) can only fail its own check: it is then
reported as "no text found", never as clean.

Run as `python -m collateral.filetext <path> <extension>`: writes JSON to stdout.
This module must not import Django, so the child stays small.
"""

import json
import logging
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

TEXT_TIMEOUT_SECONDS = 30
TEXT_MEMORY_BYTES = 768 * 1024 * 1024
# Enough text for any real deck; a file that says more is read up to here.
TEXT_BUDGET_CHARS = 5_000_000
PROJECT_DIR = Path(__file__).resolve().parent.parent
READABLE = {"pdf", "pptx", "docx"}

logger = logging.getLogger(__name__)


class Status:
    FOUND = "found"
    EMPTY = "empty"  # read, but no text layer (a scan, a picture-only deck)
    FAILED = "failed"  # could not be read within the limits
    SKIPPED = "skipped"  # images, videos, spreadsheets: no pages of prose to check


@dataclass
class FileText:
    status: str
    pages: list[tuple[int, str]] = field(default_factory=list)


def read_text(path: str, extension: str, timeout: float = TEXT_TIMEOUT_SECONDS) -> FileText:
    """The text of the file at `path` per page (PDF, Word) or slide (PowerPoint)."""
    if extension not in READABLE:
        return FileText(Status.SKIPPED)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "collateral.filetext", str(path), extension],
            capture_output=True,
            timeout=timeout,
            cwd=PROJECT_DIR,
            env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Reading file text timed out after %ss", timeout)
        return FileText(Status.FAILED)
    except OSError:
        logger.exception("Reading file text could not start")
        return FileText(Status.FAILED)
    if result.returncode != 0:
        logger.info("Reading file text failed (exit code %s)", result.returncode)
        return FileText(Status.FAILED)
    pages = [(int(number), text) for number, text in json.loads(result.stdout)]
    pages = [(number, text) for number, text in pages if text.strip()]
    return FileText(Status.FOUND if pages else Status.EMPTY, pages)


# --- In the child ----------------------------------------------------------------------------


def _pdf_pages(path: str) -> list[tuple[int, str]]:
    import pypdfium2  # only in the child, after the limits

    document = pypdfium2.PdfDocument(path)
    pages, budget = [], TEXT_BUDGET_CHARS
    try:
        for index in range(len(document)):
            text = document[index].get_textpage().get_text_range()[:budget]
            budget -= len(text)
            pages.append((index + 1, text))
            if budget <= 0:
                break
    finally:
        document.close()
    return pages


def _xml_text(data: bytes, paragraph_tag: str) -> str:
    """The text runs of an OOXML part, a line per paragraph. Parts that declare a DOCTYPE
    (entity tricks) are refused; OOXML never needs one."""
    if b"<!DOCTYPE" in data[:4096].upper():
        raise ValueError("DOCTYPE in an OOXML part")
    lines, line = [], []
    for element in ElementTree.fromstring(data).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == paragraph_tag:
            if line:
                lines.append("".join(line))
            line = []
        if tag == "t" and element.text:
            line.append(element.text)
    if line:
        lines.append("".join(line))
    return "\n".join(lines)


def _pptx_pages(path: str) -> list[tuple[int, str]]:
    """One page per slide, in slide order, with its speaker notes."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        number = re.compile(r"ppt/slides/slide(\d+)\.xml")
        slides = sorted(int(m.group(1)) for name in names if (m := number.fullmatch(name)))
        pages = []
        for n in slides:
            text = _xml_text(archive.read(f"ppt/slides/slide{n}.xml"), "p")
            notes = f"ppt/notesSlides/notesSlide{n}.xml"
            if notes in names:
                text += "\n" + _xml_text(archive.read(notes), "p")
            pages.append((n, text))
        return pages


def _docx_pages(path: str) -> list[tuple[int, str]]:
    """Word keeps no fixed pages; hard page breaks split it, else it is one page."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("word/document.xml")
    marked = re.sub(rb"<w:br [^>]*w:type=\"page\"[^>]*/>", b"<w:t>\x0c</w:t>", data)
    text = _xml_text(marked, "p")
    return [(index + 1, part) for index, part in enumerate(text.split("\x0c"))]


READERS = {"pdf": _pdf_pages, "pptx": _pptx_pages, "docx": _docx_pages}


def main(argv: list[str]) -> int:
    import resource  # POSIX only, and only the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (TEXT_MEMORY_BYTES, TEXT_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (TEXT_TIMEOUT_SECONDS, TEXT_TIMEOUT_SECONDS))
    if len(argv) != 3 or argv[2] not in READERS:
        print("usage: python -m collateral.filetext <file> pdf|pptx|docx", file=sys.stderr)
        return 2
    try:
        pages = READERS[argv[2]](argv[1])
    except Exception as error:  # any failure means "could not be read"
        print(f"reading text failed: {type(error).__name__}", file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
