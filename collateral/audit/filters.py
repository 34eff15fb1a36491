"""The filters every report reads from the query string: period, persona, stage, type.

Bad values never fail the page: a value that does not validate is dropped and its default
used, so an edited or outdated link still shows a report.
"""

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest

from collateral.audit.period import DEFAULT_DAYS, PERIOD_CHOICES, Period
from collateral.models import Asset, BuyingStage
from personas.models import Persona


class ReportFilterForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Period",
        choices=[(days, f"Last {days} days") for days in PERIOD_CHOICES],
        coerce=int,
        required=False,
        empty_value=DEFAULT_DAYS,
    )
    persona = forms.ModelChoiceField(
        queryset=Persona.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label="All personas",
    )
    stage = forms.ModelChoiceField(
        queryset=BuyingStage.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All stages",
    )
    type = forms.ChoiceField(
        choices=[("", "All types"), *Asset.Type.choices], required=False, label="Type"
    )


class SummaryFilterForm(ReportFilterForm):
    """The summary page only has a period."""

    persona = None
    stage = None
    type = None


class CoverageFilterForm(ReportFilterForm):
    """The matrix is every persona × every stage, so only the period and type narrow it."""

    persona = None
    stage = None


class UnusedFilterForm(ReportFilterForm):
    show = forms.ChoiceField(
        choices=[("all", "All unused"), ("never", "Never used only")],
        required=False,
        label="Show",
    )


class StaleFilterForm(ReportFilterForm):
    """Staleness does not depend on the period; it is carried along for the other tabs."""

    reason = forms.ChoiceField(
        choices=[
            ("", "Any reason"),
            ("review", "Past its review date"),
            ("positioning", "Not on the current positioning"),
            ("rating", "Rated 2 or less"),
            ("wording", "Off-message wording"),
        ],
        required=False,
        label="Why",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].widget = forms.HiddenInput()


@dataclass(frozen=True)
class ReportFilters:
    """What a report is about: a period, and optionally one persona, stage or type."""

    period: Period
    persona: Persona | None = None
    stage: BuyingStage | None = None
    asset_type: str = ""

    def apply(self, assets):
        """Narrow an Asset queryset to these filters."""
        if self.persona is not None:
            assets = assets.for_persona(self.persona)
        if self.stage is not None:
            assets = assets.filter(stages=self.stage)
        if self.asset_type:
            assets = assets.filter(asset_type=self.asset_type)
        return assets

    @property
    def asset_type_label(self) -> str:
        return Asset.Type(self.asset_type).label if self.asset_type else ""

    @property
    def is_narrowed(self) -> bool:
        return bool(self.persona or self.stage or self.asset_type)


def read_filters(
    request: HttpRequest, form_class: type[ReportFilterForm] = ReportFilterForm
) -> tuple[ReportFilters, ReportFilterForm, dict]:
    """The filters in the query string, a form showing them, and every valid value by name.

    The form on the page is unbound with the valid values as initial data, so a value that
    did not validate shows as its default rather than as an error.
    """
    data = {name: request.GET[name] for name in form_class.base_fields if request.GET.get(name)}
    form = form_class(data)
    form.is_valid()
    clean = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    filters = ReportFilters(
        period=Period.last(clean.get("days", DEFAULT_DAYS)),
        persona=clean.get("persona"),
        stage=clean.get("stage"),
        asset_type=clean.get("type", ""),
    )
    return filters, form_class(initial={**clean, "days": filters.period.days}), clean
