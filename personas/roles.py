"""Who may do what: the one place that maps permissions to OneVoice capabilities.

One permission system (#14.10): every capability below is one Django permission, read with
`user.has_perm`. The role groups (Marketing, Sales, Managers) carry those permissions (data
migrations in each app grant them), so an administrator manages roles in the admin without
code, and may also give ONE person ONE capability (say, reading the audit) without putting
them in a group. Every view and template asks these functions, never `user.groups` directly.
This module lives in `personas`, the lowest app, because every app needs it (DESIGN §2); the
permissions live with the app they are about and are named here as strings only.

Superusers hold every permission (Django's rule), with one exception kept on purpose:
actions that speak for a team (sign-offs, ratings, requests for material) are people's, so
a superuser takes them only as a member of the group, never as administrator.

Permission checks cost one query per request: Django caches them on the user object
(`personas.backends.CachedModelBackend` reads user and group permissions together, and
keeps them in the shared cache when one is configured).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from personas import usercache

MARKETING = "Marketing"
SALES = "Sales"
MANAGERS = "Managers"
ROLE_GROUPS = (MARKETING, SALES, MANAGERS)

# The apps whose permissions make a role: holding any of them lets a person use OneVoice.
ONEVOICE_APPS = ("personas", "messaging", "collateral")

# Capability -> permission (custom ones are declared in the models' Meta.permissions).
EDIT_CONTENT = "personas.edit_content"
VIEW_AUDIT = "collateral.view_audit"
ACT_ON_AUDIT = "collateral.act_on_audit"
SIGN_FOR_MARKETING = "messaging.sign_for_marketing"
SIGN_FOR_SALES = "messaging.sign_for_sales"
GIVE_FEEDBACK = "collateral.add_feedback"
REQUEST_MATERIAL = "collateral.add_contentrequest"

# The backend that answers has_perm (settings.AUTHENTICATION_BACKENDS also lists django-axes).
PERMISSION_BACKEND = "personas.backends.CachedModelBackend"

# What each role group holds of the capabilities above (the migrations grant these).
GROUP_CAPABILITIES = {
    MARKETING: [EDIT_CONTENT, VIEW_AUDIT, SIGN_FOR_MARKETING],
    SALES: [SIGN_FOR_SALES, GIVE_FEEDBACK, REQUEST_MATERIAL],
    MANAGERS: [VIEW_AUDIT, ACT_ON_AUDIT, SIGN_FOR_SALES, GIVE_FEEDBACK, REQUEST_MATERIAL],
}


def group_names(user: User | AnonymousUser) -> frozenset[str]:
    """The role groups of `user` (for the header label), read once and cached on the user."""
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
    """Member of the Marketing group (a label; permissions decide what they may do)."""
    return MARKETING in group_names(user)


def is_sales(user: User | AnonymousUser) -> bool:
    return SALES in group_names(user)


def is_manager(user: User | AnonymousUser) -> bool:
    return MANAGERS in group_names(user)


def _as_person(user: User | AnonymousUser, permission: str) -> bool:
    """`permission` held as a person (through a group or given directly), not as superuser."""
    return user.is_active and not user.is_superuser and user.has_perm(permission)


def has_role(user: User | AnonymousUser) -> bool:
    """May use OneVoice at all: everyone else sees only the "no role yet" page."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(perm.split(".")[0] in ONEVOICE_APPS for perm in user.get_all_permissions())


def people_with_a_role() -> QuerySet[User]:
    """Active people who may use OneVoice (has_role), as one query: the mail goes to them only
    (someone whose role was taken away sees the "no role yet" page, and their links 403)."""
    apps = ONEVOICE_APPS
    holds = (
        Q(is_superuser=True)
        | Q(groups__permissions__content_type__app_label__in=apps)
        | Q(user_permissions__content_type__app_label__in=apps)
    )
    return User.objects.filter(pk__in=User.objects.filter(holds).values("pk"), is_active=True)


def people_who_may(permission: str) -> QuerySet[User]:
    """Active people holding `permission` as a person (like _as_person: not as superuser)."""
    return User.objects.with_perm(
        permission, include_superusers=False, backend=PERMISSION_BACKEND
    ).filter(is_superuser=False)


def can_edit(user: User | AnonymousUser) -> bool:
    """Create, edit, publish and upload content: Marketing (and superusers)."""
    return user.has_perm(EDIT_CONTENT)


def require_editor(user: User | AnonymousUser) -> None:
    """Raise PermissionDenied (403) unless `user` may change content; every app's editor views
    and services call this one."""
    if not can_edit(user):
        raise PermissionDenied("Only Marketing creates and changes content.")


def can_audit(user: User | AnonymousUser) -> bool:
    """Run the audit's actions (bulk retire, review dates): Managers (and superusers)."""
    return user.has_perm(ACT_ON_AUDIT)


def can_view_audit(user: User | AnonymousUser) -> bool:
    """Read audit reports and exports: Managers, and Marketing who own the material."""
    return user.has_perm(VIEW_AUDIT)


def can_retire(user: User | AnonymousUser) -> bool:
    """Retire collateral: Marketing, who publish it, and Managers, who audit it."""
    return can_edit(user) or can_audit(user)


def can_sign_for_sales(user: User | AnonymousUser) -> bool:
    """Give the sales-side signature on messaging: Sales or Managers."""
    return _as_person(user, SIGN_FOR_SALES)


def can_sign_for_marketing(user: User | AnonymousUser) -> bool:
    """Give the marketing-side signature on messaging."""
    return _as_person(user, SIGN_FOR_MARKETING)


def can_give_feedback(user: User | AnonymousUser) -> bool:
    """Rate and comment: the people who use the material (Sales, Managers), not its authors."""
    return _as_person(user, GIVE_FEEDBACK)


def can_request_material(user: User | AnonymousUser) -> bool:
    """Ask marketing for missing material: Sales and Managers."""
    return _as_person(user, REQUEST_MATERIAL)


def role_label(user: User | AnonymousUser) -> str:
    """A short human label for the header: "Marketing · Managers", "Administrator", …"""
    names = [name for name in ROLE_GROUPS if name in group_names(user)]
    if names:
        return " · ".join(names)
    if user.is_superuser:
        return "Administrator"
    return "Individual access" if has_role(user) else "No role yet"


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
