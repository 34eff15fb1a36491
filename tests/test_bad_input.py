"""Hostile input that used to be a 500: NUL characters in parameters, and `next` targets that
are not paths on this site (issue #14, point 3)."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from collateral.models import ContentRequest
from config.middleware import NUL_MESSAGE
from personas.models import Persona

NUL_URLS = [
    ("rep_client", "/collateral/requests/new/?persona=%00"),
    ("rep_client", "/collateral/requests/new/?stage=%00"),
    ("rep_client", "/collateral/?persona=%00"),
    ("rep_client", "/collateral/?q=deck%00"),
    ("rep_client", "/messaging/objections/?persona=%00"),
    ("marketer_client", "/messaging/messages/new/?persona=%00"),
    ("marketer_client", "/messaging/objections/new/?persona=%00"),
    ("marketer_client", "/personas/?segment=%00"),
    ("manager_client", "/collateral/audit/unused/?persona=%00"),
    ("manager_client", "/collateral/audit/usage/?stage=x&%00=1"),
]


@pytest.mark.parametrize(("role", "url"), NUL_URLS)
def test_a_nul_in_a_query_parameter_is_a_clear_400(request, role, url):
    response = request.getfixturevalue(role).get(url)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def post_form(client, url, data):
    """POST as a browser sends a form without files (urlencoded)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def test_a_nul_in_a_form_field_is_a_400_and_writes_nothing(rep_client):
    response = post_form(
        rep_client, reverse("collateral:request_new"), {"description": "A deck\x00 for CFOs"}
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    assert not ContentRequest.objects.exists()


def test_a_nul_in_a_field_name_is_a_400_too(marketer_client):
    data = {"name": "Olivia", "buying_role": "user", "x\x00": "1"}
    response = post_form(marketer_client, reverse("personas:create"), data)
    assert response.status_code == 400
    assert not Persona.objects.exists()


@pytest.mark.parametrize("field", ["description", "persona", "stage"])
def test_a_nul_in_a_multipart_form_field_is_a_form_error_and_writes_nothing(rep_client, field):
    data = {"description": "A deck for CFOs", field: "x\x00y"}
    response = rep_client.post(reverse("collateral:request_new"), data)  # multipart
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ContentRequest.objects.exists()


def test_a_forged_post_with_a_nul_is_still_refused_by_the_csrf_check_first(rep):
    client = Client(enforce_csrf_checks=True)
    client.force_login(rep)
    response = post_form(client, reverse("collateral:request_new"), {"description": "\x00"})
    assert response.status_code == 403


def test_ordinary_parameters_still_work(rep_client):
    assert rep_client.get("/collateral/requests/new/?persona=nobody&stage=x").status_code == 200


@pytest.mark.parametrize("target", ["abc", "collateral", "javascript:alert(1)", "//evil.example/"])
def test_login_with_a_next_that_is_not_a_local_path_goes_home(client, rep, target):
    response = client.post(reverse("login"), {"username": "rep", "password": "pw", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logout_with_a_next_that_is_not_a_local_path_goes_to_the_login_page(rep_client):
    response = rep_client.post(reverse("logout"), {"next": "abc"})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


@pytest.mark.parametrize("huge", [2**31, 2**63, 2**70, -(2**63) - 1])
def test_an_id_list_with_numbers_no_column_can_hold_matches_nothing_instead_of_failing(
    persona_row, huge
):
    assert list(Persona.objects.filter(pk__in=[huge])) == []
    assert list(Persona.objects.filter(pk__in=[huge, persona_row.pk])) == [persona_row]
    assert Persona.objects.exclude(pk__in=[huge]).count() == 1


def test_a_huge_id_in_a_multiple_choice_field_is_a_form_error(marketer_client, marketer):
    response = marketer_client.post(
        reverse("collateral:upload"),
        {"title": "Deck", "asset_type": "deck", "stages": [str(2**63)], "owner": marketer.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.fixture
def persona_row(db) -> Persona:
    return Persona.objects.create(name="Finance Fiona", slug="finance-fiona", buying_role="user")
