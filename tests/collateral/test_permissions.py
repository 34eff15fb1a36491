"""Collateral's POSTs need a CSRF token. Who may open which collateral URL is in the
project-wide matrix, tests/test_permission_matrix.py."""

import pytest
from django.test import Client
from django.urls import reverse

from collateral.models import ContentRequest


@pytest.mark.parametrize(
    ("name", "needs_object"),
    [
        ("upload", None),
        ("request_new", None),
        ("feedback", "asset"),
        ("version_new", "asset"),
        ("asset_edit", "asset"),
        ("request_respond", "request"),
    ],
)
def test_every_post_needs_a_csrf_token(make_asset, marketer, rep, name, needs_object):
    args = {
        None: [],
        "asset": lambda: [make_asset("Published").uuid],
        "request": lambda: [ContentRequest.objects.create(requester=rep, description="x").pk],
    }[needs_object]
    user = rep if name in {"request_new", "feedback"} else marketer
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse(f"collateral:{name}", args=args() if callable(args) else args)
    assert client.post(url, {}).status_code == 403
