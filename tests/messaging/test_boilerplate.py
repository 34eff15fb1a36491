"""Boilerplates: a fixed length, a word budget with a tolerance, a copy button."""

import pytest
from django.urls import reverse

from messaging.models import Boilerplate
from tests.messaging.conftest import approve_one, make_boilerplate

pytestmark = pytest.mark.django_db


def words(count: int) -> str:
    return " ".join(["word"] * count)


@pytest.mark.parametrize(
    ("length", "expected"), [(25, (23, 27)), (50, (45, 55)), (100, (90, 110))]
)
def test_the_budget_allows_ten_percent_either_way(length, expected):
    assert Boilerplate.word_range(length) == expected


def test_a_boilerplate_over_budget_gets_an_error_naming_the_count(marketer_client):
    response = marketer_client.post(
        reverse("messaging:create", args=["boilerplates"]), {"length": 25, "text": words(31)}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This text has 31 words; a 25-word boilerplate needs 23–27." in body
    assert words(31) in body  # what was typed is kept
    assert not Boilerplate.objects.exists()


def test_a_boilerplate_under_budget_gets_an_error_naming_the_count(marketer_client):
    response = marketer_client.post(
        reverse("messaging:create", args=["boilerplates"]), {"length": 100, "text": words(80)}
    )
    assert "This text has 80 words; a 100-word boilerplate needs 90–110." in (
        response.content.decode()
    )


def test_a_boilerplate_within_budget_is_saved_as_draft(marketer_client):
    response = marketer_client.post(
        reverse("messaging:create", args=["boilerplates"]), {"length": 50, "text": words(54)}
    )
    assert response.status_code == 302
    assert Boilerplate.objects.get().word_count == 54


def test_the_form_shows_the_word_count_and_the_tolerance(marketer_client, marketer):
    item = make_boilerplate(marketer, 25, words=24)
    body = marketer_client.get(item.get_edit_url()).content.decode()
    assert "24 words · a 25-word text needs 23–27" in body
    assert "±10%" in body
    assert "data-word-ranges" in body


def test_the_length_is_fixed_once_created(marketer_client, marketer):
    item = approve_one(make_boilerplate(marketer, 25), marketer)
    response = marketer_client.post(item.get_edit_url(), {"length": 100, "text": words(26)})
    assert response.status_code == 302
    draft = Boilerplate.objects.get(version=2)
    assert draft.length == 25


def test_a_second_boilerplate_of_one_length_is_refused(marketer_client, marketer):
    make_boilerplate(marketer, 25)
    response = marketer_client.post(
        reverse("messaging:create", args=["boilerplates"]), {"length": 25, "text": words(25)}
    )
    assert "There already is a 25-word boilerplate" in response.content.decode()


def test_the_detail_page_shows_the_count_and_a_copy_button(rep_client, marketer):
    item = approve_one(make_boilerplate(marketer, 50, words=52), marketer)
    body = rep_client.get(item.get_absolute_url()).content.decode()
    assert "52 words · a 50-word text needs 45–55" in body
    assert "copy-button" in body
    assert 'aria-live="polite"' in body
    assert "js/messaging.js" in body


@pytest.mark.parametrize("length", ["²", "٣", "abc", "-25", ""])
def test_an_odd_length_in_the_link_or_form_is_ignored_or_an_error_not_a_500(
    marketer_client, length
):
    url = reverse("messaging:create", args=["boilerplates"])
    assert marketer_client.get(url, {"length": length}).status_code == 200
    response = marketer_client.post(url, {"length": length, "text": words(25)})
    assert response.status_code == 200
    assert response.context["form"].errors["length"]
    assert not Boilerplate.objects.exists()
