"""The workflow's rules, called directly: versions, two-sided sign-off, approval, retirement."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from messaging import workflow
from messaging.forms import PillarForm, PositioningForm, ProofPointFormSet
from messaging.models import GlossaryTerm, Objection, PersonaMessage, Pillar, Positioning, Status
from tests.messaging.conftest import (
    POSITIONING_FIELDS,
    approve_one,
    make_boilerplate,
    make_message,
    make_objection,
    make_pillar,
    make_term,
    new_positioning,
    sign_both,
)

pytestmark = pytest.mark.django_db


def test_marketing_signature_alone_does_not_approve(marketer, rep):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    item = workflow.sign(item, marketer)
    assert item.status == Status.REVIEW
    assert item.marketing_signed_by == marketer
    assert not Positioning.objects.visible_to(rep).approved().exists()


def test_sales_signature_by_another_person_makes_it_current_and_retires_the_previous(
    approved_positioning, marketer, rep
):
    second = workflow.new_draft(approved_positioning, marketer, change_note="Sharper pitch")
    workflow.submit(second, marketer)
    workflow.sign(second, marketer, "marketing")
    second = workflow.sign(second, rep, "sales")

    approved_positioning.refresh_from_db()
    assert second.status == Status.APPROVED
    assert second.approved_by == rep
    assert second.sales_signed_at is not None
    assert approved_positioning.status == Status.RETIRED
    assert approved_positioning.retired_at is not None
    assert list(Positioning.objects.history(second.key)) == [second, approved_positioning]
    assert Positioning.objects.approved().get() == second


def test_one_person_cannot_sign_both_sides_even_with_both_roles(both_roles, marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    workflow.sign(item, both_roles, "marketing")
    with pytest.raises(workflow.WorkflowError, match="one person cannot sign for both"):
        workflow.sign(item, both_roles, "sales")
    item.refresh_from_db()
    assert item.sales_signed_by is None
    assert item.status == Status.REVIEW


def test_a_person_with_both_roles_gets_the_missing_side(both_roles, marketer, rep):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    workflow.sign(item, rep)  # sales side
    item = workflow.sign(item, both_roles)
    assert item.marketing_signed_by == both_roles
    assert item.status == Status.APPROVED


def test_a_person_with_both_roles_may_choose_the_side(both_roles, marketer):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    item = workflow.sign(item, both_roles, "sales")
    assert item.sales_signed_by == both_roles
    assert item.marketing_signed_by is None
    assert workflow.sides_open_to(item, both_roles) == []


def test_a_side_already_signed_cannot_be_signed_again(marketer, marketer2):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    workflow.sign(item, marketer)
    with pytest.raises(workflow.WorkflowError, match="Marketing has already signed"):
        workflow.sign(item, marketer2, "marketing")


def test_a_rep_cannot_sign_for_marketing(marketer, rep):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    with pytest.raises(PermissionDenied):
        workflow.sign(item, rep, "marketing")


def test_someone_without_a_role_cannot_sign(marketer, outsider):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    with pytest.raises(PermissionDenied):
        workflow.sign(item, outsider)


def test_a_draft_cannot_be_signed(marketer):
    item = make_term(marketer)
    with pytest.raises(workflow.WorkflowError, match="in review"):
        workflow.sign(item, marketer)


def test_database_refuses_one_signer_for_both_sides(marketer):
    item = make_term(marketer)
    with pytest.raises(IntegrityError), transaction.atomic():
        GlossaryTerm.objects.filter(pk=item.pk).update(
            marketing_signed_by=marketer, sales_signed_by=marketer
        )


def test_database_allows_one_approved_version_per_key(approved_positioning, marketer):
    second = new_positioning(marketer, version=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Positioning.objects.filter(pk=second.pk).update(status=Status.APPROVED)


def test_all_positioning_versions_share_one_key(approved_positioning, marketer):
    second = workflow.new_draft(approved_positioning, marketer)
    assert second.key == approved_positioning.key
    assert second.version == 2


def test_one_step_items_are_approved_by_marketing(marketer, rep):
    pillar = make_pillar(marketer)
    workflow.submit(pillar, marketer)
    with pytest.raises(PermissionDenied):
        workflow.approve(pillar, rep)
    pillar = workflow.approve(pillar, marketer)
    assert pillar.status == Status.APPROVED
    assert pillar.approved_by == marketer


def test_a_draft_cannot_be_approved_before_review(marketer):
    with pytest.raises(workflow.WorkflowError, match="in review"):
        workflow.approve(make_pillar(marketer), marketer)


def test_two_signature_items_are_not_approved_in_one_step(marketer):
    item = make_term(marketer)
    workflow.submit(item, marketer)
    with pytest.raises(workflow.WorkflowError, match="signature"):
        workflow.approve(item, marketer)


def test_editing_an_approved_version_creates_a_new_draft(approved_positioning, marketer, rep):
    form = PositioningForm(
        {**POSITIONING_FIELDS, "value_proposition": "Ship on time, every time."},
        instance=Positioning.objects.get(pk=approved_positioning.pk),
    )
    assert form.is_valid(), form.errors
    draft = workflow.save_edit(form, marketer)

    approved_positioning.refresh_from_db()
    assert draft.pk != approved_positioning.pk
    assert (draft.version, draft.status) == (2, Status.DRAFT)
    assert draft.marketing_signed_by is None
    assert approved_positioning.status == Status.APPROVED
    assert approved_positioning.value_proposition == POSITIONING_FIELDS["value_proposition"]
    assert Positioning.objects.visible_to(rep).get() == approved_positioning


def test_editing_a_draft_changes_it_in_place(marketer):
    item = new_positioning(marketer)
    form = PositioningForm({**POSITIONING_FIELDS, "need": "miss trucks"}, instance=item)
    assert form.is_valid(), form.errors
    saved = workflow.save_edit(form, marketer)
    assert saved.pk == item.pk
    assert Positioning.objects.get().need == "miss trucks"


def test_editing_a_version_in_review_sends_it_back_to_draft_unsigned(marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    workflow.sign(item, marketer)
    form = PositioningForm(
        {**POSITIONING_FIELDS, "need": "miss trucks"}, instance=Positioning.objects.get()
    )
    assert form.is_valid(), form.errors
    saved = workflow.save_edit(form, marketer)
    saved.refresh_from_db()
    assert saved.status == Status.DRAFT
    assert saved.marketing_signed_by is None
    assert saved.marketing_signed_at is None


def test_a_second_draft_of_one_item_is_refused(approved_positioning, marketer):
    workflow.new_draft(approved_positioning, marketer)
    with pytest.raises(workflow.WorkflowError, match="already has a draft"):
        workflow.new_draft(approved_positioning, marketer)


def test_a_new_pillar_version_copies_its_proof_points(marketer):
    pillar = approve_one(make_pillar(marketer, points=3), marketer)
    draft = workflow.new_draft(pillar, marketer)
    assert [p.claim for p in draft.proof_points.all()] == ["Claim 0", "Claim 1", "Claim 2"]
    assert pillar.proof_points.count() == 3


def test_editing_an_approved_pillar_keeps_its_proof_points_on_the_old_version(marketer):
    pillar = approve_one(make_pillar(marketer, points=2), marketer)
    points = list(pillar.proof_points.all())
    data = {
        "name": "Fewer exceptions",
        "summary": "Changed.",
        "order": "0",
        "proof-TOTAL_FORMS": "3",
        "proof-INITIAL_FORMS": "2",
        "proof-0-id": points[0].pk,
        "proof-0-claim": "Claim 0, sharper",
        "proof-1-id": points[1].pk,
        "proof-1-claim": "Claim 1",
        "proof-1-DELETE": "on",
        "proof-2-claim": "A new claim",
    }
    instance = Pillar.objects.get(pk=pillar.pk)
    form = PillarForm(data, instance=instance)
    formset = ProofPointFormSet(data, instance=instance, prefix="proof")
    assert form.is_valid(), form.errors
    assert formset.is_valid(), formset.errors
    draft = workflow.save_edit(form, marketer, formset)

    assert draft.version == 2
    assert [p.claim for p in draft.proof_points.all()] == ["Claim 0, sharper", "A new claim"]
    assert [p.claim for p in Pillar.objects.get(pk=pillar.pk).proof_points.all()] == [
        "Claim 0",
        "Claim 1",
    ]


def test_messages_follow_a_pillar_to_its_new_approved_version(marketer, persona):
    pillar = approve_one(make_pillar(marketer), marketer)
    message = make_message(marketer, persona)
    message.pillars.set([pillar])
    approve_one(message, marketer)
    second = approve_one(workflow.new_draft(pillar, marketer, name="Faster dispatch"), marketer)
    assert list(PersonaMessage.objects.get(pk=message.pk).pillars.all()) == [second]


def test_retiring_hides_an_item_from_reps_and_keeps_its_history(marketer, rep):
    pillar = approve_one(make_pillar(marketer), marketer)
    workflow.retire(pillar, marketer)
    assert not Pillar.objects.visible_to(rep).exists()
    assert Pillar.objects.visible_to(marketer).history(pillar.key).get().status == Status.RETIRED


def test_only_the_approved_version_can_be_retired(marketer):
    with pytest.raises(workflow.WorkflowError):
        workflow.retire(make_pillar(marketer), marketer)


def test_reps_and_managers_cannot_edit_submit_or_retire(marketer, rep, manager):
    pillar = approve_one(make_pillar(marketer), marketer)
    for user in (rep, manager):
        with pytest.raises(PermissionDenied):
            workflow.retire(pillar, user)
        with pytest.raises(PermissionDenied):
            workflow.new_draft(pillar, user)
        with pytest.raises(PermissionDenied):
            workflow.submit(pillar, user)


def test_waiting_for_lists_only_signatures_a_user_can_still_give(marketer, rep, manager):
    term = make_term(marketer)
    workflow.submit(term, marketer)
    assert list(GlossaryTerm.objects.waiting_for(rep)) == [term]
    assert list(GlossaryTerm.objects.waiting_for(marketer)) == [term]
    workflow.sign(term, marketer)
    assert list(GlossaryTerm.objects.waiting_for(marketer)) == []
    assert list(GlossaryTerm.objects.waiting_for(manager)) == [term]
    workflow.sign(term, manager)
    assert list(GlossaryTerm.objects.waiting_for(rep)) == []


def test_waiting_for_skips_what_a_two_role_person_already_signed(both_roles, marketer):
    term = make_term(marketer)
    workflow.submit(term, marketer)
    workflow.sign(term, both_roles, "sales")
    assert list(GlossaryTerm.objects.waiting_for(both_roles)) == []


def test_reps_wait_for_nothing_on_one_step_items(marketer, rep):
    pillar = make_pillar(marketer)
    workflow.submit(pillar, marketer)
    assert list(Pillar.objects.waiting_for(rep)) == []
    assert list(Pillar.objects.waiting_for(marketer)) == [pillar]


def test_demo_signatures_need_sign_both_helper(marketer, rep):
    term = sign_both(make_term(marketer), marketer, rep)
    assert (term.marketing_signed_by, term.sales_signed_by) == (marketer, rep)


def test_a_second_approved_boilerplate_of_one_length_is_explained_not_crashed(marketer):
    old = approve_one(make_boilerplate(marketer, 25), marketer)
    workflow.retire(old, marketer)
    approve_one(make_boilerplate(marketer, 25, words=26), marketer)
    comeback = workflow.new_draft(old, marketer)
    workflow.submit(comeback, marketer)
    with pytest.raises(workflow.WorkflowError, match="Another 25-word boilerplate is approved"):
        workflow.approve(comeback, marketer)


def test_a_draft_personas_message_stays_hidden_from_reps(marketer, rep, persona):
    message = approve_one(make_message(marketer, persona), marketer)
    objection = approve_one(make_objection(marketer, persona=persona), marketer)
    general = approve_one(make_objection(marketer, "Not now"), marketer)
    persona.status = persona.Status.DRAFT
    persona.save(update_fields=["status"])
    assert list(PersonaMessage.objects.visible_to(rep)) == []
    assert list(Objection.objects.visible_to(rep)) == [general]
    assert set(Objection.objects.visible_to(marketer)) == {objection, general}
    assert list(PersonaMessage.objects.visible_to(marketer)) == [message]
