"""Previews and file text for versions: made once, in the guarded child, stored as rows.

The public API other parts read (search, the drift check):
- `version.pages.all()`: VersionPage rows (number, name, text, label) in page order;
- `page_texts(version)`: the same as [(page_no, text)];
- `version.text_status` / `version.no_text_found`: what extraction found.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from collateral import filetypes, preview
from collateral.forms import Intake
from collateral.models import AssetVersion, VersionPage
from collateral.preview import Processed
from personas import sandbox


def page_texts(version: AssetVersion) -> list[tuple[int, str]]:
    """[(page_no, text)] of `version` in page order; pages without text are left out."""
    return list(version.pages.order_by("number").values_list("number", "text"))


def process_intake(intake: Intake) -> Processed:
    """Preview and text of an upload; run it before the write transaction starts."""
    if intake.kind.key in preview.CHILD_KINDS:
        with sandbox.local_path(intake.file, "." + intake.kind.extension) as path:
            return preview.process_file(path, intake.kind.key)
    # Images were decoded and thumbnailed in the child when the upload was checked.
    return Processed(preview=intake.preview)


def kind_key(version: AssetVersion) -> str:
    """The FileKind key of a stored version ("pdf", "pptx", …), from its canonical extension."""
    for kind in filetypes.KINDS:
        if kind.extension == version.extension:
            return kind.key
    return ""


def process_stored(version: AssetVersion) -> Processed:
    """Preview and text of an already stored version (reindex); reads it through storage."""
    key = kind_key(version)
    if key not in preview.CHILD_KINDS:
        return Processed()
    try:
        # FileSystemStorage has a path; object storage is copied to a temporary file.
        path = default_storage.path(version.file.name)
    except NotImplementedError:
        path = None
    if path is not None:
        return preview.process_file(path, key)
    with (
        version.file.open("rb") as stored,
        sandbox.local_path(stored, "." + version.extension) as copy,
    ):
        return preview.process_file(copy, key)


def store_pages(version: AssetVersion, processed: Processed) -> None:
    """Write `version`'s pages and text status (call inside the version's transaction)."""
    version.pages.all().delete()
    VersionPage.objects.bulk_create(
        [
            VersionPage(version=version, number=page.number, name=page.name, text=page.text)
            for page in processed.pages
        ],
        batch_size=500,
    )
    version.text_status = processed.text_status
    AssetVersion.objects.filter(pk=version.pk).update(text_status=processed.text_status)


def reextract(version: AssetVersion, written: list[str]) -> Processed:
    """Extract an existing version again (reindex): its pages, and a preview if it had none.

    The file is read before the transaction; pages and status are written in one.
    """
    processed = process_stored(version)
    with transaction.atomic():
        store_pages(version, processed)
        if processed.preview and not version.preview:
            version.preview.save("preview.webp", ContentFile(processed.preview), save=False)
            written.append(version.preview.name)
            AssetVersion.objects.filter(pk=version.pk).update(preview=version.preview.name)
    return processed
