"""The pages: messaging house, glossary, objections, review queue, history; and their query
counts, which must not grow with the amount of messaging."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from messaging import workflow
from messaging.models import Objection
from personas.models import Persona
from tests.messaging.conftest import (
    approve_one,
    make_boilerplate,
    make_message,
    make_objection,
    make_pillar,
    make_term,
    make_wording,
    new_positioning,
    sign_both,
)

pytestmark = pytest.mark.django_db


def add_messaging(marketer, signer, count: int, start: int = 0) -> None:
    """`count` approved items of every kind, plus drafts and items in review."""
    for n in range(start, start + count):
        persona = Persona.objects.create(
            name=f"Persona {n}",
            slug=f"persona-{n}",
            buying_role=Persona.BuyingRole.USER,
            summary="Someone.",
            status=Persona.Status.PUBLISHED,
        )
        pillar = approve_one(make_pillar(marketer, name=f"Pillar {n}", points=3), marketer)
        message = make_message(marketer, persona, headline=f"Headline {n}")
        message.pillars.set([pillar])
        approve_one(message, marketer)
        sign_both(make_term(marketer, term=f"Term {n}"), marketer, signer)
        approve_one(make_objection(marketer, f"Objection {n}", persona=persona), marketer)
        approve_one(make_objection(marketer, f"General objection {n}"), marketer)
        make_pillar(marketer, name=f"Draft pillar {n}")
        approve_one(make_wording(marketer, phrase=f"Old name {n}"), marketer)
        waiting = make_term(marketer, term=f"Waiting term {n}")
        workflow.submit(waiting, marketer)
        workflow.sign(waiting, marketer)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def assert_constant_queries(client, url, grow, django_assert_max_num_queries) -> int:
    """The page's query count with little data also holds after `grow()` adds much more."""
    small = count_queries(client, url)
    grow()
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    return small


# --- Messaging house -------------------------------------------------------------------------


def test_home_reads_like_a_messaging_house(rep_client, approved_positioning, marketer):
    approve_one(make_pillar(marketer, name="Live in weeks"), marketer)
    approve_one(make_boilerplate(marketer, 25), marketer)
    body = rep_client.get(reverse("messaging:home")).content.decode()
    assert "Flow ships orders on time." in body
    assert "our product is <strong>a workflow-automation platform</strong>" in body
    assert "Live in weeks" in body
    assert "Claim 0" in body
    assert "25 words" in body
    assert 'class="btn btn-small copy-button"' in body
    assert "js/messaging.js" in body
    assert reverse("messaging:glossary") in body
    assert reverse("messaging:objections") in body


def test_the_positioning_statement_is_one_escaped_sentence_on_both_pages(
    rep_client, marketer, manager
):
    positioning = sign_both(
        new_positioning(marketer, alternative="<b>spreadsheets</b> & e-mail"), marketer, manager
    )
    sentence = (
        "For <strong>mid-market distributors</strong> who <strong>lose orders to exceptions"
        "</strong>, our product is <strong>a workflow-automation platform</strong> that "
        "<strong>routes every exception to the right person</strong>. Unlike "
        "<strong>&lt;b&gt;spreadsheets&lt;/b&gt; &amp; e-mail</strong>, we "
        "<strong>go live in weeks</strong>."
    )
    assert positioning.statement == sentence
    for url in (reverse("messaging:home"), positioning.get_absolute_url()):
        assert f'<p class="statement">{sentence}</p>' in rep_client.get(url).content.decode()


def test_home_shows_only_approved_items_to_reps(rep_client, marketer):
    make_pillar(marketer, name="Secret draft pillar")
    approve_one(make_pillar(marketer, name="Public pillar"), marketer)
    draft = new_positioning(marketer, value_proposition="Unsigned promise")
    workflow.submit(draft, marketer)
    workflow.sign(draft, marketer)
    body = rep_client.get(reverse("messaging:home")).content.decode()
    assert "Public pillar" in body
    assert "Secret draft pillar" not in body
    assert "Unsigned promise" not in body
    assert "No positioning has been approved yet." in body


def test_home_links_proof_point_sources(rep_client, marketer):
    pillar = make_pillar(marketer, points=0)
    pillar.proof_points.create(claim="Fast", source_url="https://example.com/study")
    approve_one(pillar, marketer)
    body = rep_client.get(reverse("messaging:home")).content.decode()
    assert 'href="https://example.com/study"' in body


def test_home_query_count_is_constant(
    rep_client, marketer, manager, approved_positioning, django_assert_max_num_queries
):
    add_messaging(marketer, manager, 1)
    url = reverse("messaging:home")
    small = assert_constant_queries(
        rep_client,
        url,
        lambda: add_messaging(marketer, manager, 12, start=1),
        django_assert_max_num_queries,
    )
    # One more than before the retired wording list joined the messaging home.
    assert small <= 15


def test_home_query_count_is_constant_for_marketing(
    marketer_client, marketer, manager, django_assert_max_num_queries
):
    add_messaging(marketer, manager, 1)
    assert_constant_queries(
        marketer_client,
        reverse("messaging:home"),
        lambda: add_messaging(marketer, manager, 8, start=1),
        django_assert_max_num_queries,
    )


# --- Glossary and objections -----------------------------------------------------------------


def test_glossary_lists_approved_terms_a_to_z_with_anchors(rep_client, marketer, rep):
    sign_both(make_term(marketer, term="Opportunity"), marketer, rep)
    sign_both(make_term(marketer, term="Churn-risk account"), marketer, rep)
    make_term(marketer, term="Unapproved term")
    body = rep_client.get(reverse("messaging:glossary")).content.decode()
    assert body.index("Churn-risk account") < body.index("Opportunity")
    assert 'id="term-churn-risk-account"' in body
    assert 'href="#letter-c"' in body
    assert 'id="letter-o"' in body
    assert "Unapproved term" not in body


