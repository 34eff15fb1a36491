"""CSV exports of the audit reports: attachments that open cleanly in a spreadsheet.

Cells are made formula-safe and quoted by `personas.spreadsheet.write_csv`, the one place
that rule lives for every export. UTF-8 with a byte-order mark, so Excel reads accents and
dashes correctly.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.utils import timezone

from personas.spreadsheet import write_csv


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
