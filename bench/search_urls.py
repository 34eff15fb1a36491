"""The project's URLs plus /bench/bare/: the same middleware, session and login check as
every page, and a view that does nothing: the signed-in floor of bench/search.py and
bench/load.py."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
