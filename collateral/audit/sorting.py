"""Sortable report columns: `?sort=<key>` or `?sort=-<key>`, checked against an allow-list."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, OrderBy
from django.db.models.functions import Lower
from django.http import HttpRequest


@dataclass(frozen=True)
class Column:
    """One column of a report table; `field` is what it sorts by (None: not sortable)."""

    key: str
    label: str
    field: str | None = None
    numeric: bool = False
    # Which way a first click sorts: counts and dates are most useful largest first.
    descending_first: bool = False
    # Where empty values go. Empty "last use" means never used, the oldest of all, so it sorts
    # first ascending; an empty "review by" means no date, which belongs at the end either way.
    empty_last: bool = False
    # Free text sorts as people read it: "eBook: …" among the E's, not after every capital.
    fold_case: bool = False


@dataclass(frozen=True)
class Header:
    """What the template needs to draw one `<th>`: label, link, and `aria-sort`."""

    column: Column
    sort_param: str | None
    aria_sort: str | None


class Sorting:
    """The allow-listed sort of one report table, read from the request. The tiebreak is a
    text field (the title), compared regardless of case like a `fold_case` column."""

    def __init__(self, columns: Sequence[Column], default: str, tiebreak: str = "title"):
        self.columns = {column.key: column for column in columns}
        self.order = list(columns)
        self.default = default
        self.tiebreak = tiebreak

    def read(self, request: HttpRequest, param: str = "sort") -> "SortState":
        return self.state(request.GET.get(param, ""))

    def state(self, raw: str) -> "SortState":
        """The sort named by `raw` ("title", "-downloads"), or the default if not allowed."""
        key = raw.removeprefix("-")
        column = self.columns.get(key)
        if column is None or column.field is None:
            raw = self.default
            key = raw.removeprefix("-")
        return SortState(self, key=key, descending=raw.startswith("-"))


@dataclass(frozen=True)
class SortState:
    sorting: Sorting
    key: str
    descending: bool

    @property
    def value(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def order_by(self) -> list[OrderBy]:
        """Order expressions, with a unique tiebreak so rows never swap between pages."""
        column = self.sorting.columns[self.key]
        expression = Lower(column.field) if column.fold_case else F(column.field)
        if self.descending:
            primary = expression.desc(nulls_last=True)
        elif column.empty_last:
            primary = expression.asc(nulls_last=True)
        else:
            primary = expression.asc(nulls_first=True)
        return [primary, Lower(self.sorting.tiebreak).asc(), F("pk").asc()]

    def sort_rows(self, rows: list) -> list:
        """The same order as order_by(), for rows already computed in Python (by attribute)."""
        column = self.sorting.columns[self.key]
        tiebreak = self.sorting.tiebreak

        def primary(row) -> tuple:
            value = getattr(row, column.field)
            if column.fold_case and value is not None:
                value = value.casefold()
            if column.empty_last and not self.descending:
                return (value is None, value)
            return (value is not None, value)

        in_order = sorted(rows, key=lambda row: (getattr(row, tiebreak).casefold(), row.pk))
        return sorted(in_order, key=primary, reverse=self.descending)

    def headers(self) -> list[Header]:
        headers = []
        for column in self.sorting.order:
            if column.field is None:
                headers.append(Header(column, None, None))
                continue
            if column.key == self.key:
                next_param = column.key if self.descending else f"-{column.key}"
                aria = "descending" if self.descending else "ascending"
            else:
                next_param = f"-{column.key}" if column.descending_first else column.key
                aria = None
            headers.append(Header(column, next_param, aria))
        return headers
