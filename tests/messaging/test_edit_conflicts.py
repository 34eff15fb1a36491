"""Two editors, one item: a save on a form opened before someone else's save is refused once,
with everything typed kept; saving again is a deliberate "mine wins"."""

import pytest
from django.urls import reverse

from messaging import workflow
from messaging.models import GlossaryTerm, Pillar
from tests.conftest import client_for
from tests.messaging.conftest import approve_one, make_pillar, make_term, sign_both

pytestmark = pytest.mark.django_db


@pytest.fixture
def marketer2_client(marketer2):
    return client_for(marketer2)


CHANGED = "Someone else saved this"


def edit_url(item) -> str:
    return reverse("messaging:edit", args=[item.kind, item.key])


def as_posted(response) -> dict:
    """The form (and proof points) exactly as the page shows them, ready to post back."""
    data = {}
    forms = [response.context["form"]]
    formset = response.context.get("proof_points")
    if formset is not None:
        forms += list(formset)
        data.update({field.html_name: field.value() for field in formset.management_form})
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = value
    return data


def test_a_draft_saved_by_someone_else_meanwhile_is_not_overwritten(
    marketer_client, marketer2_client, marketer
):
    term = make_term(marketer)
    mine = as_posted(marketer_client.get(edit_url(term)))
    theirs = as_posted(marketer2_client.get(edit_url(term)))
    marketer2_client.post(edit_url(term), {**theirs, "definition": "Their definition."})

    response = marketer_client.post(edit_url(term), {**mine, "definition": "My definition."})
    assert response.status_code == 200
    body = response.content.decode()
    assert CHANGED in body
    assert "My definition." in body  # kept in the form
    term.refresh_from_db()
    assert term.definition == "Their definition."

    again = as_posted(response)
    assert marketer_client.post(edit_url(term), again).status_code == 302
    term.refresh_from_db()
    assert term.definition == "My definition."


def test_an_edit_opened_on_an_older_approved_version_does_not_undo_the_newer_one(
    marketer_client, marketer, rep
):
    term = sign_both(make_term(marketer), marketer, rep)
    stale = as_posted(marketer_client.get(edit_url(term)))
    newer = workflow.new_draft(term, marketer, definition="A sentence they added.")
    sign_both(newer, marketer, rep)

    response = marketer_client.post(edit_url(term), {**stale, "term": "MQL"})
    assert CHANGED in response.content.decode()
    assert GlossaryTerm.objects.filter(key=term.key).count() == 2  # no version 3 from v1


def test_a_proof_point_removed_meanwhile_comes_back_as_a_new_row_not_a_dead_end(
    marketer_client, marketer2_client, marketer
):
    pillar = make_pillar(marketer, points=2)
    mine = as_posted(marketer_client.get(edit_url(pillar)))
    theirs = as_posted(marketer2_client.get(edit_url(pillar)))
    marketer2_client.post(edit_url(pillar), {**theirs, "proof-1-DELETE": "on"})
    assert pillar.proof_points.count() == 1

    mine["proof-1-claim"] = "My sharper claim"
    response = marketer_client.post(edit_url(pillar), mine)
    assert CHANGED in response.content.decode()
    assert "My sharper claim" in response.content.decode()

    assert marketer_client.post(edit_url(pillar), as_posted(response)).status_code == 302
    claims = set(Pillar.objects.get(pk=pillar.pk).proof_points.values_list("claim", flat=True))
    assert claims == {"Claim 0", "My sharper claim"}


def test_the_page_says_which_version_the_form_was_opened_on(marketer_client, marketer):
    term = make_term(marketer)
    body = marketer_client.get(edit_url(term)).content.decode()
    assert f'name="seen" value="{term.edit_token()}"' in body


def test_a_garbled_proof_point_count_on_a_changed_pillar_is_a_form_error(
    marketer_client, marketer2_client, marketer
):
    pillar = make_pillar(marketer, points=1)
    mine = as_posted(marketer_client.get(edit_url(pillar)))
    marketer2_client.post(
        edit_url(pillar), {**as_posted(marketer2_client.get(edit_url(pillar))), "summary": "B"}
    )
    for count in ["abc", "-1", "²", ""]:
        response = marketer_client.post(edit_url(pillar), {**mine, "proof-TOTAL_FORMS": count})
        assert response.status_code == 200


def test_a_pillar_changed_since_the_page_was_drawn_is_a_plain_message(
    marketer_client, marketer, persona
):
    old = approve_one(make_pillar(marketer, name="Numbers finance can trust"), marketer)
    approve_one(workflow.new_draft(old, marketer, summary="Sharper."), marketer)
    data = {
        "persona": persona.pk,
        "headline": "Payback in a year",
        "key_messages": "One",
        "pillars": [old.pk],  # the version the page offered
        "change_note": "",
    }
    response = marketer_client.post(reverse("messaging:create", args=["messages"]), data)
    body = response.content.decode()
    assert "A pillar you ticked was changed or retired after you opened this page" in body
    assert "is not one of the available choices" not in body


def test_saving_again_over_a_new_draft_keeps_my_proof_points_without_doubling_them(
    marketer_client, marketer2_client, marketer
):
    pillar = approve_one(make_pillar(marketer, points=2), marketer)
    mine = as_posted(marketer_client.get(edit_url(pillar)))
    theirs = as_posted(marketer2_client.get(edit_url(pillar)))
    # They start version 2 (a copy of every row) and sharpen one claim in it.
    marketer2_client.post(edit_url(pillar), {**theirs, "proof-0-claim": "Their claim"})
    draft = Pillar.objects.get(key=pillar.key, version=2)
    assert draft.proof_points.count() == 2

    response = marketer_client.post(edit_url(pillar), {**mine, "summary": "My summary."})
    body = response.content.decode()
    assert CHANGED in body
    assert "Their claim" in body  # their row is shown, ticked "Remove"

    assert marketer_client.post(edit_url(pillar), as_posted(response)).status_code == 302
    draft.refresh_from_db()
    assert draft.summary == "My summary."
    assert list(draft.proof_points.values_list("claim", flat=True)) == ["Claim 0", "Claim 1"]
