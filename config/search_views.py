"""The global search page, /search/?q=… (DESIGN §5b). The logic is in config/search.py."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from collateral.models import BuyingStage
from config import search
from personas.models import Persona
from personas.roles import can_request_material


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Results grouped by kind with counts, best first; filters; a message for bad input."""
    form = search.SearchForm(request.GET, user=request.user)
    context = {
        "form": form,
        "groups": [],
        "message": "",
        "can_request": can_request_material(request.user),
        "personas": Persona.objects.visible_to(request.user).order_by("name"),
        "stages": BuyingStage.objects.order_by("order"),
    }
    valid = form.is_valid()
    data, context["dropped"] = form.usable_data()
    # The filters stay chosen under a message about the words (a query too long, say).
    context.update(kind=data["kind"], persona=data["persona"], stage=data["stage"])
    if not valid and "q" in form.errors:
        context["message"] = " ".join(form.errors["q"])
        return render(request, "search.html", context)
    context["q"] = data["q"]
    if not data["q"].strip():
        return render(request, "search.html", context)
    try:
        query = search.parse(data["q"])
    except search.UnsearchableQuery as error:
        context["message"] = str(error)
        return render(request, "search.html", context)
    page = data["page"] or 1
    groups = search.run(
        request.user,
        query,
        kind=data["kind"],
        persona=data["persona"],
        stage=data["stage"],
        page=page,
    )
    total = sum(group.count for group in groups)
    context.update(groups=groups, total=total, searched=True)
    if data["kind"]:
        chosen = next(group for group in groups if group.key == data["kind"])
        context.update(
            chosen=chosen,
            previous_page=chosen.page - 1 if chosen.page > 1 else None,
            next_page=chosen.page + 1 if chosen.page < chosen.pages else None,
        )
    return render(request, "search.html", context)
