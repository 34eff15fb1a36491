"""What happens when collateral changes: uploads, versions, downloads, status, feedback, requests.

Every write runs in one short transaction. File rules (checklist A7): the upload is validated
completely before anything is written; the preview is rendered before the transaction starts
(a slow PDF must not hold a database lock); the row and its files are written inside
`transaction.atomic()`, and a file written by a block that fails is deleted again, so a failed
upload leaves neither rows nor files behind. The drift check reads the upload's text before
the transaction too, and its verdict is written with the version.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.urls import reverse
from django.utils import timezone

from collateral import search, wording
from collateral.extraction import process_intake, store_pages
from collateral.forms import AssetForm, Intake, UploadField
from collateral.models import (
    Asset,
    AssetVersion,
    AuditEntry,
    ContentRequest,
    Download,
    Feedback,
)
from collateral.preview import Processed
from personas import changelog
from personas.changelog import ChangeLog
from personas.mail import absolute, notify_after_commit

# "Leave as it is" for optional arguments where None is a meaningful value.
KEEP = object()
# The asset fields whose edits the change log records: the edit form's.
LOGGED_FIELDS = AssetForm.Meta.fields


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
    """A new asset from the upload form: metadata, mapping and version 1, all or nothing.

    A file that still uses approved retired wording is not published even when asked: it is
    saved as a draft, so the marketer sees the hits first and may "publish anyway".
    """
    processed = process_intake(intake)
    drift = wording.check_upload(processed)
    with files_removed_on_error() as written, transaction.atomic():
        asset = form.save(commit=False)
        if publish and not drift.found:
            asset.status = Asset.Status.PUBLISHED
            asset.published_at = timezone.now()
        asset.save()
        form.save_m2m()
        version = _new_version(asset, intake, note or "First version", user)
        _store_files(version, intake, processed, written)
        wording.store(version, drift)
        asset.current_version = version
        asset.save(update_fields=["current_version", "updated_at"])
        changelog.record(asset, ChangeLog.Action.CREATE, user, after={"version": 1})
        if asset.status == Asset.Status.PUBLISHED:
            changelog.record(asset, ChangeLog.Action.PUBLISH, user)
        search.index(asset)
    return asset


def save_details(form, user: User) -> Asset:
    """Save the edit form: metadata and mapping only; files and the URL do not change.

    The change log gets one "edit" entry with each changed field's value before and after,
    and a separate "review date" entry when the review date moved (owners look for those).
    """
    with transaction.atomic():
        stored = Asset.objects.get(pk=form.instance.pk)
        before = changelog.snapshot(stored, LOGGED_FIELDS)
        asset = form.save()
        old, new = changelog.changed(before, changelog.snapshot(asset, LOGGED_FIELDS))
        if "review_by" in new:
            changelog.record(
                asset,
                ChangeLog.Action.REVIEW_DATE,
                user,
                before={"review_by": old.pop("review_by")},
                after={"review_by": new.pop("review_by")},
            )
        if new:
            changelog.record(asset, ChangeLog.Action.EDIT, user, before=old, after=new)
        search.index(asset)
        return asset


def add_version(
    asset: Asset, intake: Intake, *, note: str, user: User, positioning=KEEP
) -> AssetVersion:
    """A new current version; the old ones stay, with their files and downloads.

    `positioning` is what the new file was written against; left out, the asset keeps the
    one it has.
    """
    processed = process_intake(intake)
    drift = wording.check_upload(processed)
    with files_removed_on_error() as written, transaction.atomic():
        # Lock the asset so two uploads at once cannot take the same version number.
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        version = _new_version(locked, intake, note, user)
        _store_files(version, intake, processed, written)
        wording.store(version, drift)
        previous = locked.current_version.number if locked.current_version else None
        locked.current_version = version
        fields = ["current_version", "updated_at"]
        if positioning is not KEEP:
            locked.positioning = positioning
            fields.append("positioning")
        locked.save(update_fields=fields)
        changelog.record(
            locked,
            ChangeLog.Action.NEW_VERSION,
            user,
            before={"version": previous},
            after={"version": version.number, "note": note},
        )
        # The old version's text leaves the index as the new one's arrives.
        search.index(locked)
    asset.current_version = version
    asset.positioning = locked.positioning
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
    """One Download row and the asset's counters, all or nothing (DESIGN §5).

    F() makes the counter exact under concurrency: the database adds one, no read-modify-write.
    On PostgreSQL both writes are ONE statement (a CTE that inserts the row and updates the
    counters), atomic on its own and a single round trip: the download's budget is statements.
    """
    now = timezone.now()
    row = Download(
        asset=asset,
        version=version,
        user=user,
        downloaded_at=now,
        source=source,
        is_use=Download.counts_as_use(user, asset, version, source),
    )
    if connection.vendor == "postgresql":
        _insert_and_count(row)
        return
    with transaction.atomic():
        row.save(force_insert=True)
        Asset.objects.filter(pk=asset.pk).update(
            download_count=F("download_count") + 1, last_downloaded_at=now
        )


def _insert_and_count(row: Download) -> None:
    """WITH recorded AS (INSERT … RETURNING asset_id) UPDATE asset … (PostgreSQL).

    The INSERT is compiled by Django from the model, so every column (and any added later,
    with its default) is written as `Download.objects.create()` would write it.
    """
    fields = [field for field in Download._meta.concrete_fields if not field.primary_key]
    insert = InsertQuery(Download)
    insert.insert_values(fields, [row])
    (insert_sql, insert_params), *_ = insert.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    asset_table = quote(Asset._meta.db_table)
    asset_column = quote(Download._meta.get_field("asset").column)
    sql = (
        f"WITH recorded AS ({insert_sql} RETURNING {asset_column}) "
        f"UPDATE {asset_table} SET {quote('download_count')} = {quote('download_count')} + 1, "
        f"{quote('last_downloaded_at')} = %s "
        f"WHERE {quote('id')} = (SELECT {asset_column} FROM recorded)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*insert_params, row.downloaded_at])


STATUS_ACTIONS = {
    Asset.Status.PUBLISHED: ChangeLog.Action.PUBLISH,
    Asset.Status.DRAFT: ChangeLog.Action.UNPUBLISH,
    Asset.Status.RETIRED: ChangeLog.Action.RETIRE,
}


def set_status(asset: Asset, status: str, user: User, *, replaced_by: Asset | None = None) -> None:
    """Publish, unpublish (back to draft) or retire, naming the replacement if there is one.

    Nothing is deleted. Retiring writes an audit entry too (the audit's trail of retirements).
    """
    fields = ["status", "updated_at", "replaced_by"]
    with transaction.atomic():
        before = {"status": asset.get_status_display()}
        asset.status = status
        asset.replaced_by = replaced_by if status == Asset.Status.RETIRED else None
        if status == Asset.Status.PUBLISHED:
            # The first publication stays the date it came out: publishing again after a
            # fix is not new material, nor a new grace period in the unused report.
            asset.published_at = asset.published_at or timezone.now()
            asset.retired_at = None
            fields += ["published_at", "retired_at"]
        elif status == Asset.Status.RETIRED:
            asset.retired_at = timezone.now()
            fields.append("retired_at")
        asset.save(update_fields=fields)
        after = {"status": asset.get_status_display()}
        if asset.replaced_by is not None:
            after["replaced_by"] = asset.replaced_by.title
        changelog.record(asset, STATUS_ACTIONS[status], user, before=before, after=after)
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
        _mail_request_answered(content_request)


def _mail_request_answered(content_request: ContentRequest) -> None:
    """Tell the requester (after commit, if they chose immediate mail)."""
    asset = content_request.fulfilled_by
    path = asset.get_absolute_url() if asset else reverse("collateral:requests_mine")
    notify_after_commit(
        [content_request.requester_id],
        "request_answered",
        f"Your request is {content_request.get_status_display().lower()}",
        {
            "request_text": content_request.description[:120],
            "status": content_request.get_status_display().lower(),
            "asset_title": asset.title if asset else "",
            "response": content_request.response,
            "url": absolute(path),
        },
    )


def follow_pillar(sender, pillar, replaced: list[int], **kwargs) -> None:
    """Receiver of `messaging.signals.pillar_approved` (inside the approving transaction):
    assets mapped to an older version of the pillar now map to the approved one, so their
    chips, the edit form's boxes and their search documents carry its current name."""
    through = Asset.pillars.through
    links = through.objects.filter(pillar_id__in=replaced)
    asset_ids = set(links.values_list("asset_id", flat=True))
    if not asset_ids:
        return
    # An asset mapped to both versions keeps one link (the pair is unique).
    links.filter(asset_id__in=through.objects.filter(pillar=pillar).values("asset_id")).delete()
    links.update(pillar=pillar)
    search.index_many(asset_ids)
