"""Marketing's forms and everyone's workflow buttons. Rules live in `messaging.workflow`."""

import re
import uuid
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from messaging import access, workflow
from messaging.forms import FORMS, ProofPointFormSet, SignForm
from messaging.models import (
    POSITIONING_KEY,
    Boilerplate,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    Versioned,
)
from personas import roles
from personas.models import Persona


def create(request: HttpRequest, kind: str) -> HttpResponse:
    """A new item, saved as draft version 1."""
    roles.require_editor(request.user)
    model = access.model_for(kind)
    if model is Positioning and Positioning.objects.exists():
        # The company has one positioning; a change is a new version of it.
        return redirect("messaging:edit", kind, POSITIONING_KEY)
    initial = {}
    if model is Boilerplate and (length := _length(request.GET.get("length"))) is not None:
        initial["length"] = length
    if model in (PersonaMessage, Objection) and request.GET.get("persona"):
        # "Write a message for this persona" links from the persona page.
        persona = Persona.objects.filter(slug=request.GET["persona"]).first()
        initial["persona"] = persona
    return _form_page(request, model(), initial=initial)


def edit(request: HttpRequest, kind: str, key: uuid.UUID) -> HttpResponse:
    """Edit an item: its open draft in place, or a new draft version of the approved one."""
    if request.method != "POST":
        return _form_page(request, access.get_working_version(request.user, kind, key))
    # Every version of the item stays locked from the stale-save check to the save: two
    # editors saving at once otherwise both pass the check (or both start a new draft).
    with transaction.atomic():
        list(access.model_for(kind).objects.filter(key=key).select_for_update().values("pk"))
        return _form_page(request, access.get_working_version(request.user, kind, key))


def _form_page(request: HttpRequest, item: Versioned, initial: dict | None = None) -> HttpResponse:
    form_class = FORMS[item.kind]
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=item, initial=initial)
    proof_points = None
    if isinstance(item, Pillar):
        if data is not None and form.has_error(NON_FIELD_ERRORS, "changed"):
            # Shown again after someone else's save: rows they removed meanwhile come back
            # as new rows, so the typed text is kept and the next save can succeed.
            data = _without_removed_rows(data, item)
        proof_points = ProofPointFormSet(data, instance=item, prefix="proof")
    if data is not None and form.is_valid() and (proof_points is None or proof_points.is_valid()):
        was_new = item.pk is None
        twin = workflow.resubmitted(form, request.user, proof_points) if was_new else None
        if twin is not None:
            messages.info(request, f"{twin.title} was saved already; here it is.")
            return redirect(twin.get_version_url())
        try:
            saved = workflow.save_edit(form, request.user, proof_points)
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            if was_new:
                messages.success(
                    request, f"Saved {saved.title} as a draft. Submit it for review when ready."
                )
            else:
                messages.success(request, f"Saved draft version {saved.version} of {saved.title}.")
            return redirect(saved.get_version_url())
    context = {
        "item": item,
        "form": form,
        "proof_points": proof_points,
        "is_new": item.pk is None,
    }
    if isinstance(item, Boilerplate):
        context.update(_word_count(form))
    return render(request, "messaging/form.html", context)


def _without_removed_rows(data, pillar: Pillar):
    """The posted proof points, rows no longer stored turned into new rows after the stored
    ones (a formset expects its stored rows first), in the order they were posted.

    Stored rows the form did not post (the other editor's new draft copied every row; they
    may have added one) come back ticked "Remove": saving again keeps the rows typed here,
    as it keeps the rest of the text, instead of adding them to the other editor's rows.
    """
    prefix = "proof"
    points = {str(point.pk): point for point in pillar.proof_points.all()}
    stored = set(points)
    total = str(data.get(f"{prefix}-TOTAL_FORMS", ""))
    if not (total.isascii() and total.isdigit()):
        return data  # a garbled count is the formset's to refuse
    rows = []
    for index in range(min(int(total), 1000)):
        start = f"{prefix}-{index}-"
        rows.append(
            {name[len(start) :]: data.getlist(name) for name in data if name.startswith(start)}
        )
    kept = [row for row in rows if row.get("id", [""])[0] in stored]
    # New rows of this pillar: no id, and not the pillar (version) the form was opened on.
    moved = [{**row, "id": [""], "pillar": [str(pillar.pk)]} for row in rows if row not in kept]
    posted = {row["id"][0] for row in kept}
    unposted = [
        {
            "id": [pk],
            "claim": [point.claim],
            "evidence": [point.evidence],
            "source_url": [point.source_url],
            "DELETE": ["on"],
        }
        for pk, point in points.items()
        if pk not in posted
    ]
    data = data.copy()
    row_field = re.compile(rf"{prefix}-\d+-")
    for name in [name for name in data if row_field.match(name)]:
        del data[name]
    for index, row in enumerate(kept + unposted + moved):
        for field, values in row.items():
            data.setlist(f"{prefix}-{index}-{field}", values)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept) + len(unposted))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(kept) + len(unposted) + len(moved))
    return data


