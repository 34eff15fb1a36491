"""Property tests (Hypothesis) over every messaging form and query parameter: never a 500,
and a refused input writes nothing (issue #14, point 13)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from messaging.models import PersonaMessage
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely
from tests.messaging.conftest import approve_one, make_objection, make_pillar, make_term
from tests.personas.conftest import make_persona


@pytest.fixture
def house(marketer, persona, approved_positioning):
    """Approved and draft items, and a persona sales cannot see."""
    pillar = approve_one(make_pillar(marketer), marketer)
    draft_term = make_term(marketer, "Sales-ready lead")
    objection = approve_one(make_objection(marketer, persona=persona), marketer)
    hidden = make_persona(name="Draft Dora", slug="draft-dora", status="draft")
    return {
        "pillar": pillar,
        "draft_term": draft_term,
        "objection": objection,
        "hidden": hidden,
        "ids": [persona.slug, persona.pk, hidden.slug, hidden.pk, pillar.pk, str(pillar.key)],
    }


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("messaging:home", ["persona", "page"]),
        ("messaging:review", ["page"]),
        ("messaging:glossary", ["letter", "q"]),
        ("messaging:objections", ["persona", "page"]),
    ],
)
@pytest.mark.parametrize("role", ["rep_client", "marketer_client"])
def test_messaging_pages_never_fail(request, house, name, fields, role):
    client = request.getfixturevalue(role)

    @PAGE_PROPERTY
    @given(params=params_for({field: hostile("any", *house["ids"]) for field in fields}))
    def check(params):
        get_safely(client, reverse(name), params)

    check()


FORM_FIELDS = {
    "positioning": [
        "value_proposition",
        "target_customer",
        "need",
        "category",
        "benefit",
        "alternative",
        "differentiator",
        "elevator_pitch",
        "change_note",
    ],
    "pillars": [
        "name",
        "summary",
        "order",
        "change_note",
        "proof-TOTAL_FORMS",
        "proof-INITIAL_FORMS",
        "proof-MIN_NUM_FORMS",
        "proof-MAX_NUM_FORMS",
        "proof-0-claim",
        "proof-0-evidence",
        "proof-0-source_url",
        "proof-0-id",
        "proof-0-DELETE",
    ],
    "messages": ["persona", "headline", "key_messages", "pillars", "change_note"],
    "boilerplates": ["length", "text", "change_note"],
    "glossary": ["term", "definition", "change_note"],
    "objections": ["persona", "objection", "response", "change_note"],
}


@pytest.mark.parametrize("kind", list(FORM_FIELDS))
def test_new_item_forms_never_fail_and_refusals_write_nothing(marketer_client, house, kind):
    ids = house["ids"]

    @PROPERTY
    @given(
        query=params_for({"persona": hostile(*ids), "length": hostile(25, 50, 100)}),
        params=params_for(
            {field: hostile(*ids, 0, 1, 25, "word " * 25) for field in FORM_FIELDS[kind]}
        ),
    )
    def check(query, params):
        url = reverse("messaging:create", args=[kind])
        get_safely(marketer_client, url, query)
        post_safely(marketer_client, url, params)

    check()
    # A draft persona may get marketing's draft messages, never an unknown one.
    assert not PersonaMessage.objects.filter(persona__isnull=True).exists()


@pytest.mark.parametrize("kind", ["glossary", "objections", "pillars"])
def test_edit_forms_never_fail_and_refusals_write_nothing(marketer_client, house, kind):
    item = {"glossary": house["draft_term"], "objections": house["objection"]}.get(
        kind, house["pillar"]
    )

    @PROPERTY
    @given(params=params_for({field: hostile(*house["ids"]) for field in FORM_FIELDS[kind]}))
    def check(params):
        post_safely(marketer_client, reverse("messaging:edit", args=[kind, item.key]), params)

    check()


def test_signing_never_fails_and_refusals_write_nothing(manager_client, marketer, house):
    from messaging import workflow

    term = house["draft_term"]
    workflow.submit(term, marketer)

    @PROPERTY
    @given(
        side=hostile("marketing", "sales"),
        version=st.sampled_from([term.version, 2**31 - 1, 2**31, 2**63]),
    )
    def check(side, version):
        url = f"/messaging/glossary/{term.key}/v{version}/sign/"
        post_safely(manager_client, url, {"side": side})

    check()
