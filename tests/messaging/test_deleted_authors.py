"""An item whose author or approver was deleted (the admin allows it for people who signed
nothing) still reads, with "—" where the name was, on every page that names them."""

import pytest
from django.urls import reverse

from messaging import workflow
from personas.roles import MARKETING
from tests.conftest import make_user
from tests.messaging.conftest import approve_one, make_objection, make_term

pytestmark = pytest.mark.django_db


def test_the_review_queue_and_the_version_page_survive_a_deleted_author(
    marketer_client, rep_client, marketer
):
    author = make_user("leaver", MARKETING)
    term = workflow.submit(make_term(author, term="Sales-ready lead"), author)
    author.delete()
    term.refresh_from_db()
    assert term.created_by is None
    for client in (rep_client, marketer_client):
        page = client.get(reverse("messaging:review"))
        assert page.status_code == 200
        assert "Written by —" in page.content.decode()
        assert client.get(term.get_version_url()).status_code == 200
    history = reverse("messaging:history", args=["glossary", term.key])
    assert marketer_client.get(history).status_code == 200


def test_history_and_compare_survive_a_deleted_approver(marketer_client, marketer):
    approver = make_user("approver", MARKETING)
    objection = approve_one(make_objection(approver, "Too expensive."), approver)
    draft = workflow.new_draft(objection, marketer, response="Payback in nine months.")
    approver.delete()
    key = objection.key
    for url in (
        objection.get_absolute_url(),
        reverse("messaging:history", args=["objections", key]),
        reverse("messaging:compare", args=["objections", key, 1, draft.version]),
    ):
        response = marketer_client.get(url)
        assert response.status_code == 200, url
        assert "—" in response.content.decode()
