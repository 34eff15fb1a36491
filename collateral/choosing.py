"""Naming one published asset among thousands: the answer to a content request, and the
replacement of a retired asset.

A select of every published asset would make the page megabytes at 10,000 assets, so each form
offers a bounded few suggestions, labelled so that assets with one title can be told apart,
and a field for the link of any other published asset.
"""

import re

from django import forms
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from collateral.models import Asset, ContentRequest
from personas.stale import RefusesStaleSaves
from personas.text import VisibleTextForm

# How many assets a form offers in its list (the rest are reached by link).
SUGGESTIONS = 30
UUID_IN_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def option_label(asset: Asset) -> str:
    """“ROI deck (Deck, out 3 Nov 2026)”: title, type and when it came out."""
    out = asset.published_at or asset.created_at
    return f"{asset.title} ({asset.get_asset_type_display()}, out {_day(out)})"


def _day(moment) -> str:
    return date_format(timezone.localdate(moment), "j M Y")


def offer(field: forms.ModelChoiceField, suggestions: list[Asset], chosen=None) -> None:
    """Any published asset validates; the list shows the suggestions (and the chosen one)."""
    field.queryset = Asset.objects.published()
    if chosen is not None and chosen not in suggestions and chosen.is_published:
        suggestions.insert(0, chosen)
    field.widget.choices = [("", field.empty_label)] + [
        (str(asset.uuid), option_label(asset)) for asset in suggestions
    ]


class AssetLinkField(forms.CharField):
    """The address (or anything holding the UUID) of a published asset's page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value) -> Asset | None:
        link = super().clean(value).strip()
        if not link:
            return None
        found = UUID_IN_TEXT.search(link)
        asset = Asset.objects.published().filter(uuid=found.group(0)).first() if found else None
        if asset is None:
            raise forms.ValidationError(
                "That is not the link of a published asset. Open the asset in the library "
                "and copy the address of its page."
            )
        return asset


def one_of(form: forms.Form, select: str, link: str) -> Asset | None:
    """The asset named by the select or the pasted link (in clean()); both naming different
    assets is an error on the link: silently taking one would name the wrong asset."""
    data = form.cleaned_data
    linked, chosen = data.get(link), data.get(select)
    if linked and chosen and linked != chosen:
        form.add_error(
            link,
            f"You chose “{chosen.title}” and pasted the link of “{linked.title}”. "
            "Keep one of them.",
        )
        return None
    return linked or chosen


class RequestResponseForm(RefusesStaleSaves, VisibleTextForm, forms.Form):
    """Marketing answers a request: done (with the asset), planned or declined (with a reply).
    An answer from a page opened before a colleague's is refused once (personas.stale)."""

    status = forms.ChoiceField(
        label="Outcome",
        choices=[
            (ContentRequest.Status.DONE, "Done: this asset answers it"),
            (ContentRequest.Status.PLANNED, "Planned: we will make it"),
            (ContentRequest.Status.DECLINED, "Declined"),
        ],
        widget=forms.RadioSelect,
    )
    asset = forms.ModelChoiceField(
        label="Asset that answers it",
        queryset=Asset.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label="Choose a suggested asset",
        help_text="Required for “done”. The requester sees it on their home page. "
        "Suggested: the most downloaded published assets for this persona and stage.",
        error_messages={
            "invalid_choice": "That asset is no longer among the published ones. Choose "
            "another, or paste the link of the one you mean."
        },
    )
    asset_link = AssetLinkField(
        label="Or paste the asset's link",
        help_text="Any published asset: copy the address of its page in the library.",
    )
    response = forms.CharField(
        label="Reply to the requester",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for “planned” and “declined”: say when, or why not.",
    )

    def edits_stored_object(self) -> bool:
        return self.content_request is not None

    def seen_token(self) -> str:
        return self.content_request.updated_at.isoformat()

    def changed_message(self) -> str:
        return (
            "Someone else answered this request after you opened it; their answer is shown "
            "above. Your answer is kept below: save again to replace theirs."
        )

    def __init__(self, *args, content_request: ContentRequest | None = None, **kwargs):
        self.content_request = content_request
        super().__init__(*args, **kwargs)
        suggestions = list(self._suggestions(content_request))
        offer(self.fields["asset"], suggestions, self.initial.get("asset"))

    @staticmethod
    def _suggestions(content_request: ContentRequest | None):
        assets = Asset.objects.published()
        if content_request is not None:
            assets = assets.matching(
                persona=content_request.persona,
                stage=content_request.stage,
                asset_type=content_request.asset_type,
            )
        return assets.order_by("-download_count", "title", "pk")[:SUGGESTIONS]

    def clean(self) -> dict:
        data = super().clean()
        data["asset"] = one_of(self, "asset", "asset_link")
        status = data.get("status")
        # A field that already says what is wrong (a link naming no published asset, a
        # choice gone since the page was drawn, a reply too long) is not told "missing" too.
        named = data["asset"] or {"asset", "asset_link"} & set(self.errors)
        if status == ContentRequest.Status.DONE and not named:
            self.add_error("asset", "Choose the asset that answers this request.")
        if (
            status in {ContentRequest.Status.PLANNED, ContentRequest.Status.DECLINED}
            and "response" not in self.errors
            and not (data.get("response") or "").strip()
        ):
            self.add_error("response", "Write a short reply so the requester knows why.")
        return data


class RetireForm(forms.Form):
    """Retiring an asset, optionally naming the published asset that replaces it."""

    replaced_by = forms.ModelChoiceField(
        label="Replaced by",
        queryset=Asset.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label="Nothing replaces it",
        help_text="People who downloaded it are told it is withdrawn, and to send this instead. "
        "Suggested: the newest published assets of the same type.",
    )
    replaced_by_link = AssetLinkField(
        label="Or paste the replacement's link",
        help_text="Any other published asset: copy the address of its page in the library.",
    )

    def __init__(self, *args, asset: Asset, **kwargs):
        self.asset = asset
        super().__init__(*args, **kwargs)
        suggestions = (
            Asset.objects.published()
            .exclude(pk=asset.pk)
            .filter(asset_type=asset.asset_type)
            .order_by(Coalesce("published_at", "created_at").desc(), "-pk")[:SUGGESTIONS]
        )
        offer(self.fields["replaced_by"], list(suggestions))

    def clean(self) -> dict:
        data = super().clean()
        data["replaced_by"] = one_of(self, "replaced_by", "replaced_by_link")
        if data["replaced_by"] == self.asset:
            field = "replaced_by_link" if data.get("replaced_by_link") else "replaced_by"
            self.add_error(field, "An asset cannot replace itself.")
        return data
