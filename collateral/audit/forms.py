"""Forms of the bulk actions: which assets (by UUID), and for review dates, which date."""

from datetime import date

from django import forms
from django.utils import timezone

from collateral.models import Asset


class AssetSelectionForm(forms.Form):
    """Assets ticked on a report. Only published assets can be acted on; a row retired in
    another tab since the page loaded is an error to reload, not a silent skip."""

    assets = forms.ModelMultipleChoiceField(
        queryset=Asset.objects.published().select_related("owner").order_by("title"),
        to_field_name="uuid",
        error_messages={
            "required": "Select at least one asset first.",
            "invalid_choice": "One of the selected assets is no longer published. "
            "Go back and reload the report.",
            "invalid_pk_value": "That selection is not valid. Go back and reload the report.",
        },
    )
    # Never an error: views read it through personas.redirects.local_next, which falls back
    # to the audit when it is not a path on this site.
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ReviewDateForm(AssetSelectionForm):
    review_by = forms.DateField(
        label="Review by",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the owner should check these assets are still current.",
        error_messages={"required": "Choose a review date."},
    )

    def clean_review_by(self) -> date:
        review_by = self.cleaned_data["review_by"]
        if review_by < timezone.localdate():
            raise forms.ValidationError("Choose today or a later date.")
        return review_by
