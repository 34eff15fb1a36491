"""The change log of messaging: submit, sign, approve and retire, per item (its key)."""

from django.urls import reverse

from messaging import workflow
from personas.changelog import ChangeLog
from tests.messaging.conftest import (
    approve_one,
    make_pillar,
    make_term,
    new_positioning,
    sign_both,
)


def entries(item):
    return list(
        ChangeLog.objects.filter(object_type=item.kind, object_id=str(item.key)).order_by("pk")
    )


def test_two_signatures_are_recorded_with_their_sides(marketer, rep):
    item = sign_both(new_positioning(marketer), marketer, rep)
    logged = entries(item)
    assert [entry.action for entry in logged] == ["submit", "sign", "sign"]
    assert logged[1].after["side"] == "Marketing"
    assert logged[1].user == marketer
    assert logged[2].after == {"version": 1, "status": "Approved", "side": "Sales"}
    assert logged[2].user == rep


def test_approve_and_retire_are_recorded(marketer, manager_client):
    pillar = approve_one(make_pillar(marketer), marketer)
    workflow.retire(pillar, marketer)
    assert [entry.action for entry in entries(pillar)] == ["submit", "approve", "retire"]
    assert entries(pillar)[2].before == {"status": "Approved"}
    # The History page is under the item's key; a retired item is 404 for managers.
    url = reverse("messaging:changes", args=[pillar.kind, pillar.key])
    assert manager_client.get(url).status_code == 404


def test_messaging_history_page_for_managers_not_reps(marketer, manager_client, rep_client):
    pillar = approve_one(make_pillar(marketer, name="Fewer exceptions"), marketer)
    url = reverse("messaging:changes", args=[pillar.kind, pillar.key])
    body = manager_client.get(url).content.decode()
    assert "Submitted for review" in body
    assert "Approved" in body
    assert url in manager_client.get(pillar.get_absolute_url()).content.decode()
    assert rep_client.get(url).status_code == 403


def test_a_manager_opens_the_history_of_a_term_still_in_review(marketer, manager_client):
    term = make_term(marketer, term="Expansion opportunity")
    workflow.submit(term, marketer)
    page = manager_client.get(term.get_version_url()).content.decode()
    url = reverse("messaging:changes", args=[term.kind, term.key])
    assert url in page
    history = manager_client.get(url)
    assert history.status_code == 200
    assert "Submitted for review" in history.content.decode()
    # Its breadcrumb leads back to the version in review, not to a 404.
    assert f'<a href="{term.get_version_url()}">Expansion opportunity</a>' in (
        history.content.decode()
    )
    assert manager_client.get(term.get_absolute_url()).status_code == 404


def test_the_history_of_a_draft_never_submitted_stays_hidden_from_managers(
    marketer, manager_client
):
    term = make_term(marketer, term="Expansion opportunity")
    url = reverse("messaging:changes", args=[term.kind, term.key])
    assert manager_client.get(url).status_code == 404


def test_writing_editing_and_a_new_version_are_recorded_with_what_changed(
    marketer_client, marketer, db
):
    from messaging.models import Pillar

    url = reverse("messaging:create", args=["pillars"])
    rows = {"proof-TOTAL_FORMS": "1", "proof-INITIAL_FORMS": "0"}
    point = {"proof-0-claim": "34% fewer exceptions", "proof-0-evidence": "Northwind, Q3"}
    fields = {"name": "Fewer exceptions", "summary": "One desk.", "order": "0"}
    assert marketer_client.post(url, {**fields, **rows, **point}).status_code == 302
    pillar = Pillar.objects.get()
    edit = reverse("messaging:edit", args=[pillar.kind, pillar.key])
    page = marketer_client.get(edit)
    seen = page.context["form"].seen_token()
    points = {
        "proof-TOTAL_FORMS": "1",
        "proof-INITIAL_FORMS": "1",
        "proof-0-id": str(pillar.proof_points.get().pk),
        "proof-0-pillar": str(pillar.pk),
        **point,
    }
    marketer_client.post(edit, {**fields, **points, "summary": "One desk for all.", "seen": seen})
    approved = approve_one(Pillar.objects.get(), marketer)
    page = marketer_client.get(edit)
    data = {**fields, **points, "summary": "One desk for all.", "change_note": "Q4"}
    data["proof-0-claim"] = "40% fewer exceptions"
    data["seen"] = page.context["form"].seen_token()
    assert marketer_client.post(edit, data).status_code == 302

    logged = entries(approved)
    assert [entry.action for entry in logged] == [
        "create",
        "edit",
        "submit",
        "approve",
        "new_version",
    ]
    assert logged[0].after["name"] == "Fewer exceptions"
    assert logged[0].after["proof_points"] == ["34% fewer exceptions"]
    assert logged[1].before == {"summary": "One desk."}
    assert logged[1].after == {"version": 1, "summary": "One desk for all."}
    assert logged[4].before == {"version": 1, "proof_points": ["34% fewer exceptions"]}
    assert logged[4].after == {"version": 2, "proof_points": ["40% fewer exceptions"]}
    assert all(entry.user == marketer for entry in logged)
    body = marketer_client.get(reverse("messaging:changes", args=[pillar.kind, pillar.key]))
    assert "40% fewer exceptions" in body.content.decode()
