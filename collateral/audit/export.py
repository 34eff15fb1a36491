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

from collateral.models import Asset
from personas.spreadsheet import write_csv

# A dict, not get_asset_type_display(): Django's display method hashes the value on every
# call, 17 µs a row, which was a third of a 5,000-row export.
TYPE_LABELS = dict(Asset.Type.choices)


def csv_response(
    report: str, days: int | None, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """An attachment named like onevoice-unused-90d-2026-11-23.csv (no period in the name of
    a report that does not use one)."""
    period = f"{days}d-" if days is not None else ""
    filename = f"onevoice-{report}-{period}{timezone.localdate().isoformat()}.csv"
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


def type_label(value: str) -> str:
    return TYPE_LABELS.get(value, value)


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    return full_name(user.first_name, user.last_name, user.get_username())


# The owner's name fields, read as values (see full_name).
OWNER_NAME_FIELDS = ("owner__first_name", "owner__last_name", "owner__username")


def full_name(first: str | None, last: str | None, username: str | None) -> str:
    """A person as the exports name them: the full name (User.get_full_name), or the
    username for someone without one; "" when there is no such person. Takes the fields, so
    exports that read values rather than model instances use it too (building 5,000 assets
    and their owners cost half an export's time)."""
    if username is None:
        return ""
    return f"{first} {last}".strip() or username