def _length(value) -> int | None:
    """A boilerplate length typed or linked as text; None unless it is plain ASCII digits
    (str.isdigit() also accepts "²", which int() refuses)."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() else None


def _word_count(form) -> dict:
    """The word count shown under the boilerplate text (the script keeps it live)."""
    count = Boilerplate.count_words(form["text"].value() or "")
    length = _length(form["length"].value())
    budget = Boilerplate.word_range(length) if length in Boilerplate.Length.values else None
    return {"word_count": count, "word_length": length, "word_budget": budget}


def _action(
    request: HttpRequest,
    kind: str,
    key: uuid.UUID,
    version: int,
    step: Callable[[Versioned, User], Versioned],
    done: str | Callable[[Versioned], str],
) -> HttpResponse:
    """Run one workflow step on a version the user can see; explain a refusal, never 500."""
    item = access.get_version(request.user, kind, key, version)
    try:
        with transaction.atomic():
            item = step(item, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        text = done(item) if callable(done) else done.format(item=named(item))
        messages.success(request, text)
    return redirect(item.get_version_url())


def named(item: Versioned) -> str:
    """The item as a message names it: its title in quotes ("“Message for Finance Fiona
    (CFO)”", not the persona and the whole headline), which also keeps an objection's own
    full stop from doubling the sentence's."""
    title = item.title
    return title if "“" in title else f"“{title}”"


@require_POST
def submit(request: HttpRequest, kind: str, key: uuid.UUID, version: int) -> HttpResponse:
    roles.require_editor(request.user)
    return _action(request, kind, key, version, workflow.submit, "Sent {item} for review.")


@require_POST
def approve(request: HttpRequest, kind: str, key: uuid.UUID, version: int) -> HttpResponse:
    access.require_approver(request.user)
    read = request.POST.get("read", "")  # the text the page showed (content_digest)
    return _action(
        request,
        kind,
        key,
        version,
        partial(workflow.approve, read=read),
        _approved,
    )


def _approved(item: Versioned) -> str:
    """A message or objection for a persona still in draft (or archived) stays hidden with
    its persona (PersonaMessageQuerySet.visible_to): do not tell Marketing sales sees it."""
    persona = getattr(item, "persona", None)
    if persona is not None and not persona.is_published:
        return (
            f"Approved {named(item)}. Sales sees it once the persona {persona.name} is published."
        )
    return f"Approved: sales now sees {named(item)}."


@require_POST
def sign(request: HttpRequest, kind: str, key: uuid.UUID, version: int) -> HttpResponse:
    """Give one signature; a person with both roles may say which side they sign for."""
    access.require_signer(request.user)
    try:
        item = access.get_version(request.user, kind, key, version)
    except Http404:
        if not access.was_taken_back(kind, key, version):
            raise
        # It was in review when the page was drawn (a signer saw it); Marketing has since
        # taken it back to draft, which Sales may not read. Say so rather than "Not found".
        messages.error(
            request,
            "Marketing took this version back to change it after you opened it, so nothing "
            "was signed. It comes back to you for sign-off when it is ready.",
        )
        return redirect("messaging:review")
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Marketing or Sales.")
        return redirect(item.get_version_url())
    try:
        with transaction.atomic():
            item = workflow.sign(
                item,
                request.user,
                side=form.cleaned_data["side"] or None,
                read=request.POST.get("read", ""),  # the text the page showed
            )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        if item.is_approved:
            messages.success(request, f"Signed. Both sides agree: {named(item)} is now approved.")
        else:
            messages.success(request, f"Signed {named(item)}. It now waits for the other side.")
    return redirect(item.get_version_url())


@require_POST
def retire(request: HttpRequest, kind: str, key: uuid.UUID, version: int) -> HttpResponse:
    roles.require_editor(request.user)
    return _action(
        request,
        kind,
        key,
        version,
        workflow.retire,
        "Retired {item}: sales no longer sees it. Its history stays.",
    )
