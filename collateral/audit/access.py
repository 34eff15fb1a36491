"""Who may use the audit: Managers act, Marketing reads, everyone else gets 403.

The checks wrap every audit view from the outside, so a rep gets 403 before anything else
(even a GET to a POST-only URL answers 403 rather than 405).
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from personas import roles

View = Callable[..., HttpResponse]


def viewer_required(view: View) -> View:
    """Reports and exports: Managers and Marketing."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.can_view_audit(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def manager_required(view: View) -> View:
    """Bulk actions (retire, review dates): Managers only."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.can_audit(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
