"""Each role × each action, through the views: 404 for what you may not see, 403 for what you
may not do, and the page or redirect for what you may."""

import pytest
from django.urls import reverse

from messaging import workflow
from messaging.models import GlossaryTerm, Pillar, Positioning, Status
from tests.conftest import client_for
from tests.messaging.conftest import (
    approve_one,
    make_objection,
    make_pillar,
    make_term,
    new_positioning,
    pillar_data,
)

pytestmark = pytest.mark.django_db

ROLES = ["marketer", "rep", "manager"]


def client(request, role: str):
    return request.getfixturevalue(f"{role}_client")


def url(name: str, item, *extra) -> str:
    return reverse(f"messaging:{name}", args=[item.kind, item.key, *extra])


def version_url(name: str, item) -> str:
    return url(name, item, item.version)


@pytest.fixture
def draft_pillar(marketer) -> Pillar:
    return make_pillar(marketer, name="Draft pillar")


@pytest.fixture
def approved_pillar(marketer) -> Pillar:
    return approve_one(make_pillar(marketer, name="Approved pillar"), marketer)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", ["messaging:home", "messaging:glossary", "messaging:objections", "messaging:review"]
)
def test_everyone_signed_in_can_read_the_messaging_pages(request, role, page):
    assert client(request, role).get(reverse(page)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_everyone_can_read_an_approved_pillar(request, role, approved_pillar):
    response = client(request, role).get(approved_pillar.get_absolute_url())
    assert response.status_code == 200
    assert "Approved pillar" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 404), ("manager", 404)])
def test_only_marketing_can_read_a_draft(request, role, status, draft_pillar):
    c = client(request, role)
    assert c.get(draft_pillar.get_absolute_url()).status_code == status
    assert c.get(version_url("version", draft_pillar)).status_code == status


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 200), ("manager", 200)])
def test_signers_can_read_a_positioning_in_review(request, role, status, marketer):
    item = new_positioning(marketer)
    workflow.submit(item, marketer)
    assert client(request, role).get(item.get_absolute_url()).status_code == status


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 404), ("manager", 404)])
def test_one_step_items_in_review_stay_with_marketing(
    request, role, status, draft_pillar, marketer
):
    workflow.submit(draft_pillar, marketer)
    assert client(request, role).get(version_url("version", draft_pillar)).status_code == status


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 403), ("manager", 403)])
@pytest.mark.parametrize(
    "kind", ["positioning", "pillars", "messages", "boilerplates", "glossary", "objections"]
)
def test_only_marketing_opens_the_create_forms(request, role, status, kind):
    response = client(request, role).get(reverse("messaging:create", args=[kind]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), [("marketer", 302), ("rep", 403), ("manager", 403)])
def test_only_marketing_creates(request, role, status):
    data = {"term": "Opportunity", "definition": "A qualified deal."}
    response = client(request, role).post(reverse("messaging:create", args=["glossary"]), data)
    assert response.status_code == status
    assert GlossaryTerm.objects.exists() == (status == 302)


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 403), ("manager", 403)])
def test_only_marketing_edits(request, role, status, approved_pillar):
    c = client(request, role)
    assert c.get(url("edit", approved_pillar)).status_code == status
    response = c.post(url("edit", approved_pillar), pillar_data(name="Changed"))
    assert response.status_code == (302 if status == 200 else status)
    assert Pillar.objects.filter(name="Changed").exists() == (status == 200)


@pytest.mark.parametrize(("role", "status"), [("marketer", 302), ("rep", 403), ("manager", 403)])
def test_only_marketing_submits_for_review(request, role, status, draft_pillar):
    response = client(request, role).post(version_url("submit", draft_pillar))
    assert response.status_code == status
    draft_pillar.refresh_from_db()
    assert (draft_pillar.status == Status.REVIEW) == (status == 302)


