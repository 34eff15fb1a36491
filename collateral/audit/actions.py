"""Bulk actions from the reports (Managers only): retire after a confirmation page, or set a
review date. POST only; the work happens in services.py inside one transaction each."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collateral.audit.access import manager_required
from collateral.audit.forms import AssetSelectionForm, ReviewDateForm
from collateral.audit.services import retire_assets, set_review_date
from personas.redirects import local_next

NOTHING_CHANGED = (
    "Nothing changed: the selected assets are no longer published. Reload the report."
)


def _next_url(request: HttpRequest) -> str:
    """Where to go back to: the report the selection came from, or the audit's front page."""
    return local_next(request, reverse("collateral:audit"))


def _plural(count: int, word: str = "asset") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _back_with_errors(request: HttpRequest, form: AssetSelectionForm) -> HttpResponse:
    for error in form.errors.get("assets", []):
        messages.error(request, error)
    return redirect(_next_url(request))


@manager_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """The report's buttons: "Retire…" shows the confirmation, "Set review date" applies."""
    action = request.POST.get("action")
    next_url = _next_url(request)
    if action == "retire":
        form = AssetSelectionForm(request.POST)
        if not form.is_valid():
            return _back_with_errors(request, form)
        context = {"form": form, "assets": form.cleaned_data["assets"], "next_url": next_url}
        return render(request, "collateral/audit/confirm_retire.html", context)
    if action == "review_date":
        form = ReviewDateForm(request.POST)
        if "assets" in form.errors:
            return _back_with_errors(request, form)
        if not form.is_valid():
            # Keep the selection and what was typed; show the date error on its own page.
            context = {"form": form, "assets": form.cleaned_data["assets"], "next_url": next_url}
            return render(request, "collateral/audit/review_date.html", context)
        entry = set_review_date(
            request.user, list(form.cleaned_data["assets"]), form.cleaned_data["review_by"]
        )
        if entry is None:
            messages.warning(request, NOTHING_CHANGED)
            return redirect(next_url)
        count = entry.assets.count()
        messages.success(
            request,
            f"Set the review date of {_plural(count)} to "
            f"{form.cleaned_data['review_by']:%-d %B %Y}.",
        )
        return redirect(next_url)
    messages.error(request, "Choose an action for the selected assets.")
    return redirect(next_url)


@manager_required
@require_POST
def retire(request: HttpRequest) -> HttpResponse:
    """The confirmed retirement from confirm_retire.html."""
    form = AssetSelectionForm(request.POST)
    if not form.is_valid():
        return _back_with_errors(request, form)
    entry = retire_assets(request.user, list(form.cleaned_data["assets"]))
    if entry is None:
        messages.warning(request, NOTHING_CHANGED)
        return redirect(_next_url(request))
    count = entry.assets.count()
    messages.success(
        request,
        f"Retired {_plural(count)}. Sales no longer see "
        f"{'it' if count == 1 else 'them'}; the history is kept.",
    )
    return redirect(_next_url(request))
