"""CSV that opens cleanly in a spreadsheet and cannot smuggle in a formula.

Every CSV export of the project writes through `write_csv` (or at least `safe_cell`), so the
rule lives in one place. It sits in `personas`, the lowest app, so every app may import it.

Security checklist §24 (OWASP CSV injection, ASVS 5.0 1.2.10): a text cell is prefixed with a
single quote when a spreadsheet could read it as a formula. Spreadsheets skip leading blanks,
and some drop a leading double quote, before they look for the formula sign; they also take
the fullwidth signs (＝ ＋ － ＠) of East Asian input methods for the ASCII ones. So: look past
leading whitespace, invisible format characters and double quotes; if a formula sign, or a
tab, CR, LF or NUL, comes up first, the cell is prefixed. All cells are quoted.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

# = + - @, their fullwidth and small forms, and the control characters that start a cell.
FORMULA_STARTS = frozenset("=+-@＝＋－＠﹦﹢﹣﹫\t\r\n\0")
# Looked past before the first character that counts.
_SKIPPED_QUOTES = frozenset('"＂“”„')


def safe_cell(value: object) -> object:
    """The cell as text a spreadsheet shows but never evaluates. Numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    for char in value:
        if char in FORMULA_STARTS:
            return "'" + value
        if not (
            char.isspace() or char in _SKIPPED_QUOTES or unicodedata.category(char) in ("Cc", "Cf")
        ):
            break
    return value


# Rows handed to the stream at once: an HttpResponse encodes every write separately, which
# cost a third of a 5,000-row export's time when each row was written on its own.
CHUNK_ROWS = 500


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a header and rows to `stream` (a file, an HttpResponse), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([safe_cell(cell) for cell in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(cell) for cell in row])
        if number % CHUNK_ROWS == 0:
            stream.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    if rest := buffer.getvalue():
        # Never an empty write: a management command's stdout would add a blank line.
        stream.write(rest)
