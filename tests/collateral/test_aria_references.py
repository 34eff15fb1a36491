"""Every `aria-describedby` on a page with form errors names an element that exists, so a
screen reader announces the error and the help beside the field."""

import re

import pytest
from django.urls import reverse

from collateral.models import ContentRequest
from tests.collateral.conftest import pdf_bytes, upload_file

pytestmark = pytest.mark.django_db


def dangling_references(html: str) -> set[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = {
        ref for refs in re.findall(r'aria-describedby="([^"]*)"', html) for ref in refs.split()
    }
    return named - ids


def test_library_filter_errors_are_tied_to_their_fields(rep_client):
    response = rep_client.get(reverse("collateral:library"), {"type": "bogus", "q": "x" * 250})
    html = response.content.decode()
    assert 'aria-describedby="id_type_error"' in html or "id_type_error" in html
    assert dangling_references(html) == set()


def test_rating_errors_and_help_are_tied_to_their_fields(rep_client, asset):
    url = reverse("collateral:feedback", args=[asset.uuid])
    html = rep_client.post(url, {"rating": "", "comment": "x" * 5000}).content.decode()
    assert 'id="id_rating_error"' in html
    assert dangling_references(html) == set()
    assert dangling_references(rep_client.get(asset.get_absolute_url()).content.decode()) == set()


def test_upload_and_answer_form_errors_are_tied_to_their_fields(marketer_client, rep):
    data = {"title": "Deck", "asset_type": "deck", "file": upload_file("a.pdf", pdf_bytes())}
    html = marketer_client.post(reverse("collateral:upload"), data).content.decode()
    assert 'id="id_stages_error"' in html
    assert dangling_references(html) == set()
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    html = marketer_client.post(url, {"status": "bogus"}).content.decode()
    assert 'id="id_status_error"' in html
    assert dangling_references(html) == set()


def test_profile_errors_are_tied_to_their_fields(rep_client):
    html = rep_client.post(reverse("profile"), {"mail": "bogus"}).content.decode()
    assert 'id="id_mail_error"' in html
    assert dangling_references(html) == set()


def test_change_log_filter_errors_are_tied_to_their_fields(manager_client):
    params = {"since": "2026-12-01", "until": "2026-01-01"}
    html = manager_client.get(reverse("change_log"), params).content.decode()
    assert 'id="id_until_error"' in html
    assert dangling_references(html) == set()
