"""Pages that combine the apps (DESIGN §2): the home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from collateral.models import ContentRequest

# Enough to notice what arrived; "All your requests" links to the rest.
HOME_FULFILLED_REQUESTS = 5


def home(request: HttpRequest) -> HttpResponse:
    """Who you are, where to go from here, and the material you asked for that is now ready."""
    fulfilled = ContentRequest.objects.recently_fulfilled_for(request.user)
    return render(
        request,
        "home.html",
        {"fulfilled_requests": fulfilled[:HOME_FULFILLED_REQUESTS]},
    )
