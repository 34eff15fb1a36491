"""The floor of the load benchmark: the least a Django view can cost on this machine.

Two views in a Django with no middleware and no database, run under the same gunicorn as the
site by bench/load.py: `/bare/` answers a few bytes, `/file/` a plain FileResponse of the very
file the tracked download sends (BENCH_FILE). Pages and the download are measured as ratios
to these, in the same run, so the figures hold on a busy or a quiet machine.
"""

import os

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import FileResponse, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def file(request):
    return FileResponse(open(os.environ["BENCH_FILE"], "rb"), as_attachment=True)


urlpatterns = [path("bare/", bare), path("file/", file)]

django.setup()
application = get_wsgi_application()
