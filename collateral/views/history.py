"""Download histories (DESIGN §5a): your own, and, for Managers, a named person's, reached
from the team breakdown of the usage report. Nobody else sees who downloaded what."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from collateral.access import may_see_downloads_of
from collateral.audit.filters import ReportFilterForm, read_filters
from collateral.audit.usage import TEAMS, Usage
from collateral.models import Download
from personas import roles

PER_PAGE = 50
TEAM_GROUPS = {group: label for _, group, label in TEAMS}


@require_safe
def my_downloads(request: HttpRequest) -> HttpResponse:
    return _history(request, request.user)


@require_safe
def person_downloads(request: HttpRequest, pk: int) -> HttpResponse:
    # Asked before the lookup, so nobody without the right learns who exists.
    if not may_see_downloads_of(request.user, pk):
        raise PermissionDenied
    return _history(request, get_object_or_404(User, pk=pk))


def _history(request: HttpRequest, person: User) -> HttpResponse:
    page = Paginator(Download.objects.history_of(person), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "collateral/download_history.html",
        {
            "person": person,
            "is_self": person.pk == request.user.pk,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            # Links only to assets the viewer may open (drafts and retired ones are text).
            "can_open_any": roles.can_edit(request.user),
        },
    )


@require_safe
def team_people(request: HttpRequest) -> HttpResponse:
    """Managers: the people behind one team's line of the usage report, with their use
    downloads under the same filters, each linking to their history."""
    if not roles.can_audit(request.user):
        raise PermissionDenied
    group = request.GET.get("team", "")
    if group not in TEAM_GROUPS:
        group = next(iter(TEAM_GROUPS))
    filters, _form, _ = read_filters(request, ReportFilterForm)
    page = Paginator(Usage(filters).people_in(group), PER_PAGE).get_page(request.GET.get("page"))
    users = User.objects.in_bulk([user_id for user_id, _ in page.object_list])
    rows = [(users[user_id], downloads) for user_id, downloads in page.object_list]
    return render(
        request,
        "collateral/team_people.html",
        {
            "team": TEAM_GROUPS[group],
            "filters": filters,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rows": rows,
        },
    )
