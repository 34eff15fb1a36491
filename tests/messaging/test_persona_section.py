"""The persona page's messaging section: approved messages and objections only."""

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from messaging import workflow
from messaging.models import Objection, PersonaMessage
from personas.models import Persona
from tests.messaging.conftest import approve_one, make_message, make_objection, make_pillar

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona_messaging(marketer, persona):
    pillar = approve_one(make_pillar(marketer, name="Numbers finance can trust"), marketer)
    message = make_message(marketer, persona, headline="Payback within a year")
    message.pillars.set([pillar, make_pillar(marketer, name="Unapproved pillar")])
    approve_one(message, marketer)
    workflow.new_draft(message, marketer, headline="Draft headline")
    approve_one(make_objection(marketer, "Too expensive", persona=persona), marketer)
    make_objection(marketer, "Draft objection", persona=persona)
    retired = approve_one(make_objection(marketer, "Retired objection", persona=persona), marketer)
    workflow.retire(retired, marketer)
    return persona


def persona_page(client, persona):
    try:
        url = reverse("personas:detail", args=[persona.slug])
    except NoReverseMatch:
        pytest.skip("The persona page is not built yet.")
    return client.get(url)


def test_the_persona_page_shows_approved_messaging_only(rep_client, persona_messaging):
    response = persona_page(rep_client, persona_messaging)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Payback within a year" in body
    assert "Numbers finance can trust" in body
    assert "Too expensive" in body
    assert "Draft headline" not in body
    assert "Unapproved pillar" not in body
    assert "Draft objection" not in body
    assert "Retired objection" not in body


def test_the_persona_page_does_not_query_per_message(
    rep_client, persona_messaging, marketer, django_assert_max_num_queries
):
    persona_page(rep_client, persona_messaging)  # warm up: session, groups
    with CaptureQueriesContext(connection) as small:
        persona_page(rep_client, persona_messaging)
    for n in range(5):
        message = make_message(marketer, persona_messaging, headline=f"More {n}")
        message.pillars.set([make_pillar(marketer, name=f"P{n}")])
        approve_one(message, marketer)
        approve_one(make_objection(marketer, f"More {n}", persona=persona_messaging), marketer)
    with django_assert_max_num_queries(len(small)):
        persona_page(rep_client, persona_messaging)


def test_the_partial_renders_the_prefetched_approved_messaging(rep, persona_messaging):
    """The partial on its own, fed the way the persona view feeds it."""
    persona = Persona.objects.prefetch_related(
        Prefetch("messages", queryset=PersonaMessage.objects.for_persona_page(rep)),
        Prefetch("objection_responses", queryset=Objection.objects.for_persona_page(rep)),
    ).get(pk=persona_messaging.pk)
    html = render_to_string("personas/_profile_messaging.html", {"persona": persona})
    assert "Payback within a year" in html
    assert "Numbers finance can trust" in html
    assert "Unapproved pillar" not in html
    assert "Too expensive" in html
    assert "Draft objection" not in html
    assert f"?persona={persona.slug}" in html
    assert "{#" not in html


def test_the_partial_has_an_empty_state(persona):
    html = render_to_string("personas/_profile_messaging.html", {"persona": persona})
    assert "No approved messaging for this persona yet." in html
