"""A message or objection for a persona that was archived since can still be edited, without
moving it to another buyer; new items are offered live personas only."""

import pytest
from django.urls import reverse

from messaging.models import PersonaMessage
from personas.models import Persona
from tests.messaging.conftest import approve_one

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(marketer, persona) -> PersonaMessage:
    item = PersonaMessage.objects.create(
        persona=persona, headline="Stop paying twice", key_messages="One", created_by=marketer
    )
    approve_one(item, marketer)
    Persona.objects.filter(pk=persona.pk).update(status=Persona.Status.ARCHIVED)
    return item


def test_editing_keeps_the_archived_persona_chosen(marketer_client, message, persona):
    url = reverse("messaging:edit", args=[message.kind, message.key])
    page = marketer_client.get(url)
    body = page.content.decode()
    assert f'<option value="{persona.pk}" selected>Finance Fiona (archived)</option>' in body
    data = {
        "persona": persona.pk,
        "headline": "Stop paying for exceptions twice",
        "key_messages": "One",
        "change_note": "Sharper headline",
        "seen": page.context["form"].seen_token(),
    }
    response = marketer_client.post(url, data)
    assert response.status_code == 302
    draft = PersonaMessage.objects.get(key=message.key, version=2)
    assert draft.persona == persona


def test_a_new_message_is_not_offered_an_archived_persona(marketer_client, message):
    body = marketer_client.get(reverse("messaging:create", args=["messages"])).content.decode()
    assert "Finance Fiona" not in body
