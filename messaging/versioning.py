"""The abstract bases of every messaging model: a version of an item, and two signatures.

A row is one version; rows of one item share a `key`, numbered by `version`. Named partial
unique constraints keep one approved and one open (draft or in review) version per key.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from messaging.querysets import OPEN_STATUSES, Status, VersionedQuerySet


class Versioned(models.Model):
    """Fields shared by every versioned messaging item (abstract)."""

    key = models.UUIDField(default=uuid.uuid4, editable=False, help_text="Same for all versions.")
    version = models.PositiveIntegerField(default=1, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    change_note = models.CharField(max_length=300, blank=True, help_text="What changed and why.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who made it current: the marketer who approved, or the second signer.",
    )
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VersionedQuerySet.as_manager()

    # Overridden by models that need a Marketing and a Sales/Managers signature.
    needs_two_signatures = False
    # The URL segment of the kind ("pillars" in /messaging/pillars/<key>/).
    kind = ""
    # What `for_display()` joins and prefetches for this kind.
    display_related: tuple[str, ...] = ()
    display_prefetch: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["-version"]
        constraints = [
            # Serves the history page (versions of one key by number); numbers stay unique.
            models.UniqueConstraint(
                fields=["key", "version"], name="%(app_label)s_%(class)s_key_version_unique"
            ),
            # Only one version of an item is what sales sees.
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status="approved"),
                name="%(app_label)s_%(class)s_one_approved",
            ),
            # One version is worked on at a time; "edit" finds it (key + open status).
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status__in=["draft", "review"]),
                name="%(app_label)s_%(class)s_one_open",
            ),
        ]
        indexes = [
            # Serves every sales-facing page: the approved versions of a kind.
            models.Index(fields=["status"], name="%(class)s_status_idx"),
        ]

    @property
    def kind_label(self) -> str:
        return self._meta.verbose_name

    @property
    def title(self) -> str:
        """The heading of the item's page."""
        return str(self)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED

    def get_version_url(self) -> str:
        """The page of this exact version (the key's page shows whichever is current)."""
        return reverse("messaging:version", args=[self.kind, self.key, self.version])

    def get_history_url(self) -> str:
        return reverse("messaging:history", args=[self.kind, self.key])

    def get_edit_url(self) -> str:
        return reverse("messaging:edit", args=[self.kind, self.key])

    def diff_fields(self) -> list[tuple[str, str]]:
        """(label, text) pairs that the word diff compares between versions."""
        raise NotImplementedError

    def edit_token(self) -> str:
        """Which stored version an edit form was opened on, and with which text."""
        return f"{self.pk}:{self.content_digest()}"

    def content_digest(self) -> str:
        """A fingerprint of what a reader of this version sees (its diff fields). The sign and
        approve forms carry the one their page showed, so a version edited since the page
        was opened is not signed unread (messaging.workflow.sign)."""
        text = "\x1f".join(f"{label}\x1e{value}" for label, value in self.diff_fields())
        return hashlib.sha256(text.encode()).hexdigest()


class TwoSignatures(models.Model):
    """Both sides sign: one Marketing member and one Sales/Managers member, never one person."""

    marketing_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    marketing_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    sales_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    sales_signed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            # The rule "two different people" holds even if code forgets it.
            models.CheckConstraint(
                condition=Q(marketing_signed_by__isnull=True)
                | Q(sales_signed_by__isnull=True)
                | ~Q(marketing_signed_by=F("sales_signed_by")),
                name="%(app_label)s_%(class)s_two_different_signers",
            ),
        ]

    def clear_signatures(self) -> list[str]:
        """Forget both signatures; returns the fields to save."""
        self.marketing_signed_by = self.sales_signed_by = None
        self.marketing_signed_at = self.sales_signed_at = None
        return ["marketing_signed_by", "marketing_signed_at", "sales_signed_by", "sales_signed_at"]
