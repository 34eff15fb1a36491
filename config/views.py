"""Pages that combine the apps (DESIGN §2): the home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Who you are and where to go from here; per-role content is filled by later issues."""
    return render(request, "home.html")
