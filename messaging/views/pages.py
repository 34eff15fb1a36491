"""The pages sales reads: the messaging house, glossary, objections, and the review queue."""

from itertools import groupby
from string import ascii_uppercase

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from messaging import feed
from messaging.models import (
    KINDS,
    Boilerplate,
    GlossaryTerm,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    RetiredWording,
    Status,
)
from personas import roles
from personas.models import Persona
from personas.people import profile_for

OBJECTIONS_PER_PAGE = 20
APPROVED_PER_PAGE = 20
WORDING_PER_PAGE = 50
# The messaging house shows the first few; the wording page lists them all.
HOME_WORDING = 5


@require_safe
def messaging_home(request: HttpRequest) -> HttpResponse:
    """The messaging house: value proposition on top, pillars beneath, then the boilerplates.

    Everyone sees approved content here; drafts live on the review page.
    """
    user = request.user
    positioning = Positioning.objects.approved().for_display().first()
    pillars = Pillar.objects.approved().prefetch_related("proof_points")
    boilerplates = Boilerplate.objects.approved().order_by("length")
    messages = (
        PersonaMessage.objects.visible_to(user)
        .approved()
        .select_related("persona")
        .prefetch_related(Prefetch("pillars", queryset=Pillar.objects.approved()))
        .order_by("persona__name")
    )
    context = {
        "positioning": positioning,
        "pillars": pillars,
        "boilerplates": boilerplates,
        "persona_messages": messages,
        "term_count": GlossaryTerm.objects.approved().count(),
        "objection_count": Objection.objects.visible_to(user).approved().count(),
        "waiting_count": waiting_count(user),
        "wording": _home_wording(),
    }
    return render(request, "messaging/home.html", context)


def _home_wording() -> list[RetiredWording]:
    """The first retired phrases A–Z, each carrying the total (`total`), in one query."""
    return list(
        RetiredWording.objects.approved()
        .annotate(total=Window(Count("pk")))
        .order_by("phrase")[:HOME_WORDING]
    )


def waiting_count(user) -> int:
    """How many versions wait for `user`'s signature or approval (one query per kind)."""
    if not (roles.can_sign_for_marketing(user) or roles.can_sign_for_sales(user)):
        return 0
    return sum(model.objects.waiting_for(user).count() for model in KINDS.values())


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """Approved terms A–Z, grouped by first letter, each with an anchor."""
    terms = GlossaryTerm.objects.approved().order_by("term")
    groups = [(letter, list(items)) for letter, items in groupby(terms, key=lambda t: t.letter)]
    present = {letter for letter, _ in groups}
    letters = [(letter, letter in present) for letter in ascii_uppercase]
    if "#" in present:
        letters.append(("#", True))
    return render(request, "messaging/glossary.html", {"groups": groups, "letters": letters})


@require_safe
def objections(request: HttpRequest) -> HttpResponse:
    """Approved objection handling, filtered by persona (`?persona=<slug>` or `?persona=any`)."""
    user = request.user
    personas = list(Persona.objects.visible_to(user).order_by("name"))
    chosen = request.GET.get("persona", "")
    items = (
        Objection.objects.visible_to(user)
        .approved()
        .select_related("persona")
        .order_by("objection")
    )
    selected = None
    if chosen == "any":
        items = items.filter(persona__isnull=True)
    elif chosen:
        selected = next((p for p in personas if p.slug == chosen), None)
        # An unknown or hidden persona filters to nothing rather than failing.
        items = items.filter(persona=selected) if selected else items.none()
    page = Paginator(items, OBJECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "personas": personas,
        "chosen": chosen,
        "selected_persona": selected,
    }
    return render(request, "messaging/objections.html", context)


@require_safe
def wording(request: HttpRequest) -> HttpResponse:
    """Approved retired wording A–Z: "Don't say → say instead", and why."""
    items = RetiredWording.objects.approved().order_by("phrase")
    page = Paginator(items, WORDING_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "messaging/wording.html", {"page": page})


@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    """What waits for *my* signature; for Marketing also what waits for others and drafts."""
    user = request.user
    waiting = []
    for model in KINDS.values():
        waiting += model.objects.waiting_for(user).for_display().prefetch_related(None)
    in_progress = []
    if roles.can_edit(user):
        waiting_ids = {(type(item), item.pk) for item in waiting}
        for model in KINDS.values():
            for item in model.objects.open().for_display().prefetch_related(None):
                if (model, item.pk) not in waiting_ids:
                    in_progress.append(item)
    waiting.sort(key=lambda item: item.updated_at, reverse=True)
    in_progress.sort(key=lambda item: (item.status != Status.REVIEW, -item.updated_at.timestamp()))
    return render(
        request,
        "messaging/review.html",
        {"waiting": waiting, "in_progress": in_progress},
    )


@require_safe
def newly_approved(request: HttpRequest) -> HttpResponse:
    """All the messaging approved since the person's last visit (the home page shows five),
    about their personas when they chose some, as the home list counts it."""
    profile = profile_for(request.user)
    persona_ids = [persona.pk for persona in profile.personas.all()] if profile.pk else []
    since = profile.new_since()
    rows = feed.approved_since(request.user, since, persona_ids)
    page = Paginator(rows, APPROVED_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = feed.items(page.object_list)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "since": since,
        "mine": bool(persona_ids),
    }
    return render(request, "messaging/newly_approved.html", context)
