"""Forms of the collateral library. Each returns clean domain values; file checks live in
`UploadField` (size from MAX_UPLOAD_MB, type by content through collateral.filetypes)."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy

from collateral import filetypes
from collateral.models import Asset, BuyingStage, ContentRequest, Feedback
from collateral.pending import PendingUpload
from messaging.models import Pillar, Positioning
from messaging.models import Status as MessagingStatus
from personas import roles
from personas.models import Persona
from personas.stale import RefusesStaleSaves
from personas.text import VisibleTextForm


@dataclass(frozen=True)
class Intake:
    """An upload that passed every check: the file plus what the server decided about it."""

    file: UploadedFile
    kind: filetypes.FileKind
    original_filename: str
    size: int
    sha256: str
    # Images: the thumbnail made by the child that decoded them (PDFs get theirs later).
    preview: bytes | None = None


def _upload_help() -> str:
    return (
        f"Up to {settings.MAX_UPLOAD_MB} MB. {filetypes.ALLOWED_TEXT}. "
        "The file is checked by its content, not its name."
    )


def too_big_message(size: int, limit_mb: int) -> str:
    """The size refusal, exact to the byte: "1.0 MB" over a 1 MB limit explains nothing."""
    limit = limit_mb * 1024 * 1024
    megabytes = f" ({size / 1024 / 1024:.1f} MB)" if size - limit >= 0.05 * 1024 * 1024 else ""
    return (
        f"This file is {size:,} bytes{megabytes}; the limit is {limit_mb} MB ({limit:,} bytes). "
        "Compress it or split it, then re-upload it."
    )


class UploadField(forms.FileField):
    """One file, at most MAX_UPLOAD_MB, of an allowed type judged by content → `Intake`."""

    default_error_messages = {
        "empty": "The file is empty (0 bytes). Choose the file again and re-upload it.",
        # Django's parser drops a file whose name is empty, "." or "..", or not UTF-8, before
        # any form sees it: from here that looks exactly like no file at all.
        "required": (
            "No file arrived. Choose the file to upload. If you did choose one, its name "
            "could not be read (empty, only dots, or not valid text): rename the file and "
            "choose it again."
        ),
    }

    def __init__(self, **kwargs):
        # Lazy so the text follows the setting even when a test overrides it.
        kwargs.setdefault("help_text", lazy(_upload_help, str)())
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> Intake | None:
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        limit = settings.MAX_UPLOAD_MB * 1024 * 1024
        if uploaded.size > limit:
            raise forms.ValidationError(
                too_big_message(uploaded.size, settings.MAX_UPLOAD_MB), code="too_big"
            )
        try:
            inspected = filetypes.inspect(uploaded)
            name = filetypes.clean_filename(uploaded.name)
            filetypes.check_name_agrees(name, inspected.kind)
        except filetypes.RefusedFile as error:
            raise forms.ValidationError(error.message, code="refused") from error
        digest = hashlib.sha256()
        size = 0
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
        uploaded.seek(0)
        kind = inspected.kind
        return Intake(
            file=uploaded,
            kind=kind,
            original_filename=name or f"{kind.key}-file.{kind.extension}",
            size=size,
            sha256=digest.hexdigest(),
            preview=inspected.preview,
        )


def current_positioning() -> Positioning | None:
    """The approved positioning: what new uploads are written against unless marketing says
    otherwise."""
    return Positioning.objects.filter(status=MessagingStatus.APPROVED).first()


def written_against_choices(keep_id: int | None = None):
    """Positioning versions a file can be written against: approved or retired ones (a draft
    is not agreed yet), plus the one already recorded, whatever its status."""
    choices = Q(status__in=[MessagingStatus.APPROVED, MessagingStatus.RETIRED])
    if keep_id:
        choices |= Q(pk=keep_id)
    return Positioning.objects.filter(choices).order_by("-version")


def positioning_label(positioning: Positioning) -> str:
    if positioning.status == MessagingStatus.APPROVED:
        return f"Version {positioning.version} (current)"
    return f"Version {positioning.version} ({positioning.get_status_display().lower()})"


class PersonaChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, persona: Persona) -> str:
        return persona.name if persona.is_published else f"{persona.name} ({persona.status})"


class AssetForm(VisibleTextForm, forms.ModelForm):
    """The asset's metadata: what it is and where it fits (personas, stages, pillars)."""

    personas = PersonaChoice(
        queryset=Persona.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who it is for. Leave empty for material that fits every persona.",
    )

    class Meta:
        model = Asset
        fields = [
            "title",
            "description",
            "asset_type",
            "personas",
            "stages",
            "pillars",
            "positioning",
            "owner",
            "review_by",
        ]
        widgets = {
            "stages": forms.CheckboxSelectMultiple,
            "pillars": forms.CheckboxSelectMultiple,
            "review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": "When to use it, for which conversation, what is inside.",
            "stages": "The buying stages it helps in.",
            "pillars": "The messaging pillars it leans on.",
            "owner": "Who keeps it current and hears the feedback.",
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        linked = self.instance.pk is not None
        self.fields["personas"].queryset = Persona.objects.exclude(
            status=Persona.Status.ARCHIVED
        ).order_by("name")
        if linked:
            self.fields["personas"].queryset = (
                (
                    Persona.objects.exclude(status=Persona.Status.ARCHIVED)
                    | Persona.objects.filter(assets=self.instance)
                )
                .distinct()
                .order_by("name")
            )
        self.fields["stages"].queryset = BuyingStage.objects.order_by("order")
        pillars = Pillar.objects.filter(status=MessagingStatus.APPROVED)
        if linked:
            pillars = pillars | Pillar.objects.filter(assets=self.instance)
        self.fields["pillars"].queryset = pillars.distinct().order_by("order", "name")
        self.fields["positioning"].queryset = written_against_choices(self.instance.positioning_id)
        self.fields["positioning"].empty_label = "Not written against a positioning"
        self.fields["positioning"].label_from_instance = positioning_label
        # Whoever may publish (the Marketing group, or given the permission in the admin).
        marketers = User.objects.with_perm(
            roles.EDIT_CONTENT, include_superusers=False, backend=roles.PERMISSION_BACKEND
        )
        if linked and self.instance.owner_id:
            marketers = marketers | User.objects.filter(pk=self.instance.owner_id)
        self.fields["owner"].queryset = marketers.distinct().order_by("first_name", "username")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["owner"].required = True
        if not linked:
            self.initial.setdefault("positioning", current_positioning())
            self.initial.setdefault("owner", user if roles.can_edit(user) else None)
            self.initial.setdefault("review_by", timezone.localdate() + timedelta(days=180))


class KeepsUpload:
    """For forms with a `file` (UploadField) and a hidden `kept_upload` token: a file that
    passed its checks is kept when other fields have errors (collateral.pending), so the
    corrected form needs no new file. Call `keep_upload()` when the form is invalid and
    `discard_kept()` once what it was for is saved.
    """

    EXPIRED = (
        "The file you chose earlier is no longer kept (files are kept for an hour). "
        "Choose it again."
    )

    def setup_kept(self, user: User) -> None:
        self.user = user
        self.kept: PendingUpload | None = None
        self.used_kept = False
        token = self.data.get(self.add_prefix("kept_upload")) if self.is_bound else None
        if not token:
            return
        try:
            self.kept = PendingUpload.objects.find(user, uuid.UUID(str(token)))
        except ValueError:
            self.kept = None
        if self.kept is None:
            self.fields["file"].error_messages["required"] = self.EXPIRED
        else:
            self.fields["file"].required = False

    def take_kept(self, cleaned: dict) -> None:
        """In clean(): no new file chosen, so use the kept one (checked again, cheaply)."""
        if cleaned.get("file") is None and "file" not in self.errors and self.kept is not None:
            try:
                cleaned["file"] = self.fields["file"].clean(self.kept.open())
                self.used_kept = True
            except forms.ValidationError as error:
                self.add_error("file", error)

    def keep_upload(self) -> None:
        """The form is invalid: keep a newly received file that passed its own checks."""
        intake = getattr(self, "cleaned_data", {}).get("file")
        if intake is None or "file" in self.errors or self.used_kept:
            return
        kept = PendingUpload.keep(self.user, intake.file, intake.original_filename)
        self.discard_kept()
        self.kept = kept
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_upload")] = str(kept.token)
        # The form is shown again: without `required` on the file input, or the browser
        # refuses to send the corrected form that needs no file.
        self.fields["file"].required = False

    def discard_kept(self) -> None:
        if self.kept is not None:
            self.kept.discard()
            self.kept = None


class AssetDetailsForm(RefusesStaleSaves, AssetForm):
    """ "Edit details": a save from a page opened before someone else's save (an edit, a
    status change, a new version) is refused once with everything kept (personas.stale)."""

    def changed_message(self) -> str:
        return (
            "Someone else changed this asset after you opened it. Your changes are kept below. "
            "Check the asset's history, then save again to keep yours."
        )


class UploadForm(KeepsUpload, AssetForm):
    """A new asset: metadata and its first file in one form."""

    file = UploadField(label="File")
    kept_upload = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Version note",
        max_length=300,
        required=False,
        help_text="Optional: where the content came from, what it replaces.",
    )
    publish = forms.BooleanField(
        label="Publish now (sales can see and download it at once)",
        required=False,
        help_text="Leave unticked to keep it as a draft that only Marketing sees.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.setup_kept(user)

    def clean(self) -> dict:
        cleaned = super().clean()
        self.take_kept(cleaned)
        return cleaned


class VersionForm(RefusesStaleSaves, KeepsUpload, VisibleTextForm, forms.Form):
    """A new file for an existing asset; the asset keeps its URL and history.

    A new file is written against the approved positioning unless marketing says otherwise,
    so re-uploading a reworked deck clears its positioning flag. A file sent from a form
    opened before a colleague's new version is refused once, the file kept (personas.stale):
    it would have replaced theirs as current without either of them knowing.
    """

    file = UploadField(label="New file")
    kept_upload = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label="What changed",
        max_length=300,
        help_text="Shown in the version history, e.g. “Updated pricing slide for 2027”.",
    )
    positioning = forms.ModelChoiceField(
        label="Written against",
        queryset=Positioning.objects.none(),
        required=False,
        empty_label="Not written against a positioning",
        help_text="The positioning version this file follows.",
    )

    def __init__(self, *args, user: User, asset: Asset | None = None, **kwargs):
        self.asset = asset
        super().__init__(*args, **kwargs)
        field = self.fields["positioning"]
        field.queryset = written_against_choices(asset.positioning_id if asset else None)
        field.label_from_instance = positioning_label
        self.initial.setdefault("positioning", current_positioning())
        self.setup_kept(user)

    def edits_stored_object(self) -> bool:
        return self.asset is not None and self.asset.current_version_id is not None

    def seen_token(self) -> str:
        return str(self.asset.current_version_id)

    def changed_message(self) -> str:
        return (
            "Someone else uploaded a new version after you opened this form, and yours would "
            "replace it as the current one. Your file is kept: check the version history, "
            "then send the form again to make yours current."
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        self.take_kept(cleaned)
        intake, current = cleaned.get("file"), self.asset and self.asset.current_version
        if intake is not None and current is not None and intake.sha256 == current.sha256:
            # Nothing would change but the number, and everyone holding this file would be
            # told their copy is outdated.
            self.add_error(
                "file",
                f"This file is the same as version {current.number}, the current one. Choose "
                "the reworked file.",
            )
        return cleaned


RATING_CHOICES = [
    (5, "5 – Excellent, it won the conversation"),
    (4, "4 – Useful"),
    (3, "3 – OK"),
    (2, "2 – Hardly useful"),
    (1, "1 – Not useful or outdated"),
]


class FeedbackForm(VisibleTextForm, forms.ModelForm):
    """A rating from 1 to 5 and an optional comment; one per person per asset, editable."""

    rating = forms.TypedChoiceField(
        label="How useful is it?", choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"comment": "Optional: what worked, what is outdated, who it landed with."}


class ContentRequestForm(VisibleTextForm, forms.ModelForm):
    """A rep asks marketing for material that is missing."""

    class Meta:
        model = ContentRequest
        fields = ["persona", "stage", "asset_type", "description"]
        labels = {"asset_type": "Type of material", "description": "What do you need?"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = Persona.objects.visible_to(user).order_by("name")
        self.fields["persona"].empty_label = "Any persona"
        self.fields["stage"].queryset = BuyingStage.objects.order_by("order")
        self.fields["stage"].empty_label = "Any stage"
        self.fields["asset_type"].choices = [("", "Any type"), *Asset.Type.choices]
        self.fields["description"].help_text = (
            "What the material should do and for which deal or meeting, e.g. “a one-page ROI "
            "summary Fiona can forward to her CEO”."
        )

    @classmethod
    def initial_from_library(cls, params) -> dict:
        """Prefill from the library's URL parameters (persona/stage slugs, type, q)."""
        initial = {}
        if params.get("persona"):
            initial["persona"] = Persona.objects.filter(slug=params["persona"]).first()
        if params.get("stage"):
            initial["stage"] = BuyingStage.objects.filter(slug=params["stage"]).first()
        if params.get("type") in Asset.Type.values:
            initial["asset_type"] = params["type"]
        if params.get("q"):
            initial["description"] = f"Material about “{params['q'][:200]}”: "
        return initial
