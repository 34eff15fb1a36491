"""`manage.py audit_collateral --days 90 [--format table|csv]`: the unused report on stdout.

For scripts and e-mail jobs. The rows come from the same function as the Unused page
(`collateral.audit.unused.unused_assets`), sorted the same way (never used first).
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from collateral.audit import unused
from collateral.audit.filters import ReportFilters
from collateral.audit.period import Period
from personas.spreadsheet import write_csv

MAX_DAYS = 3650


def positive_days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise CommandError(f"--days must be a whole number of days, not {value!r}.") from None
    if not 1 <= days <= MAX_DAYS:
        raise CommandError(f"--days must be between 1 and {MAX_DAYS}, not {days}.")
    return days


class Command(BaseCommand):
    help = "Print the unused-collateral report (published assets with no use in N days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            default="90",
            help="The period: assets with no use in this many days are listed (default 90).",
        )
        parser.add_argument(
            "--format",
            choices=["table", "csv"],
            default="table",
            help="table (default) for people, csv for scripts and spreadsheets.",
        )

    def handle(self, *args, **options) -> None:
        days = positive_days(str(options["days"]))
        filters = ReportFilters(period=Period.last(days))
        sort = unused.SORTING.state("")  # the page's default: never used first, then oldest use
        header, rows = unused.csv_rows(unused.unused_assets(filters, sort), filters.period.end)
        if options["format"] == "csv":
            write_csv(self.stdout, header, rows)
            return
        self.write_table(header, rows, days, unused.in_grace_count(filters))

    def write_table(self, header: list[str], rows: list[list], days: int, in_grace: int) -> None:
        if not rows:
            self.stdout.write(f"Every published asset was used in the last {days} days.")
        else:
            text_rows = [[str(cell) for cell in row] for row in [header, *rows]]
            widths = [
                min(max(len(row[index]) for row in text_rows), 40) for index in range(len(header))
            ]
            for number, row in enumerate(text_rows):
                cells = [
                    clip(cell, width).ljust(width) for cell, width in zip(row, widths, strict=True)
                ]
                self.stdout.write("  ".join(cells).rstrip())
                if number == 0:
                    self.stdout.write("  ".join("-" * width for width in widths))
            self.stdout.write(f"\n{len(rows)} asset(s) not used in the last {days} days.")
        if in_grace:
            self.stdout.write(f"{in_grace} newer asset(s) left out: still in their grace period.")


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
