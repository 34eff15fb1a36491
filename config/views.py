"""Pages that combine the apps (DESIGN §2): the home page, and the login."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe

from config.home import sections_for
from personas.people import profile_for


@require_safe
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


class LocalNextMixin:
    """Only a path on this site is a `next` target; anything else means the default page.

    Django's own check (`url_has_allowed_host_and_scheme`) lets a bare word such as "abc"
    through, which the browser resolves against the current page (/accounts/login/abc, a 404).
    """

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return url if url.startswith("/") else ""


class LoginView(LocalNextMixin, auth_views.LoginView):
    """Django's login, sending people who are already signed in on to where they were going.

    A `?next=` that points back at the login page (a bookmark, a shared link) would make
    Django refuse with a redirect-loop error; such a target means "home" instead.
    """

    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == reverse("login") else url


@method_decorator(login_not_required, name="dispatch")
class LogoutView(LocalNextMixin, auth_views.LogoutView):
    """Django's logout; a `next` that is not a local path goes to the login page.

    Signing out is a POST (a link or a prefetch must not sign anyone out), but a typed or
    bookmarked address gets a page, not a blank 405: a button to sign out, or word that
    nobody is signed in. The login page then says it worked.
    """

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        template = "registration/logout_confirm.html"
        if not request.user.is_authenticated:
            template = "registration/logged_out.html"
        return render(request, template)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if signed_in:
            messages.success(request, "You are signed out.")
        return response
