"""Where a form may send people back to: the one rule every `next` parameter follows."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request: HttpRequest, default: str) -> str:
    """The POSTed `next` if it is an absolute path on this site, else `default`.

    Django's own check lets a bare word such as "abc" through; `redirect()` would then try
    to reverse it as a URL name and fail after the action had been committed.
    """
    candidate = request.POST.get("next", "")
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
