"""Asset pages: the detail page, upload, edit, new versions and the status actions."""

from collections import Counter
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from collateral import notices, services, wording
from collateral.access import (
    get_visible_asset,
    require_retirer,
)
from collateral.choosing import RetireForm
from collateral.forms import AssetDetailsForm, FeedbackForm, UploadForm, VersionForm
from collateral.models import Asset, AssetVersion, Feedback
from messaging.access import can_read_history
from messaging.models import Pillar, Positioning
from messaging.models import Status as MessagingStatus
from personas import roles
from personas.history import history_page
from personas.roles import can_give_feedback, require_editor

# Comments shown on the asset page, newest first; the ratings panel counts every one.
FEEDBACK_SHOWN = 20


def _detail_queryset():
    return Asset.objects.select_related(
        "current_version",
        "current_version__uploaded_by",
        "current_version__wording_check",
        "owner",
        "positioning",
        "replaced_by",
    ).prefetch_related(
        "personas",
        "stages",
        "pillars",
        Prefetch("versions", queryset=AssetVersion.objects.select_related("uploaded_by")),
    )


def rating_summary(asset: Asset) -> dict:
    """Average, count and the 5→1 distribution (with bar widths in percent), counted in SQL
    (one small GROUP BY), so the page does not load every rating of a popular asset."""
    counts = Counter(dict(asset.feedback.order_by().values_list("rating").annotate(n=Count("pk"))))
    total = sum(counts.values())
    return {
        "count": total,
        "average": sum(stars * n for stars, n in counts.items()) / total if total else None,
        "distribution": [
            {
                "stars": stars,
                "count": counts[stars],
                "percent": round(100 * counts[stars] / total) if total else 0,
            }
            for stars in range(5, 0, -1)
        ],
    }


def positioning_facts(user, asset: Asset) -> dict | None:
    """What the asset page says about the positioning it was written against.

    Never a link the reader cannot follow: an outdated version is readable by Marketing (and by
    whoever may sign it while it is in review), so everyone else gets the fact as text and a
    link to the current positioning instead. Costs no query when the version is current.
    """
    written_against = asset.positioning
    if written_against is None:
        return None
    if written_against.status == MessagingStatus.APPROVED:
        return {"version": written_against, "readable": True, "current": None}
    readable = Positioning.objects.visible_to(user).filter(pk=written_against.pk).exists()
    current = Positioning.objects.approved().first()
    # Marketing (who reads every version) gets the word diff to the current one, one click.
    compare_url = (
        reverse(
            "messaging:compare",
            args=["positioning", current.key, written_against.version, current.version],
        )
        if current is not None and can_read_history(user)
        else None
    )
    return {
        "version": written_against,
        "readable": readable,
        "current": current,
        "compare_url": compare_url,
    }


