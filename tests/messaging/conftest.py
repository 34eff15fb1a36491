"""Messaging fixtures: extra people and small factories that go through the real workflow."""

import pytest
from django.contrib.auth.models import User

from messaging import workflow
from messaging.models import (
    Boilerplate,
    GlossaryTerm,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    ProofPoint,
    RetiredWording,
)
from personas.models import Persona
from personas.roles import MANAGERS, MARKETING, SALES
from tests.conftest import client_for, make_user

POSITIONING_FIELDS = {
    "value_proposition": "Flow ships orders on time.",
    "target_customer": "mid-market distributors",
    "need": "lose orders to exceptions",
    "category": "a workflow-automation platform",
    "benefit": "routes every exception to the right person",
    "alternative": "spreadsheets",
    "differentiator": "go live in weeks",
    "elevator_pitch": "Every distributor loses orders to exceptions.",
}


@pytest.fixture
def marketer2(db) -> User:
    return make_user("marketer2", MARKETING)


@pytest.fixture
def both_roles(db) -> User:
    """Someone in Marketing and in Sales: may sign either side, never both."""
    return make_user("both", MARKETING, SALES)


@pytest.fixture
def both_roles_client(both_roles):
    return client_for(both_roles)


@pytest.fixture
def sales_manager(db) -> User:
    return make_user("salesmanager", MANAGERS)


@pytest.fixture
def persona(db) -> Persona:
    return Persona.objects.create(
        name="Finance Fiona",
        slug="finance-fiona",
        buying_role=Persona.BuyingRole.ECONOMIC_BUYER,
        summary="CFO of a mid-market distributor.",
        status=Persona.Status.PUBLISHED,
    )


def new_positioning(author: User, **fields) -> Positioning:
    return Positioning.objects.create(created_by=author, **{**POSITIONING_FIELDS, **fields})


def sign_both(item, marketer: User, sales: User):
    workflow.submit(item, marketer)
    workflow.sign(item, marketer, "marketing")
    return workflow.sign(item, sales, "sales")


def approve_one(item, marketer: User):
    workflow.submit(item, marketer)
    return workflow.approve(item, marketer)


@pytest.fixture
def approved_positioning(marketer, manager) -> Positioning:
    return sign_both(new_positioning(marketer), marketer, manager)


def make_pillar(author: User, name: str = "Fewer exceptions", points: int = 2, **fields) -> Pillar:
    pillar = Pillar.objects.create(
        name=name, summary=f"{name}, explained.", created_by=author, **fields
    )
    ProofPoint.objects.bulk_create(
        ProofPoint(pillar=pillar, claim=f"Claim {n}", evidence=f"Evidence {n}", order=n)
        for n in range(points)
    )
    return pillar


def make_term(author: User, term: str = "Marketing-qualified lead", **fields) -> GlossaryTerm:
    return GlossaryTerm.objects.create(
        term=term, definition=f"What {term} means.", created_by=author, **fields
    )


def make_boilerplate(author: User, length: int = 25, words: int | None = None) -> Boilerplate:
    return Boilerplate.objects.create(
        length=length, text=" ".join(["word"] * (words or length)), created_by=author
    )


def make_objection(author: User, text: str = "Too expensive.", persona=None) -> Objection:
    return Objection.objects.create(
        objection=text, response="Look at the payback.", persona=persona, created_by=author
    )


def make_message(author: User, persona: Persona, headline: str = "Payback in a year"):
    return PersonaMessage.objects.create(
        persona=persona, headline=headline, key_messages="One\nTwo", created_by=author
    )


def pillar_data(name: str = "Fewer exceptions", summary: str = "Why.", points=(), initial=0):
    """POST data for the pillar form and its proof-point formset."""
    data = {
        "name": name,
        "summary": summary,
        "order": "1",
        "change_note": "",
        "proof-TOTAL_FORMS": str(len(points)),
        "proof-INITIAL_FORMS": str(initial),
        "proof-MIN_NUM_FORMS": "0",
        "proof-MAX_NUM_FORMS": "1000",
    }
    for index, point in enumerate(points):
        for field, value in point.items():
            data[f"proof-{index}-{field}"] = value
    return data


def make_wording(author: User, phrase: str = "guaranteed 50% savings", **fields):
    return RetiredWording.objects.create(
        phrase=phrase,
        replacement=fields.pop("replacement", "payback in nine months"),
        reason=fields.pop("reason", "Withdrawn claim."),
        created_by=author,
        **fields,
    )
