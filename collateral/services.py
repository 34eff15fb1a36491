"""What happens when collateral changes: uploads, versions, downloads, status, feedback, requests.

Every write runs in one short transaction. File rules (checklist A7): the upload is validated
completely before anything is written; the preview is rendered before the transaction starts
(a slow PDF must not hold a database lock); the row and its files are written inside
`transaction.atomic()`, and a file written by a block that fails is deleted again, so a failed
upload leaves neither rows nor files behind.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from collateral import search
from collateral.extraction import process_intake, store_pages
from collateral.forms import Intake, UploadField
from collateral.models import (
    Asset,
    AssetVersion,
    AuditEntry,
    ContentRequest,
    Download,
    Feedback,
)
from collateral.preview import Processed


@contextmanager
def files_removed_on_error() -> Iterator[list[str]]:
    """Collect names of files written inside the block; delete them if the block fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def intake_from_bytes(name: str, data: bytes) -> Intake:
    """Run bytes through the same checks as an upload (demo data, imports).

    Raises django.core.exceptions.ValidationError when the file would be refused.
    """
    return UploadField().clean(SimpleUploadedFile(name, data))


def create_asset(form, intake: Intake, *, note: str, publish: bool, user: User) -> Asset:
    """A new asset from the upload form: metadata, mapping and version 1, all or nothing."""
    processed = process_intake(intake)
    with files_removed_on_error() as written, transaction.atomic():
        asset = form.save(commit=False)
        if publish:
            asset.status = Asset.Status.PUBLISHED
            asset.published_at = timezone.now()
        asset.save()
        form.save_m2m()
        version = _new_version(asset, intake, note or "First version", user)
        _store_files(version, intake, processed, written)
        asset.current_version = version
        asset.save(update_fields=["current_version", "updated_at"])
        search.index(asset)
    return asset


def save_details(form) -> Asset:
    """Save the edit form: metadata and mapping only; files and the URL do not change."""
    with transaction.atomic():
        asset = form.save()
        search.index(asset)
    return asset


def add_version(asset: Asset, intake: Intake, *, note: str, user: User) -> AssetVersion:
    """A new current version; the old ones stay, with their files and downloads."""
    processed = process_intake(intake)
    with files_removed_on_error() as written, transaction.atomic():
        # Lock the asset so two uploads at once cannot take the same version number.
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        version = _new_version(locked, intake, note, user)
        _store_files(version, intake, processed, written)
        locked.current_version = version
        locked.save(update_fields=["current_version", "updated_at"])
        # The old version's text leaves the index as the new one's arrives.
        search.index(locked)
    asset.current_version = version
    return version


def _new_version(asset: Asset, intake: Intake, note: str, user: User) -> AssetVersion:
    last = asset.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return AssetVersion(
        asset=asset,
        number=last + 1,
        original_filename=intake.original_filename,
        size=intake.size,
        sha256=intake.sha256,
        content_type=intake.kind.content_type,
        extension=intake.kind.extension,
        uploaded_by=user,
        note=note,
    )


def _store_files(
    version: AssetVersion, intake: Intake, processed: Processed, written: list[str]
) -> None:
    # The stored name comes from version_upload_to (random hex + canonical extension); the
    # "upload" passed here is ignored on purpose.
    version.file.save("upload", intake.file, save=False)
    written.append(version.file.name)
    if processed.preview:
        version.preview.save("preview.webp", ContentFile(processed.preview), save=False)
        written.append(version.preview.name)
    version.text_status = processed.text_status
    version.save()
    store_pages(version, processed)


def record_download(user: User, asset: Asset, version: AssetVersion, source: str) -> None:
    """One Download row and the asset's counters, in one short transaction (DESIGN §5).

    F() makes the counter exact under concurrency: the database adds one, no read-modify-write.
    """
    now = timezone.now()
    with transaction.atomic():
        Download.objects.create(
            asset=asset,
            version=version,
            user=user,
            downloaded_at=now,
            source=source,
            is_use=Download.counts_as_use(user, asset, version),
        )
        Asset.objects.filter(pk=asset.pk).update(
            download_count=F("download_count") + 1, last_downloaded_at=now
        )


def set_status(asset: Asset, status: str, user: User) -> None:
    """Publish, unpublish (back to draft) or retire. Nothing is deleted."""
    fields = ["status", "updated_at"]
    with transaction.atomic():
        asset.status = status
        if status == Asset.Status.PUBLISHED:
            asset.published_at = timezone.now()
            asset.retired_at = None
            fields += ["published_at", "retired_at"]
        elif status == Asset.Status.RETIRED:
            asset.retired_at = timezone.now()
            fields.append("retired_at")
        asset.save(update_fields=fields)
        if status == Asset.Status.RETIRED:
            entry = AuditEntry.objects.create(
                user=user, action=AuditEntry.Action.RETIRE, detail="From the asset page."
            )
            entry.assets.add(asset)


def save_feedback(asset: Asset, user: User, *, rating: int, comment: str) -> bool:
    """Create or update `user`'s rating of `asset`; returns True when it was new."""
    with transaction.atomic():
        # Two people rating one asset at once take turns: without the lock the second
        # recount (one UPDATE whose subquery reads the snapshot from before the first
        # commit) would leave out the first rating.
        Asset.objects.select_for_update().filter(pk=asset.pk).first()
        _feedback, created = Feedback.objects.update_or_create(
            asset=asset, user=user, defaults={"rating": rating, "comment": comment}
        )
        asset.refresh_rating()
    return created


def answer_request(
    content_request: ContentRequest, *, status: str, asset: Asset | None, response: str, user
) -> None:
    """Marketing's answer: done with an asset, planned or declined with a reply."""
    content_request.status = status
    content_request.fulfilled_by = asset if status == ContentRequest.Status.DONE else None
    content_request.response = response
    content_request.handled_by = user
    content_request.closed_at = (
        timezone.now()
        if status in {ContentRequest.Status.DONE, ContentRequest.Status.DECLINED}
        else None
    )
    with transaction.atomic():
        content_request.save(
            update_fields=[
                "status",
                "fulfilled_by",
                "response",
                "handled_by",
                "closed_at",
                "updated_at",
            ]
        )
