"""Project-wide request guards that no single view should have to remember."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

NUL_MESSAGE = (
    "The address or the form you sent contains a NUL character (%00), which no page here "
    "accepts. Check the link you followed, or go back and send the form again."
)


def _carries_nul(data: QueryDict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


class RejectNulMiddleware:
    """Answer 400 when a query parameter or a form field carries a NUL character.

    PostgreSQL cannot hold NUL in text, not even to compare it: psycopg refuses such a query
    with ValueError, so a lookup like `?persona=%00` was a 500. No browser sends NUL in a form
    or a link it built, so the request is refused once, here, before any view reads it.
    It runs as `process_view`, after the CSRF check, so a forged POST is still a 403 first.

    Form bodies are checked when they are plain forms (urlencoded). A multipart body is left
    to its form: a file part whose name Django drops arrives as a "field" holding the file's
    bytes, NUL included, and that deserves the form's "no file arrived", not this page; every
    text field refuses NUL itself (Django's ProhibitNullCharactersValidator), and choice
    fields answer a lookup that fails with a field error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        plain_form = request.content_type == "application/x-www-form-urlencoded"
        if _carries_nul(request.GET) or (
            request.method == "POST" and plain_form and _carries_nul(request.POST)
        ):
            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        return None
