"""Who may see and change personas: the one place the views ask.

Seeing is decided by `Persona.objects.visible_to(user)` (a persona you may not see is a 404,
so drafts do not even reveal that they exist); changing is Marketing's job
(`roles.require_editor`), and anyone else gets a 403.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from personas.models import Persona


def get_visible_persona(
    user: User | AnonymousUser, slug: str, queryset: QuerySet[Persona] | None = None
) -> Persona:
    """The persona at `slug` if `user` may see it, else Http404."""
    queryset = Persona.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(user), slug=slug)
