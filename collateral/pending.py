"""Uploads kept for a retry: a file that passed its checks on a form that had other errors.

Re-sending a 30 MB deck because the title was missing is the kind of loss people remember.
The form keeps the received file as a `PendingUpload` bound to the person who sent it, for an
hour; the corrected form names it by token instead of sending it again. Nobody else can use
the token, nothing serves the file, and `manage.py clear_pending_uploads` removes what
expired (the files after the rows' deletion commits).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone

KEEP_FOR = timedelta(hours=1)


def pending_upload_to(instance: "PendingUpload", filename: str) -> str:
    # Generated; the client's name is data (original_filename), never a path.
    return f"collateral/pending/{uuid.uuid4().hex}"


class PendingUploadQuerySet(models.QuerySet):
    def live(self) -> "PendingUploadQuerySet":
        return self.filter(created_at__gt=timezone.now() - KEEP_FOR)

    def expired(self) -> "PendingUploadQuerySet":
        return self.filter(created_at__lte=timezone.now() - KEEP_FOR)

    def find(self, user, token) -> "PendingUpload | None":
        """`user`'s own live upload with this token; None for anyone else's, or expired."""
        if not user.is_authenticated or not token:
            return None
        return self.live().filter(user=user, token=token).first()


class PendingUpload(models.Model):
    """A received, checked file kept for one person's retry of a form, for an hour."""

    token = models.UUIDField(default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=pending_upload_to, max_length=200)
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        app_label = "collateral"
        constraints = [
            # Serves the form's lookup by token (with the user, see `find`).
            models.UniqueConstraint(fields=["token"], name="pendingupload_token_unique"),
        ]
        indexes = [
            # Serves the clean-up command: the expired rows.
            models.Index(fields=["created_at"], name="pendingupload_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.original_filename} kept for {self.user}"

    @property
    def expires_at(self):
        return self.created_at + KEEP_FOR

    def open(self) -> File:
        """The kept bytes under the name the person gave them (for the upload checks)."""
        return File(self.file.open("rb"), name=self.original_filename)

    def discard(self) -> None:
        """Delete the row now and its file once that commits."""
        name = self.file.name
        storage = self.file.storage
        self.delete()
        transaction.on_commit(lambda: storage.delete(name))

    @classmethod
    def keep(cls, user, uploaded, original_filename: str) -> "PendingUpload":
        """Store `uploaded` (already checked) for `user`'s retry."""
        pending = cls(user=user, original_filename=original_filename, size=uploaded.size)
        uploaded.seek(0)
        pending.file.save("pending", uploaded, save=False)
        try:
            pending.save()
        except BaseException:
            pending.file.storage.delete(pending.file.name)
            raise
        return pending


def clear_expired() -> int:
    """Remove expired kept uploads and their files; returns how many."""
    count = 0
    for pending in PendingUpload.objects.expired().iterator():
        with transaction.atomic():
            pending.discard()
        count += 1
    return count
