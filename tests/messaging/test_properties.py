"""Property tests (Hypothesis) over every messaging form and query parameter: never a 500,
and a refused input writes nothing (issue #14, point 13)."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from messaging.models import PersonaMessage, RetiredWording, Status
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely
from tests.messaging.conftest import (
    approve_one,
    make_objection,
    make_pillar,
    make_term,
    make_wording,
)
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
        ("messaging:wording", ["page"]),
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


# Phrases that are hard on the form: blank, word-less, one past the limit, the same words in
# another case or spacing, and letters whose upper and lower case fold differently
# (dotted capital I, final sigma, the Kelvin sign, sharp s).
PHRASES = [
    "Brightline Dispatch",
    "brightline   DISPATCH",
    " Brightline\nDispatch ",
    "istanbul express",
    "ISTANBUL EXPRESS",
    "İSTANBUL EXPRESS",
    "Kelvin Kit",
    "\u212aelvin kit",
    "ΣΟΦΟΣ",
    "σοφος",
    "σοφοσ",
    "Straße",
    "STRASSE",
    "   ",
    "!!! ???",
    "x" * 201,
    "y" * 200,
    "new product name",
]


def test_retired_wording_form_never_fails_refuses_bad_phrases_and_round_trips(
    marketer_client, marketer
):
    """An accepted phrase is stored normalised and can then be approved; a refused one is a
    form error and writes nothing. A phrase already on the list in any case is refused."""
    approve_one(make_wording(marketer, phrase="Brightline Dispatch"), marketer)
    approve_one(make_wording(marketer, phrase="İstanbul Express"), marketer)
    make_wording(marketer, phrase="Kelvin kit")  # a draft blocks its phrase too
    url = reverse("messaging:create", args=["wording"])

    hostile_form = params_for(
        {
            "phrase": hostile(*PHRASES),
            "replacement": hostile("Brightline Flow", "x" * 301),
            "reason": hostile("Renamed in 2024.", "x" * 1001),
            "change_note": hostile("First entry"),
        }
    )
    # Every hard phrase on an otherwise good form, so each one reaches the phrase checks.
    good_form = st.fixed_dictionaries(
        {
            "phrase": st.sampled_from(PHRASES),
            "replacement": st.just("Brightline Flow"),
            "reason": st.just("Renamed in 2024."),
        }
    )

    @settings(PROPERTY, max_examples=40)
    @given(params=st.one_of(good_form, hostile_form))
    def check(params):
        before = set(RetiredWording.objects.values_list("pk", flat=True))
        response = post_safely(marketer_client, url, params)
        new = RetiredWording.objects.exclude(pk__in=before)
        if response.status_code == 400:
            assert "NUL character (%00)" in response.content.decode()
            return
        if response.status_code == 200:
            assert 'class="errorlist' in response.content.decode()
            assert not new.exists()
            return
        assert response.status_code == 302
        item = new.get()
        sent = {
            name: value[-1] if isinstance(value, list) else value for name, value in params.items()
        }
        assert item.phrase == RetiredWording.normalise(sent["phrase"])
        others = RetiredWording.objects.exclude(pk=item.pk).exclude(status=Status.RETIRED)
        if item.phrase.isascii():  # (beyond ASCII, each database folds case its own way)
            folded = {phrase.lower() for phrase in others.values_list("phrase", flat=True)}
            assert item.phrase.lower() not in folded
        assert (item.replacement, item.reason) == (
            sent["replacement"].strip(),
            sent["reason"].strip(),
        )
        # What the form accepted, the one-step approval accepts too (no constraint error).
        for step in ("submit", "approve"):
            done = marketer_client.post(
                reverse(f"messaging:{step}", args=["wording", item.key, 1]),
                {"read": item.content_digest()},
            )
            assert done.status_code == 302
        assert RetiredWording.objects.get(pk=item.pk).status == Status.APPROVED

    check()
