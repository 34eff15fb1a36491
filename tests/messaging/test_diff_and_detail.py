"""Word diffs, and a version's page: content, signatures, the diff a signer reads, actions."""

import pytest
from django.urls import reverse

from messaging import workflow
from messaging.diff import word_diff
from messaging.models import Positioning, Status
from tests.messaging.conftest import (
    POSITIONING_FIELDS,
    approve_one,
    make_message,
    make_pillar,
    make_term,
    new_positioning,
    pillar_data,
    sign_both,
)

pytestmark = pytest.mark.django_db


def test_word_diff_marks_inserted_and_removed_words():
    html = word_diff("Ship orders fast and cheap", "Ship every order fast")
    assert '<ins><span class="visually-hidden">added: </span>every order</ins>' in html
    assert '<del><span class="visually-hidden">removed: </span>orders</del>' in html
    assert '<del><span class="visually-hidden">removed: </span>and cheap</del>' in html
    assert html.startswith("Ship ")


def test_word_diff_escapes_the_text():
    html = word_diff("<b>old</b>", "<b>old</b> <script>alert(1)</script>")
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html


def test_word_diff_of_equal_texts_has_no_marks():
    assert word_diff("Same words", "Same words") == "Same words"


def test_compare_page_shows_inserted_and_removed_words(
    marketer_client, approved_positioning, marketer, rep
):
    second = workflow.new_draft(
        approved_positioning,
        marketer,
        value_proposition="Flow ships every order on time.",
        change_note="Every order",
    )
    sign_both(second, marketer, rep)
    url = reverse("messaging:compare", args=["positioning", second.key, 1, 2])
    body = marketer_client.get(url).content.decode()
    assert '<ins><span class="visually-hidden">added: </span>every order</ins>' in body
    assert '<del><span class="visually-hidden">removed: </span>orders</del>' in body
    assert "Unchanged" in body  # the fields that did not change are marked so
    assert "Every order" in body


