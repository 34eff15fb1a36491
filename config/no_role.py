"""Deny by default (#14.2): a signed-in person with no role sees one page and nothing else.

Roles are granted by an administrator (groups and permissions, see personas.roles). Until
then every URL answers with the "no role yet" page: 200 on the home page, 403 elsewhere, so
nothing is read, downloaded or counted. Signing out still works.
"""

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from personas import roles

# URL names a person without a role may still use (the top-level, un-namespaced ones).
OPEN_TO_EVERYONE = {"logout", "login"}


def no_role_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    """Says the account has no role yet, and names the administrators who can give one."""
    administrators = User.objects.filter(is_superuser=True, is_active=True).order_by(
        "first_name", "last_name", "username"
    )
    return render(request, "no_role.html", {"administrators": administrators}, status=status)


class RoleRequiredMiddleware:
    """After LoginRequiredMiddleware: anonymous visitors are already sent to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or roles.has_role(user):
            return None
        match = request.resolver_match
        if match.namespace == "" and match.url_name in OPEN_TO_EVERYONE:
            return None
        at_home = match.view_name == "home" and request.method in ("GET", "HEAD")
        return no_role_page(request, status=200 if at_home else 403)
