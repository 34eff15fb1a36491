"""CSV exports that open cleanly in a spreadsheet and cannot smuggle in a formula.

Security checklist §24 (OWASP CSV injection, ASVS 5.0 1.2.10): a cell whose first character,
after any leading spaces, is = + - @ tab CR LF or NUL is prefixed with a single quote, and all
cells are quoted. UTF-8 with a byte-order mark, so Excel reads accents and dashes correctly.
"""

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(value: object) -> object:
    """The cell as text a spreadsheet shows but never evaluates. Numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    if value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def csv_response(
    report: str, days: int, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """An attachment named like onevoice-unused-90d-2026-11-23.csv."""
    filename = f"onevoice-{report}-{days}d-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    write_csv(response, header, rows)
    return response


def local_date(moment: datetime | date | None) -> str:
    """An ISO date in the site's time zone ("" when there is none)."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = timezone.localdate(moment)
    return moment.isoformat()


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
