"""The managers' change log page: every recorded change across the apps, filterable and
paginated, with a CSV export of the same rows (formula-safe, see collateral.audit.export).

A cross-app page, so it lives in config (DESIGN §2); the log itself is personas.ChangeLog.
"""

from datetime import datetime, time

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from collateral.audit.export import person_name, write_csv
from messaging.models import KINDS
from personas import roles
from personas.changelog import ChangeLog

PER_PAGE = 50

OBJECT_TYPES = [
    ("asset", "Collateral"),
    ("persona", "Personas"),
    *((kind, f"Messaging: {model._meta.verbose_name_plural}") for kind, model in KINDS.items()),
]
# What one entry's kind is called on the page and in the CSV: the filter's words, singular.
KIND_LABELS = {
    "asset": "Collateral",
    "persona": "Persona",
    **{kind: f"Messaging: {model._meta.verbose_name}" for kind, model in KINDS.items()},
}


NOT_A_DATE = "Enter a real date, e.g. 2026-12-01 (not 30 February)."


class ChangeFilterForm(forms.Form):
    """The page's filters; an invalid value is shown as a form error and left out, while the
    valid ones still apply (a wrong date must not turn "personas only" into everything)."""

    q = forms.CharField(label="Name contains", required=False, max_length=100)
    object_type = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Everything"), *OBJECT_TYPES]
    )
    action = forms.ChoiceField(
        label="Change", required=False, choices=[("", "Any change"), *ChangeLog.Action.choices]
    )
    who = forms.CharField(label="Who", required=False, max_length=100)
    since = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": NOT_A_DATE},
    )
    until = forms.DateField(
        label="Until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": NOT_A_DATE},
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "Choose a date on or after the “From” date.")
        return data

    def filter(self, entries: QuerySet[ChangeLog]) -> QuerySet[ChangeLog]:
        self.is_valid()  # cleaned_data then holds the valid fields only
        data = self.cleaned_data if self.is_bound else {}
        if data.get("q"):
            entries = entries.filter(object_repr__icontains=data["q"])
        if data.get("object_type"):
            entries = entries.filter(object_type=data["object_type"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("who"):
            who = data["who"]
            # The Who column shows the full name: "Monica Stone" must find her rows too.
            full_name = Concat("user__first_name", Value(" "), "user__last_name")
            entries = entries.alias(who_full_name=full_name).filter(
                Q(user__username__icontains=who) | Q(who_full_name__icontains=who)
            )
        zone = timezone.get_current_timezone()
        if data.get("since"):
            entries = entries.filter(
                created_at__gte=datetime.combine(data["since"], time.min, tzinfo=zone)
            )
        if data.get("until"):
            entries = entries.filter(
                created_at__lte=datetime.combine(data["until"], time.max, tzinfo=zone)
            )
        return entries


def _entries(request: HttpRequest) -> tuple[ChangeFilterForm, QuerySet[ChangeLog]]:
    if not roles.can_audit(request.user):
        raise PermissionDenied("The change log is for Managers.")
    form = ChangeFilterForm(request.GET or None)
    entries = ChangeLog.objects.select_related("user").order_by("-created_at", "-pk")
    return form, form.filter(entries)


@require_safe
def change_log(request: HttpRequest) -> HttpResponse:
    form, entries = _entries(request)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.kind_label = KIND_LABELS.get(entry.object_type, entry.object_type)
    return render(
        request,
        "changes.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
        },
    )


@require_safe
def change_log_csv(request: HttpRequest) -> HttpResponse:
    """The filtered rows, all of them, newest first (read from the database in chunks).

    Filters with an error are a 400, not every row: the page can show the error beside the
    list, a downloaded file cannot say that its dates were ignored."""
    form, entries = _entries(request)
    if form.is_bound and not form.is_valid():
        errors = " ".join(error for field in form.errors.values() for error in field)
        message = f"The filters have an error: {errors} Correct them on the change log page."
        return render(request, "400.html", {"message": message}, status=400)
    header = ["When", "Kind", "Id", "Name", "Change", "Who", "Field", "Before", "After"]
    filename = f"onevoice-changes-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    write_csv(response, header, _csv_rows(entries))
    return response


def _csv_rows(entries: QuerySet[ChangeLog]):
    """One line per changed field (one line for an entry without fields)."""
    for entry in entries.iterator(chunk_size=2000):
        common = [
            timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
            KIND_LABELS.get(entry.object_type, entry.object_type),
            entry.object_id,
            entry.object_repr,
            entry.get_action_display(),
            person_name(entry.user),
        ]
        changes = entry.changes or [("", "", "", False)]
        for name, before, after, _had_before in changes:
            yield [*common, name, _text(before), _text(after)]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
