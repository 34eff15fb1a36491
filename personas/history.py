"""The "History" page every object links to: its change log entries, newest first.

Each app's view finds the object (a 404 when the user may not see it) and hands its entries
here; who may read history at all is `changelog.can_read` (Marketing and Managers).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from personas import changelog
from personas.changelog import ChangeLog

PER_PAGE = 50


def require_reader(user) -> None:
    if not changelog.can_read(user):
        raise PermissionDenied("Change history is for Marketing and Managers.")


def history_page(
    request: HttpRequest,
    obj,
    *,
    object_type: str,
    object_id,
    section: tuple[str, str],
    object_url: str = "",
) -> HttpResponse:
    """One object's History: `section` is the (label, URL) of the list it belongs to, and
    `object_url` the object's page when it is not its get_absolute_url()."""
    require_reader(request.user)
    entries = ChangeLog.objects.for_object(object_type, object_id)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "personas/change_history.html",
        {
            "object": obj,
            "object_url": object_url or obj.get_absolute_url(),
            "title": getattr(obj, "title", None) or str(obj),
            "section": section,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
        },
    )