@pytest.mark.parametrize(("role", "status"), [("marketer", 302), ("rep", 403), ("manager", 403)])
def test_only_marketing_approves_one_step_items(request, role, status, draft_pillar, marketer):
    workflow.submit(draft_pillar, marketer)
    read = {"read": draft_pillar.content_digest()}
    response = client(request, role).post(version_url("approve", draft_pillar), read)
    assert response.status_code == status
    draft_pillar.refresh_from_db()
    assert (draft_pillar.status == Status.APPROVED) == (status == 302)


def test_an_approval_from_a_page_opened_before_an_edit_is_refused(
    marketer_client, draft_pillar, marketer
):
    workflow.submit(draft_pillar, marketer)
    read = {"read": draft_pillar.content_digest()}
    draft_pillar.proof_points.update(claim="A claim nobody approved")
    response = marketer_client.post(version_url("approve", draft_pillar), read, follow=True)
    assert "changed after you opened it" in response.content.decode()
    draft_pillar.refresh_from_db()
    assert draft_pillar.status == Status.REVIEW


def test_a_signature_after_marketing_took_the_version_back_says_so(rep_client, marketer):
    term = make_term(marketer, term="Expansion opportunity")
    workflow.submit(term, marketer)
    read = {"read": term.content_digest(), "side": ""}
    GlossaryTerm.objects.filter(pk=term.pk).update(status=Status.DRAFT)  # back to draft
    response = rep_client.post(version_url("sign", term), read)
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:review")
    page = rep_client.get(response["Location"]).content.decode()
    assert "Marketing took this version back to change it after you opened it" in page
    term.refresh_from_db()
    assert term.sales_signed_by is None
    # A pillar is read in review by Marketing only: its withdrawn draft stays a 404.
    pillar = make_pillar(marketer, name="Withdrawn pillar")
    workflow.submit(pillar, marketer)
    Pillar.objects.filter(pk=pillar.pk).update(status=Status.DRAFT)
    assert rep_client.post(version_url("sign", pillar), read).status_code == 404
    # A version that never existed is still a 404.
    missing = reverse("messaging:sign", args=[term.kind, term.key, 99])
    assert rep_client.post(missing, read).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("marketer", 302), ("rep", 403), ("manager", 403)])
def test_only_marketing_retires(request, role, status, approved_pillar):
    response = client(request, role).post(version_url("retire", approved_pillar))
    assert response.status_code == status
    approved_pillar.refresh_from_db()
    assert (approved_pillar.status == Status.RETIRED) == (status == 302)


@pytest.mark.parametrize(
    ("role", "side", "status", "signed"),
    [
        ("marketer", "marketing", 302, True),
        ("marketer", "sales", 403, False),
        ("rep", "sales", 302, True),
        ("rep", "marketing", 403, False),
        ("manager", "sales", 302, True),
    ],
)
def test_each_role_signs_only_its_own_side(request, role, side, status, signed, marketer2):
    term = make_term(marketer2)
    workflow.submit(term, marketer2)
    read = term.content_digest()
    response = client(request, role).post(version_url("sign", term), {"side": side, "read": read})
    assert response.status_code == status
    term.refresh_from_db()
    signer = term.marketing_signed_by_id or term.sales_signed_by_id
    assert (signer is not None) == signed


def test_reps_cannot_sign_a_draft_they_cannot_see(rep_client, marketer):
    term = make_term(marketer)
    assert rep_client.post(version_url("sign", term), {"side": "sales"}).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("marketer", 200), ("rep", 404), ("manager", 404)])
def test_history_and_compare_are_for_marketing(
    request, role, status, approved_positioning, marketer, rep
):
    second = workflow.new_draft(approved_positioning, marketer, need="miss trucks")
    c = client(request, role)
    assert c.get(second.get_history_url()).status_code == status
    assert c.get(url("compare", second, 1, 2)).status_code == status


@pytest.mark.parametrize("action", ["submit", "approve", "sign", "retire"])
def test_workflow_actions_need_post(marketer_client, approved_pillar, action):
    assert marketer_client.get(version_url(action, approved_pillar)).status_code == 405


def test_unknown_kind_is_404(marketer_client):
    assert marketer_client.get("/messaging/widgets/new/").status_code == 404


