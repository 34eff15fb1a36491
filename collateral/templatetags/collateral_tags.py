"""Display helpers for collateral templates (no queries: they work on prefetched data)."""

from django import template

from messaging.models import Status as MessagingStatus
from personas import roles
from personas.models import Persona

register = template.Library()


@register.filter
def stars(average) -> str:
    """A 5-star string for a 0–5 average, e.g. 3.6 → "★★★★☆" (rounded to whole stars)."""
    try:
        filled = max(0, min(5, round(float(average or 0))))
    except (TypeError, ValueError):
        filled = 0
    return "★" * filled + "☆" * (5 - filled)


@register.inclusion_tag("collateral/_type_icon.html")
def type_icon(version, size: str = "") -> dict:
    """A clean file-type icon (inline SVG) for files without a preview image."""
    extension = (version.extension if version else "") or "file"
    return {"extension": extension, "label": extension.upper()[:4], "size": size}


@register.filter
def may_request_material(user) -> bool:
    """For pages outside collateral's views (the persona page): show "Request material"?"""
    return roles.can_request_material(user)


@register.filter
def shown_to(mapped, role) -> list:
    """The personas or pillars of an asset that `role` may see (from the prefetched list):
    all of them for Marketing; for everyone else only published personas and approved or
    retired pillars. A draft or archived persona's name stays inside Marketing, as the
    persona does (a draft pillar's too); a retired pillar is named but not linked."""
    mapped = list(mapped)
    if role is not None and role.can_edit:
        return mapped
    return [item for item in mapped if getattr(item, "status", "") in SHOWN_STATUSES]


# A persona's and a pillar's statuses outside Marketing (the asset page links a pillar only
# while its key has an approved version).
SHOWN_STATUSES = {Persona.Status.PUBLISHED, MessagingStatus.APPROVED, MessagingStatus.RETIRED}
