"""Retired wording: marketing writes it, one Marketing approval makes it current, reps read it
as "Don't say → say instead", and bad phrases are form errors."""

import pytest
from django.urls import reverse

from messaging import workflow
from messaging.models import RetiredWording, Status
from messaging.signals import wording_changed
from tests.messaging.conftest import approve_one, make_wording

pytestmark = pytest.mark.django_db


def wording_data(phrase="Brightline Dispatch", **fields) -> dict:
    return {
        "phrase": phrase,
        "replacement": fields.get("replacement", "Brightline Flow"),
        "reason": fields.get("reason", "Renamed in 2024."),
        "change_note": "",
    }


def test_marketer_writes_retired_wording_as_a_draft(marketer_client):
    response = marketer_client.post(
        reverse("messaging:create", args=["wording"]),
        wording_data("  Brightline\n  Dispatch "),
    )
    item = RetiredWording.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_version_url()
    assert item.phrase == "Brightline Dispatch"  # spaces and line breaks collapsed
    assert item.status == Status.DRAFT


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("", "Write the phrase that must no longer be said."),
        ("   \n\t ", "Write the phrase that must no longer be said."),
        ("x" * 201, "Keep the phrase to 200 characters (it has 201)"),
        ("!!! ???", "needs at least one letter or digit"),
    ],
)
def test_bad_phrases_are_form_errors(marketer_client, phrase, message):
    response = marketer_client.post(
        reverse("messaging:create", args=["wording"]), wording_data(phrase)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RetiredWording.objects.exists()


def test_a_phrase_of_exactly_200_characters_is_accepted(marketer_client):
    marketer_client.post(reverse("messaging:create", args=["wording"]), wording_data("y" * 200))
    assert RetiredWording.objects.get().phrase == "y" * 200


def test_a_duplicate_phrase_in_any_case_is_a_form_error(marketer_client, marketer):
    make_wording(marketer, phrase="Brightline Dispatch")
    response = marketer_client.post(
        reverse("messaging:create", args=["wording"]), wording_data("brightline   DISPATCH")
    )
    assert response.status_code == 200
    assert "is already on the retired wording list" in response.content.decode()
    assert RetiredWording.objects.count() == 1


def test_a_retired_entry_does_not_block_the_phrase(marketer_client, marketer):
    old = approve_one(make_wording(marketer, phrase="Brightline Dispatch"), marketer)
    workflow.retire(old, marketer)
    marketer_client.post(
        reverse("messaging:create", args=["wording"]), wording_data("Brightline Dispatch")
    )
    assert RetiredWording.objects.count() == 2


def test_editing_an_entry_keeps_its_own_phrase(marketer_client, marketer):
    item = approve_one(make_wording(marketer, phrase="Brightline Dispatch"), marketer)
    response = marketer_client.post(
        reverse("messaging:edit", args=["wording", item.key]),
        wording_data("Brightline Dispatch", reason="Renamed in 2024; trademark taken."),
    )
    assert response.status_code == 302
    assert RetiredWording.objects.filter(key=item.key).count() == 2


def test_one_marketing_approval_makes_it_current(marketer):
    item = make_wording(marketer)
    approved = approve_one(item, marketer)
    assert approved.status == Status.APPROVED
    assert approved.approved_by == marketer


def test_reps_cannot_approve_retired_wording(rep_client, marketer):
    item = make_wording(marketer)
    workflow.submit(item, marketer)
    response = rep_client.post(
        reverse("messaging:approve", args=["wording", item.key, item.version])
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.REVIEW


def test_a_second_approval_of_the_same_phrase_is_refused(marketer):
    approve_one(make_wording(marketer, phrase="Routemaster"), marketer)
    twin = make_wording(marketer, phrase="ROUTEMASTER")  # slipped past the form
    workflow.submit(twin, marketer)
    with pytest.raises(workflow.WorkflowError, match="already approved"):
        workflow.approve(twin, marketer)


def test_approving_and_retiring_announce_the_change_after_commit(
    marketer, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    wording_changed.connect(listener)
    try:
        item = make_wording(marketer)
        workflow.submit(item, marketer)
        with django_capture_on_commit_callbacks(execute=True):
            item = workflow.approve(item, marketer)
        assert heard == [RetiredWording]
        with django_capture_on_commit_callbacks(execute=True):
            workflow.retire(item, marketer)
        assert heard == [RetiredWording, RetiredWording]
    finally:
        wording_changed.disconnect(listener)


def test_reps_read_dont_say_say_instead_on_the_messaging_house(rep_client, marketer):
    approve_one(make_wording(marketer, phrase="Brightline Dispatch"), marketer)
    make_wording(marketer, phrase="Draft phrase nobody approved")
    body = rep_client.get(reverse("messaging:home")).content.decode()
    assert "Don't say → say instead" in body
    assert "Brightline Dispatch" in body
    assert "payback in nine months" in body
    assert "Draft phrase nobody approved" not in body


def test_wording_page_lists_approved_phrases_with_why(rep_client, marketer):
    approve_one(make_wording(marketer, phrase="Routemaster", reason="Wrong name."), marketer)
    make_wording(marketer, phrase="Draft phrase")
    response = rep_client.get(reverse("messaging:wording"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Routemaster" in body
    assert "Wrong name." in body
    assert "Draft phrase" not in body


def test_wording_page_has_an_empty_state(rep_client):
    body = rep_client.get(reverse("messaging:wording")).content.decode()
    assert "No wording has been retired yet." in body


def test_reps_cannot_open_a_draft_entry(rep_client, marketer):
    item = make_wording(marketer)
    response = rep_client.get(reverse("messaging:wording_detail", args=[item.key]))
    assert response.status_code == 404


def test_wording_page_is_read_only(marketer_client):
    assert marketer_client.post(reverse("messaging:wording")).status_code == 405


def test_a_phrase_the_database_folds_onto_an_approved_one_is_never_a_500_at_approval(
    marketer_client, marketer
):
    """PostgreSQL lowers "İ" to "i" (the constraint) but does not upper "i" to "İ" (what
    `iexact` compared). Each database folds its own way; the checks now fold as the
    constraint does, so there is one approved entry per folded phrase and no error page."""
    approve_one(make_wording(marketer, phrase="İstanbul Express"), marketer)
    item = make_wording(marketer, phrase="ISTANBUL EXPRESS")
    workflow.submit(item, marketer)
    response = marketer_client.post(
        reverse("messaging:approve", args=["wording", item.key, 1]),
        {"read": item.content_digest()},
    )
    assert response.status_code == 302
    folded = RetiredWording.objects.approved().filter(RetiredWording.same_phrase(item.phrase))
    assert folded.count() == 1


def test_what_the_wording_form_accepts_the_approval_accepts_too(marketer_client, marketer):
    approve_one(make_wording(marketer, phrase="İstanbul Express"), marketer)
    response = marketer_client.post(
        reverse("messaging:create", args=["wording"]), wording_data("ISTANBUL EXPRESS")
    )
    if response.status_code == 200:  # PostgreSQL: the same phrase once folded
        assert "is already on the retired wording list" in response.content.decode()
        assert RetiredWording.objects.count() == 1
        return
    item = RetiredWording.objects.get(phrase="ISTANBUL EXPRESS")  # SQLite folds ASCII only
    for step in ("submit", "approve"):
        marketer_client.post(
            reverse(f"messaging:{step}", args=["wording", item.key, 1]),
            {"read": item.content_digest()},
        )
    item.refresh_from_db()
    assert item.status == Status.APPROVED
