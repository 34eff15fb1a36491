"""One live persona per name, held by the database too: the editor's check runs before the
save, so two marketers saving at the same moment could otherwise both pass it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from personas.models import Persona
from tests.personas.conftest import make_persona
from tests.personas.test_editor import VALID

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_live_persona_with_a_name_in_any_case():
    make_persona(name="Finance Fiona", slug="fiona")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_persona(name="FINANCE FIONA", slug="fiona-2", status=Persona.Status.DRAFT)


def test_archived_personas_keep_their_names_out_of_the_way():
    make_persona(name="Finance Fiona", slug="fiona", status=Persona.Status.ARCHIVED)
    make_persona(name="Finance Fiona", slug="fiona-old", status=Persona.Status.ARCHIVED)
    make_persona(name="Finance Fiona", slug="fiona-new")
    assert Persona.objects.filter(name="Finance Fiona").count() == 3


def test_a_name_taken_between_the_check_and_the_save_is_a_form_error(marketer_client, monkeypatch):
    make_persona(name="Finance Fiona", slug="fiona")
    monkeypatch.setattr(Persona, "namesake", lambda self: None)  # the check ran first
    response = marketer_client.post(reverse("personas:create"), VALID)
    assert response.status_code == 200
    assert "Another persona got this name a moment ago." in response.content.decode()
    assert Persona.objects.count() == 1


def test_publishing_an_archived_persona_whose_name_was_just_taken_says_so(
    marketer_client, monkeypatch
):
    archived = make_persona(name="Finance Fiona", slug="fiona", status=Persona.Status.ARCHIVED)
    make_persona(name="Finance Fiona", slug="fiona-new")
    monkeypatch.setattr(Persona, "namesake", lambda self: None)  # the check ran first
    url = reverse("personas:publish", args=[archived.slug])
    response = marketer_client.post(url, {"from": "archived"}, follow=True)
    assert response.status_code == 200
    assert "Another persona got the name “Finance Fiona” a moment ago." in (
        response.content.decode()
    )
    archived.refresh_from_db()
    assert archived.status == Persona.Status.ARCHIVED
