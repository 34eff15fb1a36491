"""`manage.py check_drift [--format text|csv]`: check every current file for retired wording
and list each hit: asset, version, phrase, page or slide, what to say instead, owner.

The check runs first (as when the approved list changes), so the list is current. CSV cells
are formula-safe (`collateral.audit.export`). Files with no text layer (scans) are named on
stderr as not checked: they are never counted as clean.
"""

from django.core.management.base import BaseCommand

from collateral import wording
from collateral.audit.export import person_name, write_csv
from collateral.models import WordingHit

HEADER = ["Asset", "Version", "Phrase", "Page or slide", "Say instead", "Owner"]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Check every current file for retired wording and list the hits (text or CSV)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", choices=["text", "csv"], default="text", help="text (default) or csv"
        )

    def handle(self, *args, **options):
        wording.check_all(progress=self._progress)
        rows = [
            [
                hit.version.asset.title,
                hit.version.number,
                hit.wording.phrase,
                hit.where,
                hit.wording.replacement,
                person_name(hit.version.asset.owner),
            ]
            for hit in WordingHit.objects.current().for_report()
        ]
        if options["format"] == "csv":
            write_csv(self.stdout, HEADER, rows)
        else:
            self._table(rows)
        assets = len({(row[0], row[1]) for row in rows})
        self.stderr.write(f"{plural(len(rows), 'hit')} in {plural(assets, 'asset')}.")
        for asset in wording.unreadable_assets():
            self.stderr.write(f"No text found, not checked: {asset.title}")

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 1000 == 0:
            self.stderr.write(f"Checked {done} of {plural(total, 'current file')}.")

    def _table(self, rows: list[list]) -> None:
        if not rows:
            self.stdout.write("No retired wording found in any current file.")
            return
        table = [HEADER, *([str(cell) for cell in row] for row in rows)]
        widths = [max(len(row[column]) for row in table) for column in range(len(HEADER))]
        for row in table:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
