"""Asset pages: the detail page, upload, edit, new versions and the status actions."""

from collections import Counter
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from collateral import services
from collateral.access import (
    can_give_feedback,
    get_visible_asset,
    require_editor,
    require_retirer,
)
from collateral.forms import AssetForm, FeedbackForm, UploadForm, VersionForm
from collateral.models import Asset, AssetVersion, Feedback
from personas import roles


def _detail_queryset():
    return Asset.objects.select_related(
        "current_version", "current_version__uploaded_by", "owner", "positioning"
    ).prefetch_related(
        "personas",
        "stages",
        "pillars",
        Prefetch("versions", queryset=AssetVersion.objects.select_related("uploaded_by")),
        Prefetch("feedback", queryset=Feedback.objects.select_related("user")),
    )


def rating_summary(feedback: list[Feedback]) -> dict:
    """Average, count and the 5→1 distribution (with bar widths in percent)."""
    counts = Counter(item.rating for item in feedback)
    total = len(feedback)
    return {
        "count": total,
        "average": sum(item.rating for item in feedback) / total if total else None,
        "distribution": [
            {
                "stars": stars,
                "count": counts[stars],
                "percent": round(100 * counts[stars] / total) if total else 0,
            }
            for stars in range(5, 0, -1)
        ],
    }


def _render_detail(
    request: HttpRequest,
    asset: Asset,
    *,
    feedback_form: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    feedback = list(asset.feedback.all())
    mine = next((item for item in feedback if item.user_id == request.user.pk), None)
    may_rate = can_give_feedback(request.user)
    if feedback_form is None and may_rate:
        feedback_form = FeedbackForm(instance=mine)
    can_edit = roles.can_edit(request.user)
    return render(
        request,
        "collateral/asset_detail.html",
        {
            "asset": asset,
            "version": asset.current_version,
            "versions": asset.versions.all(),
            "feedback": feedback,
            "my_feedback": mine,
            "ratings": rating_summary(feedback),
            "feedback_form": feedback_form if may_rate else None,
            "version_form": VersionForm() if can_edit else None,
            "related": Asset.objects.related_to(asset),
            "can_edit": can_edit,
            "can_retire": roles.can_retire(request.user) and not asset.is_retired,
        },
        status=status,
    )


@require_safe
def asset_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    asset = get_visible_asset(request.user, uuid, _detail_queryset())
    return _render_detail(request, asset)


@require_POST
def asset_feedback(request: HttpRequest, uuid: UUID) -> HttpResponse:
    asset = get_visible_asset(request.user, uuid, _detail_queryset())
    if not can_give_feedback(request.user):
        raise PermissionDenied
    mine = [item for item in asset.feedback.all() if item.user_id == request.user.pk]
    form = FeedbackForm(request.POST, instance=mine[0] if mine else None)
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


def _tell_if_no_text(request: HttpRequest, version: AssetVersion) -> None:
    """Marketing learns at once when search cannot read the file they just uploaded."""
    if version.no_text_found:
        messages.warning(
            request,
            f"No text found in “{version.original_filename}”: the file is stored, and search "
            "finds it by its title, description and tags only.",
        )


def asset_upload(request: HttpRequest) -> HttpResponse:
    """Marketing: metadata and the first file in one form (with a progress bar, see JS)."""
    require_editor(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        asset = services.create_asset(
            form, data["file"], note=data["note"], publish=data["publish"], user=request.user
        )
        state = "published" if asset.is_published else "saved as a draft"
        messages.success(request, f"“{asset.title}” is uploaded and {state}.")
        _tell_if_no_text(request, asset.current_version)
        return redirect(asset)
    return render(request, "collateral/asset_upload.html", {"form": form})


def asset_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid)
    form = AssetForm(request.POST or None, instance=asset, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_details(form)
        messages.success(request, "The details are saved. The file and its URL are unchanged.")
        return redirect(asset)
    return render(request, "collateral/asset_edit.html", {"form": form, "asset": asset})


def version_new(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Marketing: a new file for the asset; its URL and history stay."""
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid, Asset.objects.select_related("current_version"))
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = services.add_version(
            asset, form.cleaned_data["file"], note=form.cleaned_data["note"], user=request.user
        )
        messages.success(
            request, f"Version {version.number} is now current. Earlier versions are kept."
        )
        _tell_if_no_text(request, version)
        return redirect(asset)
    return render(request, "collateral/version_form.html", {"form": form, "asset": asset})


@require_POST
def asset_publish(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid)
    if not asset.is_published:
        services.set_status(asset, Asset.Status.PUBLISHED, request.user)
        messages.success(request, f"“{asset.title}” is published: sales can find it now.")
    return redirect(asset)


@require_POST
def asset_unpublish(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require_editor(request.user)
    asset = get_visible_asset(request.user, uuid)
    if asset.is_published:
        services.set_status(asset, Asset.Status.DRAFT, request.user)
        messages.success(request, f"“{asset.title}” is back to draft: sales no longer sees it.")
    return redirect(asset)


def asset_retire(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Marketing and Managers: a confirmation page, then retire (POST). Nothing is deleted."""
    require_retirer(request.user)
    asset = get_visible_asset(request.user, uuid)
    if asset.is_retired:
        messages.info(request, "This asset is already retired.")
        return redirect(asset)
    if request.method == "POST":
        services.set_status(asset, Asset.Status.RETIRED, request.user)
        messages.success(
            request,
            f"“{asset.title}” is retired. Sales no longer sees it; its history and downloads "
            "are kept.",
        )
        if roles.can_edit(request.user):
            return redirect(asset)
        return redirect("collateral:library")
    return render(request, "collateral/asset_retire.html", {"asset": asset})