def test_a_signer_reads_the_change_against_the_approved_version(
    rep_client, approved_positioning, marketer
):
    second = workflow.new_draft(approved_positioning, marketer, need="miss dispatch windows")
    workflow.submit(second, marketer)
    workflow.sign(second, marketer)
    response = rep_client.get(second.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "What changes against version 1" in body
    assert "<ins>" in body
    assert "miss dispatch windows" in body
    assert "Signed by Marketer" in body
    assert 'action="' + reverse("messaging:sign", args=["positioning", second.key, 2]) in body
    assert "Your signature is the second" in body


def test_acceptance_marketing_only_then_sales_signoff_by_another_user(
    rep_client, manager_client, marketer_client, approved_positioning, marketer
):
    """Acceptance 1: signed by marketing only, reps see the old version; a sales sign-off by
    another person makes it current, and the previous version stays in history."""
    second = workflow.new_draft(approved_positioning, marketer, value_proposition="New promise")
    workflow.submit(second, marketer)
    workflow.sign(second, marketer)

    home = rep_client.get(reverse("messaging:home")).content.decode()
    assert "New promise" not in home
    assert "Flow ships orders on time." in home

    response = manager_client.post(
        reverse("messaging:sign", args=["positioning", second.key, 2]),
        {"side": "sales", "read": second.content_digest()},
    )
    assert response.status_code == 302
    home = rep_client.get(reverse("messaging:home")).content.decode()
    assert "New promise" in home
    assert "Flow ships orders on time." not in home
    assert rep_client.get(approved_positioning.get_absolute_url()).status_code == 404
    history = marketer_client.get(second.get_history_url()).content.decode()
    assert "badge--retired" in history
    assert approved_positioning.get_absolute_url() in history


def test_signing_twice_through_the_page_is_refused_with_a_message(both_roles_client, marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    url = reverse("messaging:sign", args=["positioning", item.key, 1])
    read = item.content_digest()
    both_roles_client.post(url, {"side": "marketing", "read": read})
    response = both_roles_client.post(url, {"side": "sales", "read": read}, follow=True)
    assert "one person cannot sign for both" in response.content.decode()
    item.refresh_from_db()
    assert item.sales_signed_by is None
    assert item.status == Status.REVIEW


def test_a_signature_on_a_page_opened_before_an_edit_is_refused(rep_client, marketer):
    """The rep read one text; Marketing changed it and sent it back for review meanwhile."""
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    page = rep_client.get(item.get_version_url()).content.decode()
    read = item.content_digest()
    assert f'name="read" value="{read}"' in page
    # As after "edit (back to draft)", a new pitch and "submit" in another browser.
    type(item).objects.filter(pk=item.pk).update(elevator_pitch="Something he never read.")
    url = reverse("messaging:sign", args=["positioning", item.key, 1])
    response = rep_client.post(url, {"side": "sales", "read": read}, follow=True)
    assert "changed after you opened it" in response.content.decode()
    item.refresh_from_db()
    assert item.sales_signed_by is None
    fresh = item.content_digest()
    rep_client.post(url, {"side": "sales", "read": fresh})
    item.refresh_from_db()
    assert item.sales_signed_by is not None


def test_a_term_in_review_links_to_the_glossary_only_once_approved(rep, rep_client, marketer):
    term = make_term(marketer)
    workflow.submit(term, marketer)
    body = rep_client.get(term.get_version_url()).content.decode()
    assert "See it in the glossary" not in body  # the glossary lists approved terms only
    assert "appears on sales' pages only once it is approved" in body
    workflow.sign(term, marketer, "marketing")
    workflow.sign(term, rep, "sales")
    body = rep_client.get(term.get_version_url()).content.decode()
    assert f'{reverse("messaging:glossary")}#{term.anchor}">See it in the glossary' in body


def test_a_person_with_both_roles_is_asked_which_side(both_roles_client, marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    body = both_roles_client.get(item.get_absolute_url()).content.decode()
    assert 'name="side" value="marketing"' in body
    assert 'name="side" value="sales"' in body


def test_an_unknown_side_is_a_message_not_an_error(both_roles_client, marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    url = reverse("messaging:sign", args=["positioning", item.key, 1])
    response = both_roles_client.post(url, {"side": "finance"}, follow=True)
    assert response.status_code == 200
    assert "Choose Marketing or Sales." in response.content.decode()


def test_the_page_shows_who_signed_and_when(rep_client, approved_positioning):
    body = rep_client.get(approved_positioning.get_absolute_url()).content.decode()
    assert "Signed by Marketer" in body
    assert "Signed by Manager" in body
    assert approved_positioning.sales_signed_at.strftime("%Y-%m-%d") in body


def test_editing_through_the_form_keeps_what_reps_see(
    marketer_client, rep_client, approved_positioning
):
    data = {**POSITIONING_FIELDS, "value_proposition": "Draft promise", "change_note": "Try"}
    response = marketer_client.post(approved_positioning.get_edit_url(), data)
    assert response.status_code == 302
    draft = Positioning.objects.get(version=2)
    assert response["Location"] == draft.get_absolute_url()
    assert draft.status == Status.DRAFT
    assert "Draft promise" not in rep_client.get(reverse("messaging:home")).content.decode()
    assert rep_client.get(draft.get_absolute_url()).status_code == 404
    # A second edit goes to the same draft, in place.
    marketer_client.post(approved_positioning.get_edit_url(), {**data, "need": "x"})
    assert Positioning.objects.count() == 2
    assert Positioning.objects.get(version=2).need == "x"


def test_an_invalid_form_keeps_what_was_typed(marketer_client, approved_positioning):
    data = {**POSITIONING_FIELDS, "value_proposition": "Kept words", "need": ""}
    response = marketer_client.post(approved_positioning.get_edit_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kept words" in body
    assert "This field is required." in body
    assert Positioning.objects.count() == 1


def test_marketing_sees_a_pending_draft_from_the_approved_page(marketer_client, marketer):
    pillar = approve_one(make_pillar(marketer), marketer)
    draft = workflow.new_draft(pillar, marketer)
    body = marketer_client.get(pillar.get_absolute_url()).content.decode()
    assert draft.get_version_url() in body


def test_creating_a_pillar_with_proof_points(marketer_client):
    data = pillar_data(
        name="Numbers finance can trust",
        points=[
            {"claim": "Payback in 9 months", "evidence": "ROI study", "source_url": ""},
            {"claim": "", "evidence": "", "source_url": ""},
        ],
    )
    response = marketer_client.post(reverse("messaging:create", args=["pillars"]), data)
    assert response.status_code == 302
    body = marketer_client.get(response["Location"]).content.decode()
    assert "Numbers finance can trust" in body
    assert "Payback in 9 months" in body
    assert "Draft" in body


def test_comparing_with_a_version_number_too_large_to_exist_is_404(
    marketer_client, approved_positioning
):
    huge = 10**20
    url = reverse("messaging:compare", args=["positioning", approved_positioning.key, 1, huge])
    assert marketer_client.get(url).status_code == 404


def test_a_retired_pillar_is_named_but_not_linked_on_a_message(rep_client, marketer, persona):
    pillar = approve_one(make_pillar(marketer, name="Numbers finance can trust"), marketer)
    message = make_message(marketer, persona)
    message.pillars.set([pillar])
    approve_one(message, marketer)
    workflow.retire(pillar, marketer)
    body = rep_client.get(message.get_absolute_url()).content.decode()
    assert "Numbers finance can trust <span" in body
    assert "(retired)" in body
    assert pillar.get_absolute_url() not in body
