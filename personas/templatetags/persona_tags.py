"""Display helpers for persona templates."""

from django import template
from django.urls import reverse

from personas.models import Persona, split_lines
from personas.photos import file_etag

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """A one-item-a-line text field as a list, for `{% for item in persona.goals|lines %}`."""
    return split_lines(text or "")


@register.simple_tag
def persona_image_url(persona: Persona, kind: str = "thumbnail") -> str:
    """The permission-checked URL of a persona's photo or thumbnail, versioned by file.

    The version changes whenever the file does, so browsers may cache the image safely.
    """
    file = persona.photo if kind == "photo" else persona.thumbnail
    if not file:
        return ""
    url = reverse(f"personas:{'photo' if kind == 'photo' else 'thumbnail'}", args=[persona.slug])
    return f"{url}?v={file_etag(file).strip(chr(34))[:12]}"


@register.filter
def person(user, missing: str = "—") -> str:
    """A person's full name, else their username; `missing` once they were deleted (the
    foreign key is then empty, and `user.get_username` inside |default: would raise)."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()


@register.filter
def join_list(value: object) -> str:
    """A change log value as text: lists joined with commas, nothing as "none"."""
    if value is None or value == "":
        return "none"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)


@register.filter
def field_label(name: str) -> str:
    """A stored field name as a label: "review_by" -> "Review by"."""
    return name.replace("_", " ").capitalize()