def test_objections_filter_by_persona(rep_client, marketer, persona):
    approve_one(make_objection(marketer, "Too expensive for us", persona=persona), marketer)
    approve_one(make_objection(marketer, "Not now"), marketer)
    make_objection(marketer, "Draft objection")
    everything = rep_client.get(reverse("messaging:objections")).content.decode()
    assert "Too expensive for us" in everything
    assert "Not now" in everything
    assert "Draft objection" not in everything
    fiona = rep_client.get(reverse("messaging:objections"), {"persona": persona.slug})
    assert "Too expensive for us" in fiona.content.decode()
    assert "Not now" not in fiona.content.decode()
    general = rep_client.get(reverse("messaging:objections"), {"persona": "any"})
    assert "Not now" in general.content.decode()
    assert "Too expensive for us" not in general.content.decode()


def test_objections_of_a_draft_persona_stay_hidden_from_reps(rep_client, marketer, persona):
    persona.status = Persona.Status.DRAFT
    persona.save(update_fields=["status"])
    approve_one(make_objection(marketer, "Draft persona objection", persona=persona), marketer)
    body = rep_client.get(reverse("messaging:objections")).content.decode()
    assert "Draft persona objection" not in body
    bogus = rep_client.get(reverse("messaging:objections"), {"persona": persona.slug})
    assert bogus.status_code == 200
    assert "No approved objections for this filter." in bogus.content.decode()


def test_objections_are_paginated(rep_client, marketer):
    Objection.objects.bulk_create(
        Objection(
            objection=f"Objection {n:02}", response="R", status="approved", created_by=marketer
        )
        for n in range(25)
    )
    first = rep_client.get(reverse("messaging:objections")).content.decode()
    assert "Objection 19" in first
    assert "Objection 20" not in first
    second = rep_client.get(reverse("messaging:objections"), {"page": 2}).content.decode()
    assert "Objection 24" in second


# --- Review queue ----------------------------------------------------------------------------


def test_review_queue_shows_a_rep_what_waits_for_a_sales_signature(rep_client, marketer):
    term = make_term(marketer, term="Expansion opportunity")
    workflow.submit(term, marketer)
    workflow.sign(term, marketer)
    pillar = make_pillar(marketer, name="Pillar in review")
    workflow.submit(pillar, marketer)
    make_term(marketer, term="Unsubmitted draft")
    body = rep_client.get(reverse("messaging:review")).content.decode()
    assert "Expansion opportunity" in body
    assert term.get_version_url() in body
    assert "Pillar in review" not in body
    assert "Unsubmitted draft" not in body


def test_review_queue_is_empty_once_the_rep_signed(rep_client, marketer, rep):
    term = make_term(marketer)
    workflow.submit(term, marketer)
    workflow.sign(term, rep)
    body = rep_client.get(reverse("messaging:review")).content.decode()
    assert "Nothing waits for your sign-off." in body


def test_review_queue_shows_marketing_its_approvals_and_drafts(marketer_client, marketer):
    pillar = make_pillar(marketer, name="Pillar in review")
    workflow.submit(pillar, marketer)
    make_term(marketer, term="Unsubmitted draft")
    body = marketer_client.get(reverse("messaging:review")).content.decode()
    assert "Pillar in review" in body
    assert "Unsubmitted draft" in body
    assert "Other work in progress" in body


@pytest.mark.parametrize("role", ["rep", "marketer"])
def test_review_queue_query_count_is_constant(
    request, role, marketer, manager, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"{role}_client")
    add_messaging(marketer, manager, 1)
    assert_constant_queries(
        client,
        reverse("messaging:review"),
        lambda: add_messaging(marketer, manager, 8, start=1),
        django_assert_max_num_queries,
    )


# --- History ---------------------------------------------------------------------------------


def test_history_lists_every_version_with_signatures_and_compare_links(
    marketer_client, approved_positioning, marketer, rep
):
    second = workflow.new_draft(approved_positioning, marketer, change_note="Sharper need")
    sign_both(second, marketer, rep)
    body = marketer_client.get(second.get_history_url()).content.decode()
    assert "v1" in body
    assert "v2" in body
    assert "Retired" in body
    assert "Approved" in body
    assert "Sharper need" in body
    assert "Rep" in body  # the sales signer's name
    assert reverse("messaging:compare", args=["positioning", second.key, 1, 2]) in body


def test_history_query_count_is_constant(
    marketer_client, approved_positioning, marketer, manager, django_assert_max_num_queries
):
    current = approved_positioning

    def more_versions():
        nonlocal current
        for n in range(10):
            current = sign_both(
                workflow.new_draft(current, marketer, need=f"need {n}"), marketer, manager
            )

    assert_constant_queries(
        marketer_client,
        approved_positioning.get_history_url(),
        more_versions,
        django_assert_max_num_queries,
    )


def test_pillar_history_query_count_is_constant(
    marketer_client, marketer, django_assert_max_num_queries
):
    pillar = approve_one(make_pillar(marketer, points=3), marketer)

    def more_versions():
        current = pillar
        for n in range(8):
            current = approve_one(workflow.new_draft(current, marketer, name=f"P{n}"), marketer)

    assert_constant_queries(
        marketer_client, pillar.get_history_url(), more_versions, django_assert_max_num_queries
    )
