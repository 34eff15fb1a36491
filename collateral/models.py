"""The collateral library: versioned files mapped to personas, stages and pillars, and the
record of every download, rating and request that tells managers what is used."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, F, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from collateral import filetypes
from collateral.preview import TextStatus
from collateral.querysets import (
    AssetQuerySet,
    ContentRequestQuerySet,
    DownloadQuerySet,
    FeedbackQuerySet,
)
from messaging.models import Pillar, Positioning
from personas import roles
from personas.models import Persona


class BuyingStage(models.Model):
    """A stage of the buyer's journey (awareness, consideration, decision, onboarding).

    A table rather than choices so assets map to several stages through a plain M2M and the
    coverage matrix can join on it. Rows are created by a data migration.
    """

    slug = models.SlugField(max_length=40)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            # Serves filters in URLs (?stage=decision).
            models.UniqueConstraint(fields=["slug"], name="buyingstage_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Asset(models.Model):
    """A piece of collateral with one stable URL for its whole life; files live in versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    class Type(models.TextChoices):
        DECK = "deck", "Deck"
        ONE_PAGER = "one_pager", "One-pager"
        CASE_STUDY = "case_study", "Case study"
        WHITEPAPER = "whitepaper", "Whitepaper"
        DATASHEET = "datasheet", "Datasheet"
        BATTLECARD = "battlecard", "Battlecard"
        EMAIL_TEMPLATE = "email_template", "Email template"
        VIDEO = "video", "Video"
        IMAGE = "image", "Image"
        OTHER = "other", "Other"

    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)
    asset_type = models.CharField("type", max_length=20, choices=Type.choices)
    stages = models.ManyToManyField(BuyingStage, related_name="assets")
    personas = models.ManyToManyField(Persona, blank=True, related_name="assets")
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="assets")
    positioning = models.ForeignKey(
        Positioning,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assets",
        help_text="The positioning version this was written against.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="assets"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_by = models.DateField(null=True, blank=True, help_text="When to check it is current.")
    current_version = models.ForeignKey(
        "AssetVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Denormalised from Download so the library can sort and show counts without aggregating
    # millions of rows; updated with F() in the download's transaction. Counts every served
    # file (every Download row, use or not); reports that need *use* read Download.is_use.
    download_count = models.PositiveIntegerField(default=0, editable=False)
    last_downloaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Denormalised from Feedback for the same reason: every library card shows the rating and
    # "best rated" sorts on it. An Avg() annotation would GROUP BY feedback on every library
    # page and, joined with the M2M filters, count wrongly. Refreshed by `refresh_rating()` in
    # the feedback's transaction. 0 means "not rated yet", which also sorts unrated last.
    rating_average = models.FloatField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        help_text="When retired: the asset to send instead.",
    )
    # When it first came out (kept when it is unpublished and published again).
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A default rather than auto_now_add so imports and demo data can keep real creation dates.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Serves /collateral/<uuid>/ and the download URL.
            models.UniqueConstraint(fields=["uuid"], name="asset_uuid_unique"),
        ]
        indexes = [
            # Serves the library's default view: published assets, newest first.
            models.Index(fields=["status", "-created_at"], name="asset_status_created_idx"),
            # Serves "most downloaded" within published assets in the exact order the library
            # and the asset page's related list use, so a top few is read off the index in
            # order instead of sorting every match (related_to: 24 ms -> 1 ms at 10k assets).
            models.Index(
                fields=["status", "-download_count", "-created_at", "-id"],
                name="asset_status_downloads_idx",
            ),
            # Serves the stale report: published assets past their review date.
            models.Index(fields=["status", "review_by"], name="asset_status_review_idx"),
            # Serves "best rated" sorting within published assets.
            models.Index(
                fields=["status", "-rating_average", "-rating_count"],
                name="asset_status_rating_idx",
            ),
        ]
        # Read through personas.roles (can_view_audit, can_audit).
        permissions = [
            ("view_audit", "Can view collateral audit reports"),
            ("act_on_audit", "Can retire and set review dates in bulk from the audit"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collateral:asset_detail", args=[self.uuid])

    def get_download_url(self) -> str:
        """The stable download URL: always the current version."""
        return reverse("collateral:download", args=[self.uuid])

    def get_preview_url(self) -> str:
        """The current preview image; the version number makes a new version a new URL."""
        number = self.current_version.number if self.current_version else 0
        return f"{reverse('collateral:preview', args=[self.uuid])}?v={number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_retired(self) -> bool:
        return self.status == self.Status.RETIRED

    @property
    def live_replacement(self) -> "Asset | None":
        """What replaces this withdrawn asset, while it is published: notices and the digest
        name and link only that (a replacement sent back to draft is Marketing's again)."""
        replacement = self.replaced_by
        return replacement if replacement is not None and replacement.is_published else None

    @property
    def is_past_review(self) -> bool:
        return self.review_by is not None and self.review_by < timezone.localdate()

    def refresh_rating(self) -> None:
        """Recompute the denormalised rating from Feedback in one UPDATE (in a transaction)."""
        ratings = Feedback.objects.filter(asset=self.pk).order_by().values("asset")
        Asset.objects.filter(pk=self.pk).update(
            rating_average=Coalesce(
                Subquery(ratings.annotate(value=Avg("rating")).values("value")), Value(0.0)
            ),
            rating_count=Coalesce(
                Subquery(ratings.annotate(value=Count("pk")).values("value")), Value(0)
            ),
        )


def version_upload_to(instance: "AssetVersion", filename: str) -> str:
    # The server names the file: a random hex name plus the extension of the sniffed type.
    # `filename` is the client's and is ignored (it is kept in `original_filename` as data).
    extension = instance.extension or "bin"
    return f"collateral/{uuid.uuid4().hex}.{extension}"


def preview_upload_to(instance: "AssetVersion", filename: str) -> str:
    return f"collateral/previews/{uuid.uuid4().hex}.webp"


class AssetVersion(models.Model):
    """One immutable uploaded file of an asset. New files make new versions; none is replaced."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=version_upload_to, max_length=200)
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=120, help_text="Sniffed from the bytes.")
    extension = models.CharField(max_length=10, help_text="Canonical for the sniffed type.")
    preview = models.ImageField(upload_to=preview_upload_to, blank=True, max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this file.")
    created_at = models.DateTimeField(auto_now_add=True)
    # What text extraction found; the text itself is in `pages` (VersionPage rows). Rows made
    # before extraction existed start "pending", which is what `manage.py reindex` picks up.
    text_status = models.CharField(
        max_length=10,
        default=TextStatus.PENDING,
        choices=[
            (TextStatus.PENDING, "Not read yet"),
            (TextStatus.FOUND, "Text found"),
            (TextStatus.EMPTY, "No text found"),
            (TextStatus.FAILED, "Could not be read"),
            (TextStatus.SKIPPED, "Not a text document"),
        ],
        editable=False,
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            # Serves the version history and /collateral/<uuid>/versions/<number>/.
            models.UniqueConstraint(fields=["asset", "number"], name="assetversion_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.asset} v{self.number}"

    def get_download_url(self) -> str:
        """This exact version (marketing only, unless it is the current one)."""
        return reverse("collateral:version_download", args=[self.asset.uuid, self.number])

    @property
    def download_filename(self) -> str:
        """The name offered to the browser: the original name with a truthful extension."""
        return filetypes.download_name(self.original_filename, self.extension)

    @property
    def kind_label(self) -> str:
        """ "PDF document", "PowerPoint presentation", … for display."""
        for kind in filetypes.KINDS:
            if kind.extension == self.extension:
                return kind.label
        return self.extension.upper()

    @property
    def etag(self) -> str:
        # The content hash names the bytes exactly; versions are immutable.
        return f'"{self.sha256}"'

    @property
    def page_word(self) -> str:
        """What one unit of this file is called: "slide", "sheet" or "page"."""
        return {"pptx": "slide", "xlsx": "sheet"}.get(self.extension, "page")

    @property
    def no_text_found(self) -> bool:
        """Extraction ran on a document and found nothing search can use."""
        return self.text_status in (TextStatus.EMPTY, TextStatus.FAILED)

    @property
    def unread_reason(self) -> str:
        """Why there is no text (when no_text_found), in the words every message uses."""
        if self.text_status == TextStatus.FAILED:
            return "it could not be read: the file may be damaged, or too big to read"
        return "no text in it: a scan, or text saved as pictures?"


class VersionPage(models.Model):
    """The text of one page (PDF, Word), slide with its notes (PowerPoint) or sheet (Excel) of
    one version, extracted once when the file was uploaded (or by `manage.py reindex`).

    Read by search and by the drift check; nothing re-reads files at request time. Pages
    without text have no row, so `number` may skip. Use `version.pages.all()` (ordered by
    number) or `collateral.extraction.page_texts(version)`.
    """

    version = models.ForeignKey(AssetVersion, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(help_text="Page, slide or sheet number, from 1.")
    name = models.CharField(max_length=100, blank=True, help_text="A sheet's name (Excel).")
    text = models.TextField()

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            # One row per page of a version; serves a version's pages in order.
            models.UniqueConstraint(fields=["version", "number"], name="versionpage_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.label}"

    @property
    def label(self) -> str:
        """ "slide 7", "page 3", "sheet Prices" for display next to a hit."""
        word = self.version.page_word
        if word == "sheet" and self.name:
            return f"sheet {self.name}"
        return f"{word} {self.number}"


class Download(models.Model):
    """One served file. The table grows to millions of rows; audit reports aggregate it in SQL.

    No IP address or user agent is stored (DESIGN §5a). `is_use` is decided when the row is
    written: downloads by the asset's owner or the version's uploader, Marketing's own
    previews, and downloads started from the audit's reports are recorded but not counted as
    use by the reports.
    """

    class Source(models.TextChoices):
        LIBRARY = "library", "Library"
        ASSET = "asset", "Asset page"
        PERSONA = "persona", "Persona page"
        SEARCH = "search", "Search"
        CALL_PREP = "call_prep", "Call prep"
        REQUEST = "request", "Content request"
        NOTICE = "notice", "Outdated-copy notice"
        # A manager or marketer checking a file from the audit's reports: never use.
        AUDIT = "audit", "Audit report"
        OTHER = "other", "Other"

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="downloads")
    version = models.ForeignKey(AssetVersion, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="downloads"
    )
    # A default rather than auto_now_add so history can be imported or generated (demo, bench).
    downloaded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.OTHER)
    is_use = models.BooleanField(default=True)

    objects = DownloadQuerySet.as_manager()

    class Meta:
        indexes = [
            # Serves per-asset "last used" / "used in the last N days" (unused report), the
            # asset page's counts, and the audit's per-asset pass (downloads and unique users
            # per asset in a period): use rows of one asset by time, the user read from the
            # index too, so that pass is index-only and already in asset order.
            models.Index(
                fields=["asset", "downloaded_at", "user"],
                condition=Q(is_use=True),
                name="download_use_asset_user_idx",
            ),
            # Serves period totals, the weekly usage chart and per-persona/stage/team usage:
            # use rows in a time window, with asset and user read from the index.
            models.Index(
                fields=["downloaded_at", "asset", "user"],
                condition=Q(is_use=True),
                name="download_use_time_idx",
            ),
            # Serves a person's download history (their own page, and a manager's view of a
            # named person): one person's rows, newest first (DownloadQuerySet.history_of).
            models.Index(fields=["user", "-downloaded_at"], name="download_user_time_idx"),
            # Serves "your copy is outdated" (collateral.notices): a person's assets, and
            # whether they downloaded one exact version, read from the index alone.
            models.Index(fields=["user", "asset", "version"], name="download_user_asset_ver_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.asset} by {self.user} at {self.downloaded_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def counts_as_use(user, asset: Asset, version: AssetVersion, source: str = "") -> bool:
        """The one rule for `is_use` (DESIGN §5a): is this download someone *using* the asset?

        Not when the downloader owns the asset or uploaded this version, not when they are
        in Marketing (their downloads are previews and checks of their own material), and not
        when it was started from the audit (someone checking a file before retiring it). Such
        rows are still written, and reports show them separately.
        """
        if source == Download.Source.AUDIT:
            return False
        if user.pk is not None and user.pk in (asset.owner_id, version.uploaded_by_id):
            return False
        return not roles.can_edit(user)


class DailyDownloads(models.Model):
    """Downloads per local day, asset and use/non-use: the audit's roll-up of closed days.

    Written only by `manage.py rollup_downloads`, for days that are over (DESIGN §5b). Reports
    read it for the whole days it covers and the Download rows for everything else in their
    period (the partial first day, today, any day not rolled up yet), so a download shows at
    once and every total equals the raw rows (collateral/audit/rollup.py).
    """

    day = models.DateField()
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="+")
    is_use = models.BooleanField()
    downloads = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "daily downloads"
        constraints = [
            # One row per day, asset and kind; the command replaces a day's rows as a whole.
            models.UniqueConstraint(
                fields=["day", "asset", "is_use"], name="dailydownloads_day_asset_unique"
            ),
        ]
        indexes = [
            # Serves the reports' sums over a range of days (per asset, per day, in total):
            # use rows by day, the asset and the count read from the index too (index-only).
            models.Index(
                fields=["day", "asset", "downloads"],
                condition=Q(is_use=True),
                name="dailydownloads_use_day_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset_id} on {self.day}: {self.downloads}"


class Feedback(models.Model):
    """A rep's rating (1–5 for usefulness) and comment on an asset; one per user, editable."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="feedback")
    # PROTECT: people who leave are deactivated, not deleted. Deleting a rater would silently
    # drop their ratings and leave the asset's denormalised average wrong; the admin says why
    # the delete is refused and to deactivate instead (templates/admin/auth/user/).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asset_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            # One rating per person per asset; serves "my rating" lookups on the asset page.
            models.UniqueConstraint(fields=["asset", "user"], name="feedback_one_per_user"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 on {self.asset} by {self.user}"


class ContentRequest(models.Model):
    """A rep asks marketing for material that is missing (persona, stage, what for)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        DECLINED = "declined", "Declined"

    persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="content_requests"
    )
    stage = models.ForeignKey(
        BuyingStage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asset_type = models.CharField("type", max_length=20, choices=Asset.Type.choices, blank=True)
    description = models.TextField(max_length=2000, help_text="What you need and for which deal.")
    # PROTECT, as for ratings: deleting the person who asked would silently take the request,
    # Marketing's answer and its place in the history with them. People who leave are
    # deactivated (templates/admin/auth/user/ says so when a delete is refused).
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="content_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    fulfilled_by = models.ForeignKey(
        Asset,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fulfilled_requests",
    )
    response = models.TextField(max_length=1000, blank=True, help_text="Marketing's reply.")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ContentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Serves marketing's queue of open requests, oldest first.
            models.Index(fields=["status", "created_at"], name="request_status_created_idx"),
            # Serves a requester's own list and the home page's "fulfilled lately".
            models.Index(fields=["requester", "-created_at"], name="request_requester_idx"),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def published_answer(self) -> "Asset | None":
        """The asset that answered the request, while it is published: the requester's pages
        and the digest link only that."""
        answer = self.fulfilled_by
        return answer if answer is not None and answer.is_published else None


class AuditEntry(models.Model):
    """A trail of bulk actions taken from the audit (who retired what, when)."""

    class Action(models.TextChoices):
        RETIRE = "retire", "Retired"
        REVIEW_DATE = "review_date", "Set review date"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    assets = models.ManyToManyField(Asset, related_name="audit_entries")
    detail = models.CharField(max_length=300, blank=True, help_text="e.g. the new review date.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class WordingHitQuerySet(models.QuerySet):
    def current(self) -> "WordingHitQuerySet":
        """Hits in files that are their asset's current version (what reps would send)."""
        return self.filter(version__asset__current_version=F("version"))

    def for_report(self) -> "WordingHitQuerySet":
        """Everything a row of `check_drift` or the asset page shows, fetched up front."""
        return self.select_related("version__asset__owner", "wording").order_by(
            "version__asset__title", "version__asset_id", Lower("wording__phrase"), "page"
        )


class WordingHit(models.Model):
    """Approved retired wording found in a version's text: which phrase, on which page or
    slide, how often. Written by the drift check (`collateral.wording`) at upload and again
    for every current version whenever the approved list changes; read by the asset page,
    library badges, the stale report and `manage.py check_drift`.
    """

    version = models.ForeignKey(
        AssetVersion, on_delete=models.CASCADE, related_name="wording_hits"
    )
    wording = models.ForeignKey(
        "messaging.RetiredWording", on_delete=models.CASCADE, related_name="+"
    )
    page = models.PositiveIntegerField(help_text="Page, slide or sheet number, from 1.")
    count = models.PositiveIntegerField(default=1, help_text="How often on that page.")

    objects = WordingHitQuerySet.as_manager()

    class Meta:
        ordering = ["version", "page"]
        constraints = [
            # One row per phrase and page; also serves "does this version have hits" (EXISTS
            # on the leading column) for library cards and the stale report.
            models.UniqueConstraint(
                fields=["version", "wording", "page"], name="wordinghit_version_phrase_page"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wording} in {self.version}, {self.where}"

    @property
    def where(self) -> str:
        """ "page 3", "slide 7" or "sheet 2"."""
        return f"{self.version.page_word} {self.page}"


class WordingCheck(models.Model):
    """The drift check's verdict on one version: its text was read and checked, or there was
    no text to check (a scan is "no text found", never clean). Hits are `WordingHit` rows."""

    class Status(models.TextChoices):
        FOUND = "found", "Checked"
        EMPTY = "empty", "No text found"
        FAILED = "failed", "Could not be read"
        SKIPPED = "skipped", "Not a text document"

    version = models.OneToOneField(
        AssetVersion, on_delete=models.CASCADE, related_name="wording_check"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.version}: {self.get_status_display()}"

    @property
    def no_text_found(self) -> bool:
        return self.status in (self.Status.EMPTY, self.Status.FAILED)


# Kept in their own modules with the queries they serve; imported so Django registers them.
from collateral.notices import OutdatedDismissal  # noqa: E402, F401
from collateral.pending import PendingUpload  # noqa: E402, F401
