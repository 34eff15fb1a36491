"""Two editors saving the same persona at the same moment: the second is refused as a
stale save (its text kept), never silently written over the first (PostgreSQL: SQLite's
in-memory test database cannot run two transactions at once)."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from personas import services
from personas.forms import PersonaForm
from personas.models import Persona
from personas.roles import MARKETING
from tests.collateral.test_concurrency import (
    hold_first_call_open,
    needs_real_concurrency,
    run_at_once,
)
from tests.conftest import client_for, make_user
from tests.personas.conftest import make_persona


@needs_real_concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_second_of_two_simultaneous_saves_is_refused_not_lost(monkeypatch):
    persona = make_persona(name="Finance Fiona", slug="fiona", summary="Before.")
    seen = PersonaForm(instance=persona).initial["seen"]
    editors: list[Client] = [client_for(make_user(f"editor{n}", MARKETING)) for n in (1, 2)]
    url = reverse("personas:edit", args=["fiona"])
    # Inside the save's transaction: the first save is written but not committed.
    first_saved, let_first_commit = hold_first_call_open(monkeypatch, services.search, "index")
    statuses: dict[str, int] = {}

    def post(client, name, summary):
        data = {"name": "Finance Fiona", "slug": "fiona", "buying_role": "user"}
        response = client.post(url, {**data, "summary": summary, "seen": seen})
        statuses[name] = response.status_code

    def first():
        post(editors[0], "first", "First editor's summary.")

    def second():
        first_saved.wait(timeout=10)
        # Without the row lock this save would pass the stale check and be written now;
        # with it, it waits for the first to commit and then sees the newer save.
        threading.Timer(0.5, let_first_commit.set).start()
        post(editors[1], "second", "Second editor's summary.")

    assert run_at_once([first, second]) == []
    assert statuses == {"first": 302, "second": 200}  # the second sees "someone else saved"
    assert Persona.objects.get(slug="fiona").summary == "First editor's summary."