def _render_detail(
    request: HttpRequest,
    asset: Asset,
    *,
    feedback_form: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # The latest comments only: a popular asset may have a rating from every rep.
    feedback = list(asset.feedback.select_related("user").order_by("-updated_at")[:FEEDBACK_SHOWN])
    may_rate = can_give_feedback(request.user)
    mine = _my_feedback(asset, request.user) if may_rate else None
    if feedback_form is None and may_rate:
        feedback_form = FeedbackForm(instance=mine)
    can_edit = roles.can_edit(request.user)
    wording_hits = wording.hits_by_phrase(asset.current_version)
    asset.has_retired_wording = bool(wording_hits)
    return render(
        request,
        "collateral/asset_detail.html",
        {
            "asset": asset,
            "version": asset.current_version,
            "versions": asset.versions.all(),
            "feedback": feedback,
            "my_feedback": mine,
            "ratings": rating_summary(asset),
            "feedback_form": feedback_form if may_rate else None,
            "version_form": VersionForm(asset=asset, user=request.user) if can_edit else None,
            "related": Asset.objects.related_to(asset),
            "positioning": positioning_facts(request.user, asset),
            "outdated": notices.outdated_for(request.user).filter(pk=asset.pk).first(),
            "can_edit": can_edit,
            "can_retire": roles.can_retire(request.user) and not asset.is_retired,
            "wording_hits": wording_hits,
            "live_pillar_keys": _live_pillar_keys(asset),
            "use_downloads": _use_downloads(request.user, asset),
        },
        status=status,
    )


def _live_pillar_keys(asset: Asset) -> set:
    """Keys of the asset's pillars that have an approved version. Approving a version moves
    the asset to it (services.follow_pillar), so a pillar without one was retired for good:
    named on the page, not linked."""
    keys = {pillar.key for pillar in asset.pillars.all()}
    if not keys:
        return set()
    approved = Pillar.objects.filter(key__in=keys, status=MessagingStatus.APPROVED)
    return set(approved.values_list("key", flat=True))


def _use_downloads(user, asset: Asset) -> int | None:
    """For Marketing and Managers: how many of the downloads count as use (DESIGN §5a, read
    from the partial index of use rows), so the page's total and the reports' agree."""
    if not (roles.can_edit(user) or roles.can_audit(user)):
        return None
    return asset.downloads.filter(is_use=True).count()


def _my_feedback(asset: Asset, user) -> Feedback | None:
    return asset.feedback.filter(user=user).first()


@require_safe
def asset_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    asset = get_visible_asset(request.user, uuid, _detail_queryset())
    return _render_detail(request, asset)


@require_http_methods(["GET", "HEAD", "POST"])
def asset_feedback(request: HttpRequest, uuid: UUID) -> HttpResponse:
    asset = get_visible_asset(request.user, uuid, _detail_queryset())
    if request.method != "POST":
        # A rating sent back with errors leaves this address in the browser; reloading it
        # later is a GET, which shows the form where it lives instead of a blank 405.
        return redirect(f"{asset.get_absolute_url()}#feedback")
    if not can_give_feedback(request.user):
        raise PermissionDenied
    form = FeedbackForm(request.POST, instance=_my_feedback(asset, request.user))
    if not form.is_valid():
        return _render_detail(request, asset, feedback_form=form)
    created = services.save_feedback(
        asset,
        request.user,
        rating=form.cleaned_data["rating"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(
        request, "Thanks, your rating is saved." if created else "Your rating is updated."
    )
    return redirect(f"{asset.get_absolute_url()}#feedback")


def _tell_about_wording(request: HttpRequest, version, hits) -> None:
    """Marketing learns at once what the drift check found in the file just uploaded, and
    when neither search nor the drift check can read it."""
    if hits:
        messages.warning(
            request,
            f"Version {version.number} uses retired wording: {wording.describe(hits)}. "
            "Reps are told to check it before sending.",
        )
    elif version.no_text_found or version.wording_check.no_text_found:
        messages.warning(
            request,
            f"No text found in “{version.original_filename}” ({version.unread_reason}). The "
            "file is stored, and search finds it by its title, description and tags only; it "
            "could not be checked for retired wording. Read it yourself before it goes out.",
        )


def asset_upload(request: HttpRequest) -> HttpResponse:
    """Marketing: metadata and the first file in one form (with a progress bar, see JS)."""
    require_editor(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            asset = services.create_asset(
                form, data["file"], note=data["note"], publish=data["publish"], user=request.user
            )
            form.discard_kept()
            hits = wording.hits_by_phrase(asset.current_version)
            if data["publish"] and hits:
                messages.warning(
                    request,
                    f"“{asset.title}” is uploaded but not published: it still uses retired "
                    f"wording: {wording.describe(hits)}. Upload a corrected version, or publish "
                    "anyway.",
                )
                return redirect(f"{asset.get_absolute_url()}#wording-check")
            state = "published" if asset.is_published else "saved as a draft"
            messages.success(request, f"“{asset.title}” is uploaded and {state}.")
            _tell_about_wording(request, asset.current_version, hits)
            return redirect(asset)
        form.keep_upload()
    return render(request, "collateral/asset_upload.html", {"form": form})


def asset_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid)
    form = AssetDetailsForm(request.POST or None, instance=asset, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_details(form, request.user)
        messages.success(request, "The details are saved. The file and its URL are unchanged.")
        return redirect(asset)
    return render(request, "collateral/asset_edit.html", {"form": form, "asset": asset})


def version_new(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Marketing: a new file for the asset; its URL and history stay."""
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid, Asset.objects.select_related("current_version"))
    form = VersionForm(request.POST or None, request.FILES or None, asset=asset, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            version = services.add_version(
                asset,
                form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                user=request.user,
                positioning=form.cleaned_data["positioning"],
            )
            form.discard_kept()
            messages.success(
                request, f"Version {version.number} is now current. Earlier versions are kept."
            )
            _tell_about_wording(request, version, wording.hits_by_phrase(version))
            return redirect(asset)
        form.keep_upload()
    return render(request, "collateral/version_form.html", {"form": form, "asset": asset})


@require_POST
def asset_publish(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _change_status(
        request, uuid, Asset.Status.PUBLISHED, "“{title}” is published: sales can find it now."
    )


@require_POST
def asset_unpublish(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _change_status(
        request, uuid, Asset.Status.DRAFT, "“{title}” is back to draft: sales no longer sees it."
    )


# What each button moves an asset from.
FROM_STATUSES = {
    Asset.Status.PUBLISHED: {Asset.Status.DRAFT, Asset.Status.RETIRED},
    Asset.Status.DRAFT: {Asset.Status.PUBLISHED},
}


def _change_status(request: HttpRequest, uuid: UUID, status: str, done: str) -> HttpResponse:
    """Publish or unpublish, if the asset still has the status the page showed (`from`):
    "Publish" on a page drawn before a colleague retired the asset meant "publish this
    draft", not "undo their retirement" (as for personas)."""
    require_editor(request.user)
    with transaction.atomic():
        asset = get_visible_asset(request.user, uuid, Asset.objects.select_for_update())
        seen = request.POST.get("from")
        if seen in Asset.Status.values and seen != asset.status:
            messages.error(
                request,
                f"Someone else changed “{asset.title}” to {asset.get_status_display().lower()} "
                "after you opened the page. Nothing changed; choose again.",
            )
        elif asset.status not in FROM_STATUSES[status]:
            # A double click, or a form without `from`: Unpublish never turns a retired
            # asset into a draft (Publish again does that, deliberately).
            messages.info(request, f"“{asset.title}” is {asset.get_status_display().lower()}.")
        else:
            services.set_status(asset, status, request.user)
            messages.success(request, done.format(title=asset.title))
    return redirect(asset)


def asset_retire(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Marketing and Managers: a confirmation page, then retire (POST). Nothing is deleted."""
    require_retirer(request.user)
    asset = get_visible_asset(request.user, uuid)
    if asset.is_retired:
        messages.info(request, "This asset is already retired.")
        return redirect(asset)
    form = RetireForm(request.POST if request.method == "POST" else None, asset=asset)
    if request.method == "POST" and form.is_valid():
        replacement = form.cleaned_data["replaced_by"]
        services.set_status(asset, Asset.Status.RETIRED, request.user, replaced_by=replacement)
        messages.success(
            request,
            f"“{asset.title}” is retired. Sales no longer sees it; its history and downloads "
            "are kept."
            + (
                f" People who downloaded it are pointed to “{replacement.title}”."
                if replacement
                else ""
            ),
        )
        if roles.can_edit(request.user):
            return redirect(asset)
        return redirect("collateral:library")
    return render(request, "collateral/asset_retire.html", {"asset": asset, "form": form})


@require_safe
def asset_history(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Every recorded change of the asset (Marketing and Managers)."""
    asset = get_visible_asset(request.user, uuid)
    return history_page(
        request,
        asset,
        object_type="asset",
        object_id=asset.pk,
        section=("Collateral", reverse("collateral:library")),
    )
