"""Two editors saving one messaging draft at the same moment: the second is refused as a
stale save, not written over the first (PostgreSQL only, like tests/personas')."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from messaging import workflow
from messaging.models import GlossaryTerm
from messaging.views.editing import FORMS
from personas.roles import MARKETING
from tests.collateral.test_concurrency import (
    hold_first_call_open,
    needs_real_concurrency,
    run_at_once,
)
from tests.conftest import client_for, make_user
from tests.messaging.conftest import make_term


@needs_real_concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_second_of_two_simultaneous_saves_of_a_draft_is_refused(monkeypatch):
    editors: list[Client] = [client_for(make_user(f"editor{n}", MARKETING)) for n in (1, 2)]
    term = make_term(make_user("author", MARKETING), term="SQL")
    seen = FORMS[term.kind](instance=term).initial["seen"]
    url = reverse("messaging:edit", args=[term.kind, term.key])
    # Inside the save's transaction: written, not committed.
    first_saved, let_first_commit = hold_first_call_open(monkeypatch, workflow.search, "sync")
    statuses: dict[str, int] = {}

    def post(client, name, definition):
        data = {"term": "SQL", "definition": definition, "change_note": "Edit", "seen": seen}
        statuses[name] = client.post(url, data).status_code

    def second():
        first_saved.wait(timeout=10)
        threading.Timer(0.5, let_first_commit.set).start()
        post(editors[1], "second", "The second editor's meaning.")

    first = lambda: post(editors[0], "first", "The first editor's meaning.")  # noqa: E731
    assert run_at_once([first, second]) == []
    assert statuses == {"first": 302, "second": 200}
    assert GlossaryTerm.objects.get(key=term.key).definition == "The first editor's meaning."
