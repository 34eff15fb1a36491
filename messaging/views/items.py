"""One messaging item: its current page, any version's page, its history and word diffs."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from messaging import access, workflow
from messaging.diff import compare
from messaging.forms import SignForm
from messaging.models import POSITIONING_KEY, Positioning, Status, Versioned
from personas import roles
from personas.changelog import can_read as can_read_changes
from personas.history import history_page

# Larger numbers in a URL cannot be a version (the column is a 32-bit integer), and a
# database refuses to compare with them in an IN list, so they are a 404 before the query.
MAX_VERSION = 2**31 - 1


@require_safe
def positioning_current(request: HttpRequest) -> HttpResponse:
    """The company's positioning: the approved version (Marketing: else the newest)."""
    item = access.get_current(request.user, Positioning.kind, POSITIONING_KEY)
    return redirect(item.get_version_url())


@require_safe
def positioning_detail(request: HttpRequest, version: int) -> HttpResponse:
    return version_detail(request, Positioning.kind, POSITIONING_KEY, version)


@require_safe
def item_detail(request: HttpRequest, kind: str, key: uuid.UUID) -> HttpResponse:
    """An item's own address: shows the version that is current for this user."""
    return _render_version(request, access.get_current(request.user, kind, key))


@require_safe
def version_detail(request: HttpRequest, kind: str, key: uuid.UUID, version: int) -> HttpResponse:
    return _render_version(request, access.get_version(request.user, kind, key, version))


def _render_version(request: HttpRequest, item: Versioned) -> HttpResponse:
    """A version's content, status, signatures and the actions this user may take on it.

    A version that is not approved is shown with its diff against the approved one, so
    whoever signs sees exactly what changes.
    """
    user = request.user
    model = type(item)
    approved = None
    if item.status != Status.APPROVED:
        approved = model.objects.approved().for_display().filter(key=item.key).first()
    newer_open = None
    if roles.can_edit(user) and not item.is_open:
        newer_open = model.objects.open().filter(key=item.key).first()
    sides = workflow.sides_open_to(item, user)
    context = {
        "item": item,
        "approved": approved,
        "diff": compare(approved, item) if approved and item.is_open else None,
        "newer_open": newer_open,
        "sign_sides": sides,
        "sign_labels": [(side, workflow.SIDE_LABELS[side]) for side in sides],
        "sign_form": SignForm(),
        "can_edit": roles.can_edit(user),
        "can_approve": (
            not item.needs_two_signatures
            and item.status == Status.REVIEW
            and roles.can_sign_for_marketing(user)
        ),
        "can_read_history": access.can_read_history(user),
        "can_read_changes": can_read_changes(user),
    }
    return render(request, "messaging/detail.html", context)


@require_safe
def history(request: HttpRequest, kind: str, key: uuid.UUID) -> HttpResponse:
    """Every version of one item, newest first, with links to compare each with the one before.

    One query, whatever the number of versions.
    """
    if not access.can_read_history(request.user):
        raise Http404("No history here.")
    model = access.model_for(kind)
    versions = list(model.objects.history(key).for_display().prefetch_related(None))
    if not versions:
        raise Http404("No such item.")
    rows = [
        (version, versions[index + 1] if index + 1 < len(versions) else None)
        for index, version in enumerate(versions)
    ]
    current = next((v for v in versions if v.status == Status.APPROVED), versions[0])
    return render(
        request,
        "messaging/history.html",
        {"rows": rows, "current": current, "model": model, "key": key, "kind": kind},
    )


@require_safe
def compare_versions(
    request: HttpRequest, kind: str, key: uuid.UUID, old: int, new: int
) -> HttpResponse:
    """A word diff of two versions of one item."""
    if not access.can_read_history(request.user):
        raise Http404("No history here.")
    model = access.model_for(kind)
    if max(old, new) > MAX_VERSION:
        raise Http404("No such version.")
    versions = model.objects.history(key).for_display().filter(version__in=[old, new])
    pair = {version.version: version for version in versions}
    if old not in pair or new not in pair:
        raise Http404("No such version.")
    return render(
        request,
        "messaging/compare.html",
        {"old": pair[old], "new": pair[new], "diff": compare(pair[old], pair[new])},
    )


@require_safe
def changes(request: HttpRequest, kind: str, key: uuid.UUID) -> HttpResponse:
    """The change log of one item, all versions (Marketing and Managers)."""
    item = access.get_for_changes(request.user, kind, key)
    return history_page(
        request,
        item,
        object_type=kind,
        object_id=key,
        section=("Messaging", reverse("messaging:home")),
        # Nothing approved yet: the item's own address would be a 404.
        object_url=item.get_absolute_url() if item.is_approved else item.get_version_url(),
    )
