"""What a locked-out sign-in sees: our login page saying when to try again (django-axes).

django-axes counts failed sign-ins per username (settings: AXES_*) and calls `locked_out`
instead of answering with its own bare page; this is the same for /accounts/login/ and
/admin/login/.
"""

import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

# 429 Too Many Requests: the standard answer to a client that should slow down.
LOCKED_OUT_STATUS = 429


def locked_out(
    request: HttpRequest, response=None, credentials: dict | None = None
) -> HttpResponse:
    """The login page with a message naming the time the username may sign in again."""
    username = get_client_username(request, credentials) or ""
    last_failure = AccessAttempt.objects.filter(username=username).aggregate(
        last=Max("attempt_time")
    )["last"]
    until = (last_failure or timezone.now()) + get_cool_off(request)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_until": timezone.localtime(until),
        "locked_minutes": minutes,
    }
    return render(request, "registration/login.html", context, status=LOCKED_OUT_STATUS)
