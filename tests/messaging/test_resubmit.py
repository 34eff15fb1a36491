"""Back and Save again on a "New …" form finds the draft saved a moment ago instead of
making a second item; a different text, or a later one, is a new item."""

from datetime import timedelta

import pytest
from django.urls import reverse

from messaging.models import Objection
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FORM = {"objection": "Too expensive", "response": "Look at payback.", "change_note": ""}
NEW = reverse("messaging:create", args=["objections"])


def test_the_same_form_sent_twice_makes_one_draft(marketer_client):
    first = marketer_client.post(NEW, FORM)
    assert first.status_code == 302
    again = marketer_client.post(NEW, FORM, follow=True)
    assert Objection.objects.count() == 1
    assert again.redirect_chain[-1][0] == first.url
    assert "was saved already; here it is." in again.content.decode()


def test_a_different_text_is_a_second_item(marketer_client):
    marketer_client.post(NEW, FORM)
    marketer_client.post(NEW, {**FORM, "objection": "We built our own"})
    assert Objection.objects.count() == 2


def test_the_same_text_much_later_or_by_someone_else_is_a_new_item(marketer_client, marketer2):
    marketer_client.post(NEW, FORM)
    client_for(marketer2).post(NEW, FORM)
    assert Objection.objects.count() == 2
    Objection.objects.update(created_at=Objection.objects.first().created_at - timedelta(hours=1))
    marketer_client.post(NEW, FORM)
    assert Objection.objects.count() == 3
