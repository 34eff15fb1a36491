"""Search hides a persona's messages and objections while the persona is hidden, as every
messaging page does, and a persona filter keeps the objections any buyer raises (as the
call-prep brief does)."""

import pytest
from django.urls import reverse

from messaging.models import Objection
from tests.conftest import client_for
from tests.messaging.conftest import approve_one

pytestmark = pytest.mark.django_db


def messaging_titles(client, q: str, **params) -> list[str]:
    response = client.get(reverse("search"), {"q": q, "kind": "messaging", **params})
    assert response.status_code == 200
    groups = {group.key: group for group in response.context["groups"]}
    return [hit.title for hit in groups["messaging"].hits]


def test_a_rep_no_longer_finds_the_lines_of_an_archived_persona(marketer, rep_client, world):
    assert messaging_titles(rep_client, "chargeback")  # Fiona's message and objection
    client_for(marketer).post(reverse("personas:archive", args=["finance-fiona"]))
    assert messaging_titles(rep_client, "chargeback") == []
    assert (
        "Nothing matches" in rep_client.get(reverse("search"), {"q": "carrier"}).content.decode()
    )


def test_a_rep_never_finds_the_lines_of_a_draft_persona(marketer, rep_client, world):
    objection = Objection.objects.create(
        persona=world["paula"],
        objection="Procurement hates zeppelin tariffs",
        response="Approved while Paula is still a draft.",
        created_by=marketer,
    )
    approve_one(objection, marketer)
    assert messaging_titles(rep_client, "tariffs") == []
    assert messaging_titles(client_for(marketer), "tariffs") == [objection.objection]


def test_a_persona_filter_keeps_the_objections_any_buyer_raises(marketer, rep_client, world):
    anyone = Objection.objects.create(
        objection="Our ERP already handles chargebacks",
        response="Only after the carrier bills you.",
        created_by=marketer,
    )
    approve_one(anyone, marketer)
    filtered = messaging_titles(rep_client, "chargebacks", persona="finance-fiona")
    assert anyone.objection in filtered
    assert world["objection"].objection in filtered
