"""Serving persona photos. Uploads have no media URL: these views are the only way out.

Each stored file is a WebP we encoded ourselves under a generated name that is never reused,
so the name is a sound ETag and the type is always image/webp, whatever was uploaded.
"""

import hashlib

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from personas.access import get_visible_persona
from personas.models import Persona
from personas.storage import open_or_404

# Photos change rarely and the URLs in pages carry a version (?v=), so a short private cache
# saves a request per avatar without letting a replaced photo linger.
MAX_AGE = 60 * 60


def file_etag(file: FieldFile) -> str:
    return '"' + hashlib.sha256(file.name.encode()).hexdigest()[:32] + '"'


def _serve(request: HttpRequest, slug: str, field: str) -> HttpResponse:
    persona = get_visible_persona(request.user, slug, Persona.objects.only("slug", field))
    file = getattr(persona, field)
    if not file:
        raise Http404("This persona has no photo.")
    etag = file_etag(file)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(open_or_404(file, "persona photo"), content_type="image/webp")
        response["Content-Disposition"] = f'inline; filename="{persona.slug}.webp"'
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    # An image needs no scripts, styles or frames; this also holds if it is opened directly.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    return response


@require_safe
def persona_photo(request: HttpRequest, slug: str) -> HttpResponse:
    return _serve(request, slug, "photo")


@require_safe
def persona_thumbnail(request: HttpRequest, slug: str) -> HttpResponse:
    return _serve(request, slug, "thumbnail")
