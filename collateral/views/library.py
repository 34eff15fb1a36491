"""The library: find material by persona, stage, type, pillar, owner or text."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from collateral import notices
from collateral.filters import LibraryFilterForm
from collateral.models import Asset
from personas.roles import can_request_material

PER_PAGE = 24
VIEWS = ("cards", "table")
SESSION_VIEW_KEY = "collateral_library_view"


@require_safe
def library(request: HttpRequest) -> HttpResponse:
    filters = LibraryFilterForm(request.GET, user=request.user)
    assets = filters.filter(Asset.objects.visible_to(request.user)).with_card_data()
    page = Paginator(assets, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "collateral/library.html",
        {
            "filters": filters,
            "chips": filters.chips(),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "view": _remembered_view(request),
            "personas": filters.fields["persona"].queryset,
            "stages": filters.fields["stage"].queryset,
            "can_request": can_request_material(request.user),
            "outdated_ids": notices.outdated_ids(request.user, page),
        },
    )


def _remembered_view(request: HttpRequest) -> str:
    """Cards or table: `?view=` switches and is remembered in the session."""
    chosen = request.GET.get("view")
    if chosen in VIEWS:
        if request.session.get(SESSION_VIEW_KEY) != chosen:
            request.session[SESSION_VIEW_KEY] = chosen
        return chosen
    remembered = request.session.get(SESSION_VIEW_KEY)
    return remembered if remembered in VIEWS else "cards"
