"""A person's news about the library: outdated copies ("got it" dismisses one) and what is
new or updated for their personas since their last visit."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from collateral import notices
from collateral.models import Asset, AssetVersion
from personas.people import profile_for
from personas.redirects import local_next

PER_PAGE = 20


@require_safe
def outdated_list(request: HttpRequest) -> HttpResponse:
    """All the signed-in person's outdated and withdrawn copies, newest news first."""
    page = Paginator(notices.outdated_for(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "collateral/outdated.html",
        {"page": page, "page_range": page.paginator.get_elided_page_range(page.number)},
    )


@require_POST
def outdated_dismiss(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """ "Got it" on one notice: for the version named in the form (the one the person saw).

    A notice the person does not have (someone else's, an unknown asset or version) is 404;
    dismissing the same notice twice is harmless.
    """
    number = request.POST.get("version", "")
    if not (number.isascii() and number.isdigit()) or len(number) > 9:
        raise Http404("No such notice.")
    version = (
        AssetVersion.objects.select_related("asset")
        .filter(asset__uuid=uuid, number=int(number))
        .first()
    )
    if version is None:
        raise Http404("No such notice.")
    notice = (
        notices.outdated_for(request.user)
        .filter(pk=version.asset_id, current_version=version)
        .exists()
    )
    if notice:
        notices.dismiss(request.user, version)
    elif not notices.OutdatedDismissal.objects.filter(user=request.user, version=version).exists():
        raise Http404("No such notice.")
    title = version.asset.title
    if version.asset.is_retired:
        noted = f"Noted: no more reminders that “{title}” is withdrawn."
    else:
        noted = (
            f"Noted: no more reminders about version {version.number} of “{title}”. If a newer "
            "version comes out, you will hear about it."
        )
    messages.success(request, noted)
    return redirect(local_next(request, reverse("home")))


@require_safe
def whats_new(request: HttpRequest) -> HttpResponse:
    """Published material new or updated since the person's last visit, for their personas."""
    profile = profile_for(request.user)
    persona_ids = [persona.pk for persona in profile.personas.all()] if profile.pk else []
    assets = Asset.objects.new_or_updated_since(profile.new_since(), persona_ids)
    page = Paginator(assets, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "collateral/whats_new.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "since": profile.new_since(),
            "mine": bool(persona_ids),
        },
    )
