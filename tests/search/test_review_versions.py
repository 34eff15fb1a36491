"""Search answers "what may I say": a version in review is read from the review queue by
those who sign it, and found in search by Marketing only."""

import pytest
from django.urls import reverse

from messaging import workflow
from tests.messaging.conftest import make_term, sign_both

pytestmark = pytest.mark.django_db


def found(client, q: str) -> str:
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def term_in_review(marketer, rep):
    term = make_term(marketer, "Sales-accepted lead")
    term.definition = "Accepted within one day."
    term.save()
    approved = sign_both(term, marketer, rep)
    draft = workflow.new_draft(approved, marketer, definition="Accepted within four hours.")
    return workflow.submit(draft, marketer)


def test_a_rep_who_may_sign_finds_the_approved_definition_only(rep_client, term_in_review):
    assert "within one <mark>day</mark>" in found(rep_client, "day")
    assert "Nothing matches" in found(rep_client, "hours")
    # ...while the review queue still offers the version to sign.
    page = rep_client.get(term_in_review.get_version_url()).content.decode()
    assert "Accepted within four hours." in page


def test_marketing_finds_the_version_in_review_marked_as_such(marketer_client, term_in_review):
    body = found(marketer_client, "hours")
    assert "within four <mark>hours</mark>" in body
    assert "In review" in body


def test_a_stage_filter_says_it_leaves_personas_and_messaging_out(rep_client, term_in_review):
    response = rep_client.get(reverse("search"), {"q": "accepted", "stage": "decision"})
    body = response.content.decode()
    assert "Buying stages sort collateral only" in body
    assert "Search them too" in body
