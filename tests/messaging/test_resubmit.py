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


PILLAR = {
    "name": "Fewer exceptions",
    "summary": "One desk.",
    "order": "0",
    "proof-TOTAL_FORMS": "1",
    "proof-INITIAL_FORMS": "0",
    "proof-0-claim": "34% fewer exceptions",
    "proof-0-evidence": "Northwind, Q3",
}


def test_a_pillar_sent_again_unchanged_is_found_but_a_changed_proof_point_is_kept(
    marketer_client,
):
    from messaging.models import Pillar

    url = reverse("messaging:create", args=["pillars"])
    marketer_client.post(url, PILLAR)
    marketer_client.post(url, PILLAR)
    assert Pillar.objects.count() == 1
    # Back, a sharper claim, Save: not thrown away as "saved already".
    marketer_client.post(url, {**PILLAR, "proof-0-claim": "40% fewer exceptions"})
    assert Pillar.objects.count() == 2
    assert Pillar.objects.filter(proof_points__claim="40% fewer exceptions").exists()


def test_a_message_sent_again_with_other_pillars_is_a_new_item(marketer_client, marketer, persona):
    from messaging.models import PersonaMessage
    from tests.messaging.conftest import approve_one, make_pillar

    pillar = approve_one(make_pillar(marketer), marketer)
    url = reverse("messaging:create", args=["messages"])
    form = {"persona": persona.pk, "headline": "Payback in a year", "key_messages": "One"}
    marketer_client.post(url, form)
    marketer_client.post(url, form)
    assert PersonaMessage.objects.count() == 1
    marketer_client.post(url, {**form, "pillars": [pillar.pk]})
    assert PersonaMessage.objects.count() == 2
