"""Pages that combine the apps (DESIGN §2): the home page, and the login."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse

from config.home import sections_for
from personas.people import profile_for


def home(request: HttpRequest) -> HttpResponse:
    """What is for me: each of the person's roles gets its lists of things to do (config.home)."""
    profile = profile_for(request.user)
    return render(
        request,
        "home.html",
        {"groups": sections_for(request.user, profile), "profile": profile},
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400. An upload Django could not parse says what most likely went wrong with the file.

    Django reads at most 1,024 bytes of a form part's headers, so a very long file name makes
    the whole request unreadable before any form (or field error) can see it.
    """
    context = {"unreadable_upload": isinstance(exception, MultiPartParserError)}
    return render(request, "400.html", context, status=400)


class LoginView(auth_views.LoginView):
    """Django's login, sending people who are already signed in on to where they were going.

    A `?next=` that points back at the login page (a bookmark, a shared link) would make
    Django refuse with a redirect-loop error; such a target means "home" instead.
    """

    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == reverse("login") else url