def test_a_refused_step_explains_itself_instead_of_failing(marketer_client, approved_pillar):
    response = marketer_client.post(version_url("submit", approved_pillar), follow=True)
    assert response.status_code == 200
    assert "Only a draft can be submitted for review." in response.content.decode()


def test_positioning_create_leads_to_editing_the_one_positioning(
    marketer_client, approved_positioning
):
    response = marketer_client.get(reverse("messaging:create", args=["positioning"]))
    assert response.status_code == 302
    assert response["Location"] == approved_positioning.get_edit_url()
    assert Positioning.objects.count() == 1


def test_a_draft_personas_objection_page_is_404_for_reps(
    rep_client, marketer_client, marketer, persona
):
    objection = approve_one(make_objection(marketer, persona=persona), marketer)
    persona.status = persona.Status.DRAFT
    persona.save(update_fields=["status"])
    assert rep_client.get(objection.get_absolute_url()).status_code == 404
    assert rep_client.get(version_url("version", objection)).status_code == 404
    assert marketer_client.get(objection.get_absolute_url()).status_code == 200


def test_marketing_can_start_a_message_from_the_persona_page(marketer_client, persona):
    url = reverse("messaging:create", args=["messages"]) + f"?persona={persona.slug}"
    body = marketer_client.get(url).content.decode()
    assert f'<option value="{persona.pk}" selected>' in body


def test_a_superuser_edits_like_marketing_but_signs_for_no_side(admin_user, marketer2):
    """Administration is not a role: a superuser may fix and retire content, but a sign-off
    speaks for a team, so it needs membership of Marketing, Sales or Managers."""
    admin_user_client = client_for(admin_user)
    response = admin_user_client.post(
        reverse("messaging:create", args=["pillars"]), pillar_data(name="Admin pillar")
    )
    assert response.status_code == 302
    pillar = Pillar.objects.get(name="Admin pillar")
    assert admin_user_client.post(version_url("submit", pillar)).status_code == 302
    assert admin_user_client.post(version_url("approve", pillar)).status_code == 403
    term = make_term(marketer2)
    workflow.submit(term, marketer2)
    for side in ["marketing", "sales"]:
        response = admin_user_client.post(version_url("sign", term), {"side": side})
        assert response.status_code == 403
    term.refresh_from_db()
    assert term.marketing_signed_by_id is None
    assert term.sales_signed_by_id is None


def test_approving_a_message_for_a_draft_persona_does_not_claim_sales_sees_it(
    marketer_client, marketer, persona
):
    from personas.models import Persona
    from tests.messaging.conftest import make_message

    Persona.objects.filter(pk=persona.pk).update(status=Persona.Status.DRAFT)
    persona.refresh_from_db()
    message = make_message(marketer, persona)
    workflow.submit(message, marketer)
    read = {"read": message.content_digest()}
    page = marketer_client.post(version_url("approve", message), read, follow=True)
    body = page.content.decode()
    assert "Sales sees it once the persona Finance Fiona is published." in body
    assert "sales now sees" not in body


def test_messages_name_an_item_by_its_title_in_quotes(marketer_client, marketer, persona):
    """Not by str(): "Finance Fiona: Payback in nine months.." (its headline, two stops)."""
    from tests.messaging.conftest import make_message, make_objection

    message = make_message(marketer, persona, headline="Payback in nine months.")
    page = marketer_client.post(version_url("submit", message), follow=True).content.decode()
    assert "Sent “Message for Finance Fiona” for review." in page
    read = {"read": message.content_digest()}
    page = marketer_client.post(version_url("approve", message), read, follow=True)
    assert "Approved: sales now sees “Message for Finance Fiona”." in page.content.decode()
    objection = make_objection(marketer, "Too expensive.")
    workflow.submit(objection, marketer)
    read = {"read": objection.content_digest()}
    page = marketer_client.post(version_url("approve", objection), read, follow=True)
    assert "sales now sees “Too expensive.”" in page.content.decode()
