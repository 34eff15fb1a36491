"""The sales feedback loop: requests for missing material and marketing's queue."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from collateral import services, wording
from collateral.choosing import RequestResponseForm
from collateral.forms import ContentRequestForm
from collateral.models import ContentRequest, Feedback
from personas.roles import can_request_material, require_editor

# Oldest first, a page at a time: the queue can grow faster than marketing answers it.
QUEUE_PAGE_SIZE = 20


def request_new(request: HttpRequest) -> HttpResponse:
    """Sales and Managers ask for material; prefilled from the library's filters."""
    if not can_request_material(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ContentRequestForm(request.POST, user=request.user)
        if form.is_valid():
            with transaction.atomic():
                # One person's requests are saved one at a time, so a double submit finds
                # the first (PostgreSQL; SQLite writes one at a time anyway).
                # NO KEY: downloads and ratings referencing the user are not held up.
                User.objects.select_for_update(no_key=True).filter(pk=request.user.pk).exists()
                content_request = form.save(commit=False)
                content_request.requester = request.user
                twin = ContentRequest.objects.same_as(content_request).exists()
                if not twin:
                    content_request.save()
            if twin:
                messages.info(request, "You asked for this a moment ago; it is on your list.")
            else:
                messages.success(
                    request,
                    "Your request is with Marketing. You will see their answer under "
                    "“Your requests” and on your home page.",
                )
            return redirect("collateral:requests_mine")
    else:
        form = ContentRequestForm(
            initial=ContentRequestForm.initial_from_library(request.GET), user=request.user
        )
    return render(request, "collateral/request_form.html", {"form": form})


@require_safe
def requests_mine(request: HttpRequest) -> HttpResponse:
    """Everything the signed-in user asked for, with marketing's answers."""
    if not can_request_material(request.user):
        raise PermissionDenied
    page = Paginator(ContentRequest.objects.of_user(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "collateral/requests_mine.html", {"page": page})


@require_safe
def request_queue(request: HttpRequest) -> HttpResponse:
    """Marketing: open and planned requests (oldest first) and feedback on their assets."""
    require_editor(request.user)
    page = Paginator(ContentRequest.objects.queue(), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "collateral/request_queue.html",
        {
            "page": page,
            "requests": page.object_list,
            "feedback": Feedback.objects.on_assets_owned_by(request.user)[:20],
        },
    )


def request_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Marketing answers one request: done (linking an asset), planned or declined."""
    require_editor(request.user)
    content_request = get_object_or_404(
        ContentRequest.objects.select_related("persona", "stage", "requester", "fulfilled_by"),
        pk=pk,
    )
    form = RequestResponseForm(
        request.POST or None,
        initial={
            "status": content_request.status
            if content_request.status != ContentRequest.Status.OPEN
            else None,
            "asset": content_request.fulfilled_by,
            "response": content_request.response,
        },
        content_request=content_request,
    )
    if request.method == "POST" and form.is_valid():
        services.answer_request(
            content_request,
            status=form.cleaned_data["status"],
            asset=form.cleaned_data["asset"],
            response=form.cleaned_data["response"],
            user=request.user,
        )
        messages.success(
            request,
            f"The request is marked {content_request.get_status_display().lower()}; "
            f"{content_request.requester.get_full_name() or content_request.requester} "
            "will see your answer.",
        )
        answer = form.cleaned_data["asset"]
        hits = wording.hits_by_phrase(answer.current_version) if answer else []
        if hits and content_request.status == ContentRequest.Status.DONE:
            # The upload and Publish buttons warn about such a file; so does this answer.
            messages.warning(
                request,
                f"“{answer.title}” uses retired wording: {wording.describe(hits)}. Reps are "
                "told to check it before sending; upload a corrected version to clear it.",
            )
        return redirect("collateral:request_queue")
    return render(
        request,
        "collateral/request_respond.html",
        {"content_request": content_request, "form": form},
    )
