"""Who may do what: the one place that maps Django groups to OneVoice capabilities.

Roles are Django groups (created by `personas/migrations/0002_groups.py`), so an administrator
manages them in the admin without code. Every view and template asks these functions, never
`user.groups` directly. This module lives in `personas`, the lowest app, because every app
needs it (DESIGN §2).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from personas import usercache

MARKETING = "Marketing"
SALES = "Sales"
MANAGERS = "Managers"
ROLE_GROUPS = (MARKETING, SALES, MANAGERS)


def group_names(user: User | AnonymousUser) -> frozenset[str]:
    """The role groups of `user`, read once per request object and cached on it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_onevoice_groups", None)
    if cached is None:
        # Between requests too, when a shared cache is configured (personas.usercache).
        cached = usercache.cached(
            user,
            "groups",
            lambda: frozenset(
                user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True)
            ),
        )
        user._onevoice_groups = cached
    return cached


def is_marketer(user: User | AnonymousUser) -> bool:
    return MARKETING in group_names(user)


def is_sales(user: User | AnonymousUser) -> bool:
    return SALES in group_names(user)


def is_manager(user: User | AnonymousUser) -> bool:
    return MANAGERS in group_names(user)


def can_edit(user: User | AnonymousUser) -> bool:
    """Create, edit, publish and upload content: Marketing (and superusers)."""
    return user.is_active and (user.is_superuser or is_marketer(user))


def can_audit(user: User | AnonymousUser) -> bool:
    """Run the audit's actions (bulk retire, review dates): Managers (and superusers)."""
    return user.is_active and (user.is_superuser or is_manager(user))


def can_view_audit(user: User | AnonymousUser) -> bool:
    """Read audit reports and exports: Managers, and Marketing who own the material."""
    return can_audit(user) or can_edit(user)


def can_retire(user: User | AnonymousUser) -> bool:
    """Retire collateral: Marketing, who publish it, and Managers, who audit it."""
    return can_edit(user) or can_audit(user)


def can_sign_for_sales(user: User | AnonymousUser) -> bool:
    """Give the sales-side signature on messaging: Sales or Managers."""
    return user.is_active and (is_sales(user) or is_manager(user))


def can_sign_for_marketing(user: User | AnonymousUser) -> bool:
    """Give the marketing-side signature on messaging."""
    return user.is_active and is_marketer(user)


def has_role(user: User | AnonymousUser) -> bool:
    """May use OneVoice at all: everyone else sees only the "no role yet" page."""
    return user.is_active and (user.is_superuser or bool(group_names(user)))


def role_label(user: User | AnonymousUser) -> str:
    """A short human label for the header: "Marketing · Managers", "Administrator", …"""
    names = [name for name in ROLE_GROUPS if name in group_names(user)]
    if names:
        return " · ".join(names)
    if user.is_superuser:
        return "Administrator"
    return "No role yet"


@dataclass(frozen=True)
class Role:
    """What templates need to know about the signed-in user, computed once per request."""

    label: str
    can_edit: bool
    can_audit: bool
    can_view_audit: bool
    can_retire: bool
    can_sign_for_sales: bool
    can_sign_for_marketing: bool
    has_role: bool


def role_for(user: User | AnonymousUser) -> Role:
    return Role(
        label=role_label(user),
        can_edit=can_edit(user),
        can_audit=can_audit(user),
        can_view_audit=can_view_audit(user),
        can_retire=can_retire(user),
        can_sign_for_sales=can_sign_for_sales(user),
        can_sign_for_marketing=can_sign_for_marketing(user),
        has_role=has_role(user),
    )


def context_processor(request) -> dict:
    """Expose `role` to every template (see templates/base.html)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"role": role_for(user)}
