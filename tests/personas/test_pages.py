"""The list, the profile, its preview and print view: content, filters and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, BuyingStage
from messaging.models import Objection, PersonaMessage, Status
from personas.models import Persona
from tests.personas.conftest import make_persona


def body_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# ---- List -------------------------------------------------------------------------------


def test_list_cards_show_name_role_title_and_summary(rep_client, published):
    Persona.objects.filter(pk=published.pk).update(job_titles="Warehouse Manager\nDC Manager")
    body = body_of(rep_client.get(reverse("personas:list")))
    assert f'href="{published.get_absolute_url()}"' in body
    assert "Operations Olivia" in body
    assert "Warehouse Manager" in body
    assert "User</span>" in body
    assert "Runs the warehouse floor" in body
    # No photo: the initials avatar, hidden from screen readers (the name is right beside it).
    assert 'aria-hidden="true">OO</span>' in body


def test_list_filters_by_segment_and_buying_role_from_the_url(rep_client):
    make_persona(name="Fiona", segment="Logistics", buying_role="economic_buyer")
    make_persona(name="Olivia", segment="Logistics", buying_role="user")
    make_persona(name="Ruth", segment="Retail", buying_role="user")
    url = reverse("personas:list")

    body = body_of(rep_client.get(url, {"segment": "Logistics"}))
    assert "Fiona" in body
    assert "Olivia" in body
    assert "Ruth" not in body

    body = body_of(rep_client.get(url, {"segment": "Logistics", "buying_role": "user"}))
    assert "Olivia" in body
    assert "Fiona" not in body
    assert "Ruth" not in body
    assert '<option value="Retail">Retail</option>' in body
    assert "Clear filters" in body


def test_list_ignores_unknown_filter_values(rep_client, published):
    body = body_of(rep_client.get(reverse("personas:list"), {"buying_role": "wizard"}))
    assert published.name in body


def test_marketer_can_filter_by_status(marketer_client, published, draft):
    body = body_of(marketer_client.get(reverse("personas:list"), {"status": "draft"}))
    assert draft.name in body
    assert published.name not in body


def test_list_paginates_and_keeps_filters_in_page_links(rep_client):
    for n in range(14):
        make_persona(name=f"Buyer {n:02}", segment="Logistics")
    body = body_of(rep_client.get(reverse("personas:list"), {"segment": "Logistics"}))
    assert "Buyer 11" in body
    assert "Buyer 12" not in body
    assert 'href="?segment=Logistics&amp;page=2"' in body
    page2 = body_of(rep_client.get(reverse("personas:list"), {"segment": "Logistics", "page": 2}))
    assert "Buyer 12" in page2
    assert "Buyer 13" in page2
    assert "Buyer 00" not in page2


def test_empty_list_explains_itself(rep_client, marketer_client):
    assert "No personas have been published yet" in body_of(
        rep_client.get(reverse("personas:list"))
    )
    body = body_of(marketer_client.get(reverse("personas:list")))
    assert "Create the first persona" in body


@pytest.mark.parametrize("role", ["rep", "marketer"])
def test_list_runs_the_same_queries_for_2_and_25_personas(
    request, role, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"{role}_client")
    # session, user, permissions (has_perm), role groups (header label), segment choices,
    # count, page of personas
    expected = 7

    for n in range(2):
        make_persona(segment=f"Segment {n}")
    with django_assert_max_num_queries(expected) as few:
        body_of(client.get(reverse("personas:list")))
    for n in range(23):
        make_persona(segment=f"Segment {n}")
    with django_assert_max_num_queries(expected) as many:
        body_of(client.get(reverse("personas:list")))
    assert len(few) == len(many)


# ---- Profile ----------------------------------------------------------------------------


def test_profile_shows_every_section_with_lists(rep_client, published):
    body = body_of(rep_client.get(published.get_absolute_url()))
    for heading in [
        "Who they are",
        "Goals",
        "Pains",
        "What they care about when buying",
        "Priority initiatives",
        "Success factors",
        "Decision criteria",
        "Perceived barriers",
        "Objections",
        "Where to reach them",
        "Approved messaging",
        "Collateral by buying stage",
    ]:
        assert f">{heading}</h" in body
    assert "<li>Hit the carrier cut-offs</li><li>Fewer exceptions</li>" in body
    assert '<section class="section persona-related" aria-labelledby="messaging-title">' in body
    # Reps get no marketing controls.
    assert "Mark as reviewed today" not in body
    assert reverse("personas:edit", args=[published.slug]) not in body


def test_marketer_sees_edit_status_and_review_actions(marketer_client, published):
    body = body_of(marketer_client.get(published.get_absolute_url()))
    assert reverse("personas:edit", args=[published.slug]) in body
    assert reverse("personas:archive", args=[published.slug]) in body
    assert "Mark as reviewed today" in body


def test_marketer_sees_a_draft_notice_with_a_preview_link(marketer_client, draft):
    body = body_of(marketer_client.get(draft.get_absolute_url()))
    assert "Only Marketing can see this persona until it is published" in body
    assert reverse("personas:preview", args=[draft.slug]) in body


def test_preview_shows_the_profile_with_a_banner_and_publish_button(marketer_client, draft):
    body = body_of(marketer_client.get(reverse("personas:preview", args=[draft.slug])))
    assert "Preview — not yet published." in body
    assert f'action="{reverse("personas:publish", args=[draft.slug])}"' in body
    assert "Who they are" in body
    # Exactly what sales will see: no marketing toolbar inside the profile.
    assert "Mark as reviewed today" not in body


def test_profile_prefetches_only_what_the_other_apps_allow(marketer_client, published, marketer):
    approved = PersonaMessage.objects.create(
        persona=published, headline="Dispatch on time", key_messages="a", status=Status.APPROVED
    )
    PersonaMessage.objects.create(persona=published, headline="Draft idea", key_messages="b")
    response = marketer_client.get(published.get_absolute_url())
    assert list(response.context["persona"].messages.all()) == [approved]


def add_related_content(persona: Persona, owner, count: int) -> None:
    stage = BuyingStage.objects.order_by("order").first()
    for n in range(count):
        PersonaMessage.objects.create(
            persona=persona, headline=f"Message {n}", key_messages="x", status=Status.APPROVED
        )
        Objection.objects.create(
            persona=persona, objection=f"Objection {n}", response="y", status=Status.APPROVED
        )
        asset = Asset.objects.create(
            title=f"Deck {n}", asset_type="deck", status="published", owner=owner
        )
        asset.personas.add(persona)
        asset.stages.add(stage)


@pytest.mark.parametrize("role", ["rep", "marketer"])
def test_profile_runs_the_same_queries_however_much_is_attached(
    request, role, marketer, published, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"{role}_client")
    # session, user, role groups, persona (+ owner), then one query per reverse relation and
    # per prefetch inside the other apps' for_persona_page() querysets: messages (+ pillars),
    # objections, assets (+ stages). 9 today; the budget leaves those apps a little room.
    budget = 12
    add_related_content(published, marketer, 1)
    with django_assert_max_num_queries(budget) as few:
        body_of(client.get(published.get_absolute_url()))
    add_related_content(published, marketer, 20)
    for _n in range(25):
        make_persona()
    with django_assert_max_num_queries(budget) as many:
        body_of(client.get(published.get_absolute_url()))
    assert len(few) == len(many)


# ---- Review marker ----------------------------------------------------------------------


def reviewed_days_ago(persona: Persona, days: int) -> None:
    Persona.objects.filter(pk=persona.pk).update(
        reviewed_at=timezone.localdate() - timedelta(days=days)
    )


def test_review_line_is_plain_within_the_review_period(rep_client, published):
    reviewed_days_ago(published, 180)
    body = body_of(rep_client.get(published.get_absolute_url()))
    assert "Last reviewed" in body
    assert "persona-review--stale" not in body


def test_review_line_turns_amber_after_180_days(rep_client, published):
    reviewed_days_ago(published, 181)
    body = body_of(rep_client.get(published.get_absolute_url()))
    assert '<p class="persona-review persona-review--stale">' in body
    assert "review due" in body


def test_review_period_comes_from_settings(rep_client, published, settings):
    settings.ONEVOICE_PERSONA_REVIEW_DAYS = 30
    reviewed_days_ago(published, 31)
    assert "persona-review--stale" in body_of(rep_client.get(published.get_absolute_url()))


def test_never_reviewed_persona_is_due_for_review(rep_client, published):
    Persona.objects.filter(pk=published.pk).update(reviewed_at=None)
    body = body_of(rep_client.get(published.get_absolute_url()))
    assert "Never reviewed" in body
    assert "persona-review--stale" in body


def test_marketer_marks_a_persona_as_reviewed_today(marketer_client, published):
    reviewed_days_ago(published, 400)
    response = marketer_client.post(
        reverse("personas:mark_reviewed", args=[published.slug]), follow=True
    )
    published.refresh_from_db()
    assert published.reviewed_at == timezone.localdate()
    body = body_of(response)
    assert "Marked “Operations Olivia” as reviewed today." in body
    assert "persona-review--stale" not in body


def test_personas_past_their_review_date_stay_visible_to_reps_marked_review_due(
    marketer_client, rep_client, published
):
    reviewed_days_ago(published, 365)
    assert "Review due" in body_of(marketer_client.get(reverse("personas:list")))
    assert "Review due" in body_of(rep_client.get(reverse("personas:list")))
    page = body_of(rep_client.get(published.get_absolute_url()))
    assert "review due" in page
    assert "Mark as reviewed today" not in page  # only marketing acts on it


def test_a_persona_reviewed_recently_is_not_marked_review_due(rep_client, published):
    reviewed_days_ago(published, 10)
    assert "Review due" not in body_of(rep_client.get(reverse("personas:list")))
    assert "review due" not in body_of(rep_client.get(published.get_absolute_url()))


# ---- Print ------------------------------------------------------------------------------


def test_print_view_has_the_whole_profile_and_the_print_stylesheet(rep_client, published):
    body = body_of(rep_client.get(reverse("personas:print", args=[published.slug])))
    assert "persona-print-page" in body
    assert "<li>Hit the carrier cut-offs</li>" in body
    assert "Where to reach them" in body
    assert 'media="print"' in body
    assert "js/personas-print.js" in body
