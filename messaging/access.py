"""Who may see and do what in messaging: the one place views ask (with `personas.roles`).

Versions a user may not see are 404 (`VersionedQuerySet.visible_to`); actions they may not
take are 403.
"""

import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from messaging.models import KINDS, Status, Versioned
from personas import roles
from personas.changelog import ChangeLog


def model_for(kind: str) -> type[Versioned]:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404("No such kind of messaging.") from None


def require_approver(user: User) -> None:
    if not roles.can_sign_for_marketing(user):
        raise PermissionDenied("Only a Marketing member approves messaging.")


def require_signer(user: User) -> None:
    if not (roles.can_sign_for_marketing(user) or roles.can_sign_for_sales(user)):
        raise PermissionDenied("Only Marketing, Sales and Managers sign messaging.")


def can_read_history(user: User) -> bool:
    """History holds drafts and retired versions, which only Marketing may read."""
    return roles.can_edit(user)


def get_version(user: User, kind: str, key: uuid.UUID, version: int) -> Versioned:
    """One exact version, if `user` may see it."""
    model = model_for(kind)
    item = model.objects.visible_to(user).for_display().filter(key=key, version=version).first()
    if item is None:
        raise Http404("No such version.")
    return item


def get_current(user: User, kind: str, key: uuid.UUID) -> Versioned:
    """The version a key's page shows: the approved one; for Marketing, failing that, the
    newest version (a draft not yet approved, or the last retired one)."""
    model = model_for(kind)
    versions = model.objects.visible_to(user).filter(key=key).for_display()
    item = versions.filter(status=Status.APPROVED).first()
    if item is None and roles.can_edit(user):
        item = versions.order_by("-version").first()
    if item is None:
        raise Http404("Nothing approved here.")
    return item


def get_for_changes(user: User, kind: str, key: uuid.UUID) -> Versioned:
    """The version an item's change log is titled by: the approved one, else the newest the
    user may see. A Manager who signs a term still in review reads its History from that
    version's page; get_current would be a 404 for them (nothing approved yet)."""
    model = model_for(kind)
    versions = model.objects.visible_to(user).filter(key=key)
    item = versions.filter(status=Status.APPROVED).first() or versions.order_by("-version").first()
    if item is None:
        raise Http404("No such item.")
    return item


def was_taken_back(kind: str, key: uuid.UUID, version: int) -> bool:
    """The version is a draft again after it was sent for review: signers could read it then,
    so telling them it went back reveals nothing (a draft never sent stays a plain 404). Only
    items that need both sides' signatures are read in review outside Marketing."""
    model = model_for(kind)
    if not model.needs_two_signatures:
        return False
    if not model.objects.filter(key=key, version=version, status=Status.DRAFT).exists():
        return False
    submitted = ChangeLog.objects.filter(action=ChangeLog.Action.SUBMIT, after__version=version)
    return submitted.filter(object_type=kind, object_id=str(key)).exists()


def get_working_version(user: User, kind: str, key: uuid.UUID) -> Versioned:
    """The version an edit starts from: the open draft if there is one, else the newest."""
    roles.require_editor(user)
    model = model_for(kind)
    versions = model.objects.filter(key=key).order_by("-version")
    item = versions.open().first() or versions.first()
    if item is None:
        raise Http404("No such item.")
    return item
