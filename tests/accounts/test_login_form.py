"""The sign-in form says what is missing, next to the field, and tells assistive technology."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sign_in(client, **fields):
    response = client.post(reverse("login"), {"username": "", "password": "", **fields})
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_password_is_named_next_to_its_field(client, rep):
    body = sign_in(client, username=rep.username)
    assert '<div class="form-errors" role="alert">' in body
    assert "Enter your username and your password." in body
    assert 'aria-invalid="true" aria-describedby="id_password_error"' in body
    assert '<ul class="errorlist" id="id_password_error"><li>Enter your password.</li>' in body
    assert "Enter your username.</li>" not in body
    # Focus goes to the summary (static/js/form-errors.js), not back to the username.
    assert "autofocus" not in body


def test_both_fields_empty_names_both(client):
    body = sign_in(client)
    assert "Enter your username.</li>" in body
    assert "Enter your password.</li>" in body


def test_a_wrong_password_says_so_once_and_marks_no_field(client, rep):
    body = sign_in(client, username=rep.username, password="not-the-password")
    assert "Please enter a correct username and password." in body
    assert "Enter your username and your password." not in body
    assert 'aria-invalid="true"' not in body


def test_the_first_visit_starts_in_the_username_field(client):
    body = client.get(reverse("login")).content.decode()
    assert "autofocus" in body
    assert 'role="alert"' not in body
