"""`manage.py reindex`: extract the text of every version not read yet, then write every
search document again.

Resumable and safe to run twice: each version is committed on its own and leaves the
"pending" state, so a run that is stopped goes on where it stopped, and a second run reads no
file again; search documents are replaced, never added twice. `--all` reads every version
again (after the extractor improved).
"""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction

from collateral import search
from collateral.extraction import reextract
from collateral.models import AssetVersion
from collateral.preview import TextStatus


class Command(BaseCommand):
    help = "Extract the text of uploaded files (and Office thumbnails) not read yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Read every version again, not only new ones."
        )

    def handle(self, *args, **options):
        versions = AssetVersion.objects.order_by("pk")
        if not options["all"]:
            versions = versions.filter(text_status=TextStatus.PENDING)
        ids = list(versions.values_list("pk", flat=True))
        total = len(ids)
        no_text = 0
        for done, pk in enumerate(ids, start=1):
            version = AssetVersion.objects.filter(pk=pk).first()
            if version is None:  # deleted meanwhile
                continue
            written: list[str] = []
            try:
                processed = reextract(version, written)
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
            if processed.text_status in (TextStatus.EMPTY, TextStatus.FAILED):
                no_text += 1
            self._progress(done, total, no_text)
        if total and self.stdout.isatty():
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Text extracted from {total} version{'s' if total != 1 else ''}"
                f" ({no_text} with no text found)."
            )
        )
        with transaction.atomic():
            indexed = search.rebuild_all()
        self.stdout.write(
            self.style.SUCCESS(
                "Search index written: "
                + ", ".join(f"{count} {group}" for group, count in indexed.items())
                + "."
            )
        )

    def _progress(self, done: int, total: int, no_text: int) -> None:
        # One line, rewritten in place on a terminal; every 50th on a log.
        if self.stdout.isatty():
            self.stdout.write(f"\rExtracting text: {done}/{total} ({no_text} no text)", ending="")
            self.stdout.flush()
        elif done % 50 == 0 or done == total:
            self.stdout.write(f"Extracting text: {done}/{total} ({no_text} no text)")
