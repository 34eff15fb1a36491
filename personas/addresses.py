"""Addresses a persona had before its slug changed. Bookmarks, links in mail and notes keep
working: a page of an old address (the profile, its brief, its print view) answers with a
redirect to the same page at the current one, as Django's redirects app does for a 404.
"""

import re

from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from personas import roles

# /personas/<slug>/ and every page under it.
PERSONA_PATH = re.compile(r"^/personas/(?P<slug>[-a-zA-Z0-9_]+)/")


class OldAddress(models.Model):
    """A slug a persona no longer has; `moved_to` finds its persona by it."""

    slug = models.SlugField(max_length=140)
    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            # One persona per old address; serves the lookup of a 404'd path.
            models.UniqueConstraint(fields=["slug"], name="persona_oldaddress_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"/personas/{self.slug}/ → {self.persona}"


def settle(persona, old_slug: str | None = None) -> None:
    """Call on every save of a persona (in its transaction), with the slug it had before when
    that changed. Its address, possibly an old one of this or another persona, is live now."""
    OldAddress.objects.filter(slug=persona.slug).delete()
    if old_slug and old_slug != persona.slug:
        OldAddress.objects.update_or_create(slug=old_slug, defaults={"persona": persona})


def moved_to(request: HttpRequest) -> str | None:
    """The current address of the page the request asked for at an old address, when the
    person may see that persona; else None."""
    from personas.models import Persona

    found = PERSONA_PATH.match(request.path_info)
    if found is None or request.method not in ("GET", "HEAD"):
        return None
    # A path that matches no URL is a 404 before the sign-in and role checks run: nobody
    # outside may learn where a persona lives now.
    if not (request.user.is_authenticated and roles.has_role(request.user)):
        return None
    old = OldAddress.objects.filter(slug=found["slug"]).first()
    if old is None:
        return None
    persona = Persona.objects.visible_to(request.user).filter(pk=old.persona_id).first()
    if persona is None:
        return None
    path = f"/personas/{persona.slug}/" + escape_uri_path(request.path_info[found.end() :])
    query = request.META.get("QUERY_STRING", "")
    return request.META.get("SCRIPT_NAME", "") + path + (f"?{query}" if query else "")


class OldAddressMiddleware:
    """Turns the 404 of an old persona address into a redirect to the current one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 404 and (target := moved_to(request)):
            return HttpResponseRedirect(target)
        return response
