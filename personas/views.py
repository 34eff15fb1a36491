"""Persona pages: list, profile, preview, print, editor and the status actions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from personas import roles, services
from personas.access import get_visible_persona
from personas.forms import PersonaFilterForm, PersonaForm
from personas.history import history_page
from personas.models import NAME_CONSTRAINT, Persona
from personas.roles import require_editor

PER_PAGE = 12
# Other apps hang their persona content off these reverse relations. Each related model's
# manager offers `for_persona_page(user)`; personas never imports those apps (DESIGN §2).
PROFILE_RELATIONS = ("messages", "objection_responses")
# The collateral shelf: this many assets per buying stage, the rest one link away.
ASSETS_PER_STAGE = 5


@require_safe
def persona_list(request: HttpRequest) -> HttpResponse:
    visible = Persona.objects.visible_to(request.user)
    can_edit = roles.can_edit(request.user)
    filters = PersonaFilterForm(request.GET, segments=visible.segments(), show_status=can_edit)
    personas = filters.filter(visible).order_by("name")
    page = Paginator(personas, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "personas/persona_list.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "filters": filters,
            "is_filtered": any(request.GET.get(name) for name in filters.fields),
        },
    )


def _profile_queryset(request: HttpRequest) -> QuerySet[Persona]:
    prefetches = []
    for name in PROFILE_RELATIONS:
        model = Persona._meta.get_field(name).related_model
        prefetches.append(Prefetch(name, queryset=model.objects.for_persona_page(request.user)))
    return Persona.objects.select_related("owner").prefetch_related(*prefetches)


def _collateral(persona: Persona) -> list:
    """The best few assets per buying stage (one query, bounded whatever the library holds),
    from the manager of the `assets` reverse relation, as for the prefetches above."""
    assets = Persona._meta.get_field("assets").related_model
    return assets.objects.best_by_stage(persona, per_stage=ASSETS_PER_STAGE)


@require_safe
def persona_detail(request: HttpRequest, slug: str) -> HttpResponse:
    persona = get_visible_persona(request.user, slug, _profile_queryset(request))
    return render(
        request,
        "personas/persona_detail.html",
        {"persona": persona, "collateral": _collateral(persona)},
    )


@require_safe
def persona_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The profile exactly as sales will see it, with a banner and a Publish button."""
    require_editor(request.user)
    persona = get_visible_persona(request.user, slug, _profile_queryset(request))
    context = {"persona": persona, "collateral": _collateral(persona), "preview": True}
    return render(request, "personas/persona_detail.html", context)


@require_safe
def persona_print(request: HttpRequest, slug: str) -> HttpResponse:
    """A one- or two-page A4 handout of the profile (see the print rules in personas.css)."""
    persona = get_visible_persona(request.user, slug, Persona.objects.select_related("owner"))
    return render(request, "personas/persona_print.html", {"persona": persona})


def persona_create(request: HttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = PersonaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        persona = _save(request, form)
        if persona:
            messages.success(
                request,
                f"“{persona.name}” is saved as a draft. Check the preview, then publish it.",
            )
            return redirect("personas:preview", persona.slug)
    return render(
        request,
        "personas/persona_form.html",
        {"form": form, "segments": Persona.objects.segments()},
    )


def persona_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_editor(request.user)
    if request.method != "POST":
        persona = get_visible_persona(request.user, slug)
        return _edit_page(request, persona, PersonaForm(instance=persona))
    # The row stays locked from the stale-save check to the save: two editors saving at
    # once otherwise both pass the check, and the second silently overwrites the first.
    with transaction.atomic():
        persona = get_visible_persona(request.user, slug, Persona.objects.select_for_update())
        form = PersonaForm(request.POST, request.FILES, instance=persona)
        saved = _save(request, form) if form.is_valid() else None
    if saved:
        if saved.is_published:
            messages.success(request, f"Saved “{saved.name}”. Sales sees the changes now.")
            return redirect(saved)
        still = "archived" if saved.status == Persona.Status.ARCHIVED else "a draft"
        messages.success(request, f"Saved “{saved.name}”. It is still {still}.")
        return redirect("personas:preview", saved.slug)
    return _edit_page(request, persona, form)


def _edit_page(request: HttpRequest, persona: Persona, form: PersonaForm) -> HttpResponse:
    # The unchanged slug, so the page title and links still work while the form has errors.
    original = Persona.objects.get(pk=persona.pk) if form.errors else persona
    return render(
        request,
        "personas/persona_form.html",
        {"form": form, "persona": original, "segments": Persona.objects.segments()},
    )


def _save(request: HttpRequest, form: PersonaForm) -> Persona | None:
    try:
        return services.save_persona(form, request.user)
    except IntegrityError as error:
        # Two editors claimed the same name or address at the same moment; the form's checks
        # ran before either saved.
        if NAME_CONSTRAINT in str(error):
            form.add_error("name", "Another persona got this name a moment ago. Please change it.")
        else:
            form.add_error(
                "slug", "Another persona already uses this address. Please choose another."
            )
        return None


def _change_status(request: HttpRequest, slug: str, status: str, done: str) -> HttpResponse:
    require_editor(request.user)
    with transaction.atomic():
        persona = get_visible_persona(request.user, slug, Persona.objects.select_for_update())
        seen = request.POST.get("from")  # the status the page showed
        if seen in Persona.Status.values and seen != persona.status:
            # Someone moved it since the page was drawn: "Publish" meant "publish this
            # draft", not "undo their archiving".
            messages.error(
                request,
                f"“{persona.name}” was made {persona.get_status_display().lower()} by someone "
                "else after you opened the page. Nothing changed; choose again.",
            )
            return redirect(persona)
        archived = Persona.Status.ARCHIVED
        leaving_archive = persona.status == archived and status != archived
        namesake = persona.namesake() if leaving_archive else None
        if namesake is not None:
            messages.error(
                request,
                f"“{namesake.name}” is now the name of another persona. Rename one of them "
                "first: two personas with one name cannot be told apart in lists.",
            )
            return redirect(persona)
        try:
            with transaction.atomic():
                changed = services.change_status(persona, status, request.user)
        except IntegrityError:
            # A namesake was saved after the check above.
            messages.error(request, f"Another persona got the name “{persona.name}” a moment ago.")
            return redirect(persona)
        if changed:
            messages.success(request, done.format(name=persona.name))
        else:
            messages.info(request, f"“{persona.name}” was already {persona.get_status_display()}.")
    return redirect(persona)


@require_POST
def persona_publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_status(
        request, slug, Persona.Status.PUBLISHED, "Published “{name}”: sales can see it now."
    )


@require_POST
def persona_archive(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_status(
        request, slug, Persona.Status.ARCHIVED, "Archived “{name}”: sales no longer sees it."
    )


@require_POST
def persona_redraft(request: HttpRequest, slug: str) -> HttpResponse:
    return _change_status(
        request, slug, Persona.Status.DRAFT, "“{name}” is a draft again: sales no longer sees it."
    )


@require_POST
def persona_mark_reviewed(request: HttpRequest, slug: str) -> HttpResponse:
    require_editor(request.user)
    with transaction.atomic():
        persona = get_visible_persona(request.user, slug, Persona.objects.select_for_update())
        services.mark_reviewed(persona, request.user)
    messages.success(request, f"Marked “{persona.name}” as reviewed today.")
    return redirect(persona)


@require_safe
def persona_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every recorded change of the persona (Marketing and Managers)."""
    persona = get_visible_persona(request.user, slug)
    return history_page(
        request,
        persona,
        object_type="persona",
        object_id=persona.pk,
        section=("Personas", reverse("personas:list")),
    )
