"""Pages that combine the apps (DESIGN §2): the home page, and the login."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

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


class LoginView(auth_views.LoginView):
    """Django's login, sending people who are already signed in on to where they were going.

    A `?next=` that points back at the login page (a bookmark, a shared link) would make
    Django refuse with a redirect-loop error; such a target means "home" instead.
    """

    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == reverse("login") else url
